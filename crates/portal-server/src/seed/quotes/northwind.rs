//! Northwind Solutions' quotes and orders: Contoso's revised and accepted quote with its order
//! waiting for the purchase order, Adatum's draft, sent and expired quotes, Tailspin Toys' quote
//! waiting for a channel manager and its accepted one, Litware's automatically approved draft, and
//! an upsell to one of the administrator's customers, ordered and provisioned.

use super::{Draft, Firm};
use crate::error::{Error, Result};
use crate::seed::Seeder;
use crate::storage::{customers, Write};
use crate::sync::numbers::order_number;
use crate::sync::{provision, quotes};
use portal_core::ids::{OrderId, UserId};
use portal_core::order::{Address, Order, OrderStatus};
use portal_core::quote::{Approval, QuoteFor, QuoteStatus};

impl Seeder<'_> {
    pub(super) async fn northwind(&mut self, tx: &mut Write, f: &Firm<'_>) -> Result<()> {
        let marcus = f.user("sales")?;
        let (contoso, contoso_deal) = self.named(tx, f.partner, "contoso.example").await?;
        let (adatum, _) = self.named(tx, f.partner, "adatum.example").await?;
        let (tailspin, _) = self.named(tx, f.partner, "tailspintoys.example").await?;
        let (litware, _) = self.named(tx, f.partner, "litware.example").await?;

        // Contoso: sent, revised with deeper discounts, accepted; the order waits for the PO.
        let mut rev1 = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(contoso.id),
                deal: contoso_deal,
                lines: &[("BM-GW", 850, 36, 1000), ("BM-ATP", 850, 36, 500)],
                created_ago: 30,
                valid_for: 5,
                notes: "Three-year term to lock in the price before the budget review.",
            },
        )?;
        rev1.number = Some(self.number());
        self.sent(&mut rev1, 28, None);
        let mut rev2 = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(contoso.id),
                deal: contoso_deal,
                lines: &[("BM-GW", 850, 36, 1500), ("BM-ATP", 850, 36, 1000)],
                created_ago: 14,
                valid_for: 16,
                notes: "Revised after the procurement call: deeper discount on both products.",
            },
        )?;
        rev2.number = rev1.number.clone();
        rev2.revision = 2;
        rev2.supersedes = Some(rev1.id);
        rev1.superseded_by = Some(rev2.id);
        let was = rev1.status;
        rev1.status = QuoteStatus::Superseded;
        self.save_quote(tx, f.partner, rev1, Some(was)).await?;
        self.sent(&mut rev2, 12, Some((QuoteStatus::Accepted, 6)));
        let rev2 = self.save_quote(tx, f.partner, rev2, None).await?;
        let mut order = self.order(&rev2, &contoso, 5);
        order.po_number = "CON-PO-20417".into();
        self.save_order(tx, f.partner, order).await?;

        // Adatum: a draft, a sent quote, and one whose validity ran out.
        let mut draft = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(adatum.id),
                deal: None,
                lines: &[("BM-GW", 420, 12, 0)],
                created_ago: 2,
                valid_for: 28,
                notes: "",
            },
        )?;
        draft.number = Some(self.number());
        self.save_quote(tx, f.partner, draft, None).await?;
        let mut sent = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(adatum.id),
                deal: None,
                lines: &[("BM-ARC", 420, 24, 500), ("BM-DLP", 420, 24, 500)],
                created_ago: 9,
                valid_for: 21,
                notes: "Archive and DLP for the compliance project.",
            },
        )?;
        sent.number = Some(self.number());
        self.sent(&mut sent, 8, None);
        self.save_quote(tx, f.partner, sent, None).await?;
        let mut expired = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(adatum.id),
                deal: None,
                lines: &[("BM-CON", 420, 12, 0)],
                created_ago: 60,
                valid_for: -30,
                notes: "",
            },
        )?;
        expired.number = Some(self.number());
        self.sent(&mut expired, 58, None);
        expired.status = QuoteStatus::Expired;
        expired.status_reason = Some(quotes::expiry_reason(expired.valid_until));
        self.save_quote(tx, f.partner, expired, None).await?;

        // Tailspin Toys: a 45% discount waits for a channel manager; an accepted quote.
        let mut pending = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(tailspin.id),
                deal: None,
                lines: &[("BM-GW", 160, 24, 4500)],
                created_ago: 1,
                valid_for: 29,
                notes: "Matching a competitor's offer; needs the vendor's approval.",
            },
        )?;
        pending.number = Some(self.number());
        debug_assert_eq!(pending.approval, Approval::Pending);
        self.save_quote(tx, f.partner, pending, None).await?;
        let mut accepted = self.price(
            f,
            &Draft {
                owner: marcus,
                quote_for: QuoteFor::Prospect(tailspin.id),
                deal: None,
                lines: &[("BM-ATP", 160, 12, 1000)],
                created_ago: 20,
                valid_for: 10,
                notes: "",
            },
        )?;
        accepted.number = Some(self.number());
        self.sent(&mut accepted, 18, Some((QuoteStatus::Accepted, 3)));
        self.save_quote(tx, f.partner, accepted, None).await?;

        // Litware: the administrator's draft, its discount above the cap approved automatically.
        let olivia = f.user("admin")?;
        let mut auto = self.price(
            f,
            &Draft {
                owner: olivia,
                quote_for: QuoteFor::Prospect(litware.id),
                deal: None,
                lines: &[("BM-DLP", 300, 12, 3800)],
                created_ago: 3,
                valid_for: 27,
                notes: "",
            },
        )?;
        auto.number = Some(self.number());
        debug_assert_eq!(auto.approval, Approval::Approved);
        self.save_quote(tx, f.partner, auto, None).await?;
        self.upsell(tx, f, olivia).await
    }

    /// An upsell to one of `owner`'s customers: accepted, ordered and provisioned three days ago,
    /// so the customer has one more subscription (renewing within the year) and an invoice.
    async fn upsell(&mut self, tx: &mut Write, f: &Firm<'_>, owner: UserId) -> Result<()> {
        let customer = customers::first_of_owner(tx, f.partner, owner)
            .await?
            .ok_or_else(|| Error::corrupt(format!("no demo customer of {owner}")))?;
        let mut quote = self.price(
            f,
            &Draft {
                owner,
                quote_for: QuoteFor::Customer(customer.id),
                deal: None,
                lines: &[("BM-SAT", 250, 12, 1000)],
                created_ago: 15,
                valid_for: 15,
                notes: "Awareness training for every mailbox, from next month.",
            },
        )?;
        quote.number = Some(self.number());
        self.sent(&mut quote, 14, Some((QuoteStatus::Ordered, 7)));
        let quote = self.save_quote(tx, f.partner, quote, None).await?;
        self.order_seq += 1;
        let provisioned = self.ago(3);
        let mut order = Order {
            id: OrderId(self.quote_ids.next()),
            number: Some(order_number(self.order_seq)),
            quote_id: quote.id,
            company_name: customer.company_name,
            sector: customer.sector,
            address: Address {
                line1: customer.address_line1,
                line2: String::new(),
                city: customer.city,
                region: customer.region,
                postal_code: customer.postal_code,
                country: customer.country,
            },
            po_number: "PO-88213".into(),
            po_attachment: None,
            currency: quote.currency,
            total: quote.totals.total,
            rrp_total: quote.totals.rrp_total,
            cost_total: quote.totals.cost_total,
            owner_id: owner,
            created_on: self.ago(6),
            status: OrderStatus::Provisioned,
            status_reason: None,
            submitted_on: Some(self.ago(4)),
            provisioned_on: Some(provisioned),
            customer_id: None,
        };
        let created_at = self.created_at;
        let created = provision::create_records(
            tx,
            f.partner,
            &order,
            &quote,
            provisioned,
            created_at,
            &mut || self.quote_ids.next(),
        )
        .await?
        .map_err(|reason| Error::corrupt(format!("demo order refused: {reason}")))?;
        for (entity, id) in &created.records {
            self.log(tx, *entity, *id, None).await?;
        }
        order.customer_id = Some(created.customer_id);
        self.save_order(tx, f.partner, order).await
    }
}
