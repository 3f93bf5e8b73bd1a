//! Demo quotes and orders on the named demo prospects, priced by the pricing engine with each firm's
//! price book, so that the Quotes and Orders pages and the vendor's approvals queue show realistic
//! data from the first sign-in.
//!
//! Northwind Solutions — `sales` (Marcus Reid): Contoso's quote revised (rev 1 superseded by rev 2,
//! which the customer accepted; its order waits for the customer's purchase order), a draft and a
//! sent quote for Adatum and an expired one, a draft for Tailspin Toys whose 45% discount waits for
//! a channel manager, and an accepted Tailspin quote ready to be ordered; `admin` (Olivia Bennett):
//! a Litware draft whose discount above the cap was approved automatically, and an upsell to one of
//! her customers, ordered and provisioned (a subscription, its renewal and an invoice).
//!
//! Bluefin IT — `sales` (Lukas Berger): a sent Fabrikam quote (approved automatically), a Fabrikam
//! draft, a declined Alpine Ski House quote and an Alpine draft waiting for approval.
//!
//! Ids come from their own RNG and id clock, so adding quotes left every other seeded row as it was.

use super::Seeder;
use crate::config::QuotesConfig;
use crate::error::{Error, Result};
use crate::sync::merge::{FieldStamps, Stamp};
use crate::sync::quote_records::{self, order_number, quote_number, StoredOrder, StoredQuote};
use crate::sync::{pricebook, provision, quotes, records};
use chrono::{Days, NaiveDate};
use portal_core::deal::DealStatus;
use portal_core::ids::{CustomerId, DealId, OrderId, QuoteId, UserId};
use portal_core::money::{Currency, Percent};
use portal_core::order::{Address, Order, OrderStatus};
use portal_core::pricebook::PriceBook;
use portal_core::pricing::{self, QuoteLine};
use portal_core::prospect::Prospect;
use portal_core::quote::{Approval, Quote, QuoteFor, QuoteStatus};
use portal_core::sync::Entity;
use portal_core::Role;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

/// UUIDv7-shaped ids from a fixed clock that ticks once per record, plus RNG bytes.
pub(super) struct IdClock {
    pub rng: ChaCha8Rng,
    pub millis: u64,
}

impl IdClock {
    pub fn next(&mut self) -> uuid::Uuid {
        self.millis += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid()
    }
}

/// A line as the demo writes it: (SKU, mailboxes, term in months, discount in basis points).
type LineSpec = (&'static str, u32, u32, u32);

/// A new quote of the demo, before its status is set.
struct Draft<'a> {
    owner: UserId,
    quote_for: QuoteFor,
    deal: Option<DealId>,
    lines: &'a [LineSpec],
    created_ago: u64,
    /// `valid_until` is this many days from today (negative: in the past).
    valid_for: i64,
    notes: &'a str,
}

/// The firm being seeded: its id, price book and users.
struct Firm<'a> {
    partner: &'a str,
    book: PriceBook,
    users: &'a [(&'a str, String, Role)],
}

impl Firm<'_> {
    fn user(&self, local: &str) -> Result<UserId> {
        self.users
            .iter()
            .find(|(l, _, _)| *l == local)
            .ok_or_else(|| Error::corrupt(format!("no demo user {local}")))?
            .1
            .parse()
            .map_err(Error::corrupt)
    }
}

fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    if offset >= 0 {
        today + Days::new(offset.unsigned_abs())
    } else {
        today - Days::new(offset.unsigned_abs())
    }
}

impl Seeder<'_> {
    fn ago(&self, days: u64) -> NaiveDate {
        self.options.today - Days::new(days)
    }

    /// The firm's named prospect with this domain, and its approved deal registration if any.
    async fn named(
        &self,
        conn: &mut SqliteConnection,
        partner: &str,
        domain: &str,
    ) -> Result<(Prospect, Option<DealId>)> {
        let (id, _) = records::prospect_by_domain(conn, partner, domain)
            .await?
            .ok_or_else(|| Error::corrupt(format!("no demo prospect {domain}")))?;
        let prospect = records::prospect(conn, partner, &id)
            .await?
            .ok_or_else(|| Error::corrupt(format!("no demo prospect {id}")))?
            .prospect;
        let deal = records::deals_of_prospect(conn, partner, &id)
            .await?
            .into_iter()
            .find(|d| d.deal.status == DealStatus::Approved)
            .map(|d| d.deal.id);
        Ok((prospect, deal))
    }

    /// A draft priced with the firm's book, its approval decided as the server would decide it
    /// (with the default automatic limit).
    fn price(&mut self, firm: &Firm<'_>, d: &Draft<'_>) -> Result<Quote> {
        let today = self.options.today;
        let lines = d
            .lines
            .iter()
            .map(|(sku, quantity, term_months, discount)| {
                let product = firm
                    .book
                    .products
                    .iter()
                    .find(|p| p.sku == *sku)
                    .ok_or_else(|| Error::corrupt(format!("no product {sku}")))?;
                Ok(QuoteLine {
                    product_id: product.id,
                    quantity: *quantity,
                    term_months: *term_months,
                    discount: Percent(*discount),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let priced = pricing::price_quote(&firm.book, &lines, Currency::USD)
            .map_err(|e| Error::corrupt(format!("demo quote does not price: {e:?}")))?;
        let limit = Percent(QuotesConfig::default().auto_approve_up_to_bp);
        let auto = lines
            .iter()
            .zip(&priced.lines)
            .all(|(l, p)| !p.needs_approval || l.discount <= limit);
        let (approval, approval_reason) = match (priced.needs_approval, auto) {
            (false, _) => (Approval::NotNeeded, None),
            (true, true) => (
                Approval::Approved,
                Some(quotes::auto_approval_reason(limit)),
            ),
            (true, false) => (Approval::Pending, None),
        };
        Ok(Quote {
            id: QuoteId(self.quote_ids.next()),
            number: None,
            revision: 1,
            supersedes: None,
            superseded_by: None,
            quote_for: d.quote_for,
            deal_id: d.deal,
            currency: Currency::USD,
            lines,
            totals: priced.totals,
            valid_until: day(today, d.valid_for),
            notes: d.notes.into(),
            owner_id: d.owner,
            created_on: self.ago(d.created_ago),
            status: QuoteStatus::Draft,
            approval,
            approval_reason,
            status_reason: None,
            sent_on: None,
            decided_on: None,
        })
    }

    fn number(&mut self) -> String {
        self.quote_seq += 1;
        quote_number(self.quote_seq)
    }

    /// Logs and writes a quote as it stands.
    async fn save_quote(
        &mut self,
        conn: &mut SqliteConnection,
        partner: &str,
        quote: Quote,
        restore_status: Option<QuoteStatus>,
    ) -> Result<Quote> {
        let id = quote.id.to_string();
        let owner = quote.owner_id.to_string();
        let version = self.log(conn, Entity::Quote, &id, Some(&owner)).await?;
        let stored = StoredQuote {
            quote,
            version,
            stamps: FieldStamps::new(Stamp {
                version,
                client: None,
            }),
            restore_status,
            approval_decided_by: None,
        };
        quote_records::save_quote(conn, partner, &stored).await?;
        self.report.quotes += 1;
        Ok(stored.quote)
    }

    /// A quote that went out: sent `sent_ago` days ago, then (if `decided_ago`) accepted or
    /// declined.
    fn sent(&self, q: &mut Quote, sent_ago: u64, decided: Option<(QuoteStatus, u64)>) {
        q.status = QuoteStatus::Sent;
        q.sent_on = Some(self.ago(sent_ago));
        if let Some((status, ago)) = decided {
            q.status = status;
            q.decided_on = Some(self.ago(ago));
        }
    }

    /// An order on `quote` with the prospect's details.
    fn order(&mut self, quote: &Quote, prospect: &Prospect, created_ago: u64) -> Order {
        self.order_seq += 1;
        let a = &prospect.address;
        Order {
            id: OrderId(self.quote_ids.next()),
            number: Some(order_number(self.order_seq)),
            quote_id: quote.id,
            company_name: prospect.company_name.clone(),
            sector: prospect.sector.clone(),
            address: Address {
                line1: a.line1.clone(),
                line2: a.line2.clone(),
                city: a.city.clone(),
                region: a.region.clone(),
                postal_code: a.postal_code.clone(),
                country: a.country.clone(),
            },
            po_number: String::new(),
            po_attachment: None,
            currency: quote.currency,
            total: quote.totals.total,
            rrp_total: quote.totals.rrp_total,
            cost_total: quote.totals.cost_total,
            owner_id: quote.owner_id,
            created_on: self.ago(created_ago),
            status: OrderStatus::PendingCustomerApproval,
            status_reason: None,
            submitted_on: None,
            provisioned_on: None,
            customer_id: None,
        }
    }

    async fn save_order(
        &mut self,
        conn: &mut SqliteConnection,
        partner: &str,
        order: Order,
    ) -> Result<()> {
        let id = order.id.to_string();
        let owner = order.owner_id.to_string();
        let version = self.log(conn, Entity::Order, &id, Some(&owner)).await?;
        let stored = StoredOrder {
            order,
            version,
            stamps: FieldStamps::new(Stamp {
                version,
                client: None,
            }),
        };
        quote_records::save_order(conn, partner, &stored).await?;
        self.report.orders += 1;
        Ok(())
    }

    /// The firm's demo quotes and orders (after its customers and prospects).
    pub(super) async fn quotes(
        &mut self,
        conn: &mut SqliteConnection,
        firm: &str,
        partner: &str,
        users: &[(&str, String, Role)],
    ) -> Result<()> {
        let f = Firm {
            partner,
            book: pricebook::load(conn, partner).await?,
            users,
        };
        match firm {
            "Northwind Solutions" => self.northwind(conn, &f).await,
            "Bluefin IT" => self.bluefin(conn, &f).await,
            _ => Ok(()),
        }
    }

    async fn northwind(&mut self, conn: &mut SqliteConnection, f: &Firm<'_>) -> Result<()> {
        let marcus = f.user("sales")?;
        let (contoso, contoso_deal) = self.named(conn, f.partner, "contoso.example").await?;
        let (adatum, _) = self.named(conn, f.partner, "adatum.example").await?;
        let (tailspin, _) = self.named(conn, f.partner, "tailspintoys.example").await?;
        let (litware, _) = self.named(conn, f.partner, "litware.example").await?;

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
        self.save_quote(conn, f.partner, rev1, Some(was)).await?;
        self.sent(&mut rev2, 12, Some((QuoteStatus::Accepted, 6)));
        let rev2 = self.save_quote(conn, f.partner, rev2, None).await?;
        let mut order = self.order(&rev2, &contoso, 5);
        order.po_number = "CON-PO-20417".into();
        self.save_order(conn, f.partner, order).await?;

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
        self.save_quote(conn, f.partner, draft, None).await?;
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
        self.save_quote(conn, f.partner, sent, None).await?;
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
        self.save_quote(conn, f.partner, expired, None).await?;

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
        self.save_quote(conn, f.partner, pending, None).await?;
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
        self.save_quote(conn, f.partner, accepted, None).await?;

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
        self.save_quote(conn, f.partner, auto, None).await?;
        self.upsell(conn, f, olivia).await
    }

    /// An upsell to one of `owner`'s customers: accepted, ordered and provisioned three days ago,
    /// so the customer has one more subscription (renewing within the year) and an invoice.
    async fn upsell(
        &mut self,
        conn: &mut SqliteConnection,
        f: &Firm<'_>,
        owner: UserId,
    ) -> Result<()> {
        type CustomerRow = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        );
        let (id, company_name, sector, line1, city, region, postal_code, country): CustomerRow =
            sqlx::query_as(
                "SELECT id, company_name, sector, address_line1, city, region, postal_code, country
                 FROM customers WHERE partner_id = ?1 AND owner_user_id = ?2 ORDER BY id LIMIT 1",
            )
            .bind(f.partner)
            .bind(owner.to_string())
            .fetch_one(&mut *conn)
            .await?;
        let customer: CustomerId = id.parse().map_err(Error::corrupt)?;
        let mut quote = self.price(
            f,
            &Draft {
                owner,
                quote_for: QuoteFor::Customer(customer),
                deal: None,
                lines: &[("BM-SAT", 250, 12, 1000)],
                created_ago: 15,
                valid_for: 15,
                notes: "Awareness training for every mailbox, from next month.",
            },
        )?;
        quote.number = Some(self.number());
        self.sent(&mut quote, 14, Some((QuoteStatus::Ordered, 7)));
        let quote = self.save_quote(conn, f.partner, quote, None).await?;
        self.order_seq += 1;
        let provisioned = self.ago(3);
        let mut order = Order {
            id: OrderId(self.quote_ids.next()),
            number: Some(order_number(self.order_seq)),
            quote_id: quote.id,
            company_name,
            sector,
            address: Address {
                line1,
                line2: String::new(),
                city,
                region,
                postal_code,
                country,
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
        let created_at = self.created_at.clone();
        let created = provision::create_records(
            conn,
            f.partner,
            &order,
            &quote,
            provisioned,
            &created_at,
            &mut || self.quote_ids.next(),
        )
        .await?
        .map_err(|reason| Error::corrupt(format!("demo order refused: {reason}")))?;
        for (entity, id) in &created.records {
            self.log(conn, *entity, id, None).await?;
        }
        order.customer_id = Some(created.customer_id);
        self.save_order(conn, f.partner, order).await
    }

    async fn bluefin(&mut self, conn: &mut SqliteConnection, f: &Firm<'_>) -> Result<()> {
        let lukas = f.user("sales")?;
        let (fabrikam, fabrikam_deal) =
            self.named(conn, f.partner, super::CONTESTED_DOMAIN).await?;
        let (alpine, _) = self
            .named(conn, f.partner, "alpineskihouse.example")
            .await?;
        let mut sent = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(fabrikam.id),
                deal: fabrikam_deal,
                lines: &[("BM-GW", 1200, 36, 3800), ("BM-ATP", 1200, 36, 2500)],
                created_ago: 6,
                valid_for: 24,
                notes: "Registered deal; three-year term.",
            },
        )?;
        sent.number = Some(self.number());
        self.sent(&mut sent, 5, None);
        self.save_quote(conn, f.partner, sent, None).await?;
        let mut draft = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(fabrikam.id),
                deal: fabrikam_deal,
                lines: &[("BM-SAT", 1200, 12, 0)],
                created_ago: 1,
                valid_for: 29,
                notes: "Awareness training as an add-on.",
            },
        )?;
        draft.number = Some(self.number());
        self.save_quote(conn, f.partner, draft, None).await?;
        let mut declined = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(alpine.id),
                deal: None,
                lines: &[("BM-GW", 140, 12, 500)],
                created_ago: 40,
                valid_for: -10,
                notes: "",
            },
        )?;
        declined.number = Some(self.number());
        self.sent(&mut declined, 38, Some((QuoteStatus::Declined, 30)));
        self.save_quote(conn, f.partner, declined, None).await?;
        let mut pending = self.price(
            f,
            &Draft {
                owner: lukas,
                quote_for: QuoteFor::Prospect(alpine.id),
                deal: None,
                lines: &[("BM-ATP", 140, 12, 5000)],
                created_ago: 2,
                valid_for: 28,
                notes: "Winter-season pricing; needs the vendor's approval.",
            },
        )?;
        pending.number = Some(self.number());
        debug_assert_eq!(pending.approval, Approval::Pending);
        self.save_quote(conn, f.partner, pending, None).await?;
        Ok(())
    }
}
