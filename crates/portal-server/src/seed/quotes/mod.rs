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
//! Each firm's story is in its own module ([`northwind`], [`bluefin`]); this one holds what they
//! share: drafts priced by the firm's book, quotes and orders logged and saved.

mod bluefin;
mod northwind;

use super::Seeder;
use crate::config::QuotesConfig;
use crate::error::{Error, Result};
use crate::storage::records::{
    self, FieldStamps, Stamp, Stored, StoredOrder, StoredProspect, StoredQuote,
};
use crate::storage::{pricebook, Write};
use crate::sync::numbers::{order_number, quote_number};
use crate::sync::quotes;
use chrono::{Days, NaiveDate};
use portal_core::deal::DealStatus;
use portal_core::ids::{DealId, OrderId, PartnerId, QuoteId, UserId};
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
    partner: PartnerId,
    book: PriceBook,
    users: &'a [(&'a str, UserId, Role)],
}

impl Firm<'_> {
    fn user(&self, local: &str) -> Result<UserId> {
        Ok(self
            .users
            .iter()
            .find(|(l, _, _)| *l == local)
            .ok_or_else(|| Error::corrupt(format!("no demo user {local}")))?
            .1)
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
        tx: &mut Write,
        partner: PartnerId,
        domain: &str,
    ) -> Result<(Prospect, Option<DealId>)> {
        let (id, _) = records::prospect_by_domain(tx, partner, domain)
            .await?
            .ok_or_else(|| Error::corrupt(format!("no demo prospect {domain}")))?;
        let prospect = StoredProspect::find(tx, partner, id.0)
            .await?
            .ok_or_else(|| Error::corrupt(format!("no demo prospect {id}")))?
            .prospect;
        let deal = records::deals_of_prospect(tx, partner, id)
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
        tx: &mut Write,
        partner: PartnerId,
        quote: Quote,
        restore_status: Option<QuoteStatus>,
    ) -> Result<Quote> {
        let version = self
            .log(tx, Entity::Quote, quote.id.0, Some(quote.owner_id))
            .await?;
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
        stored.save(tx, partner).await?;
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

    async fn save_order(&mut self, tx: &mut Write, partner: PartnerId, order: Order) -> Result<()> {
        let version = self
            .log(tx, Entity::Order, order.id.0, Some(order.owner_id))
            .await?;
        let stored = StoredOrder {
            order,
            version,
            stamps: FieldStamps::new(Stamp {
                version,
                client: None,
            }),
        };
        stored.save(tx, partner).await?;
        self.report.orders += 1;
        Ok(())
    }

    /// The firm's demo quotes and orders (after its customers and prospects).
    pub(super) async fn quotes(
        &mut self,
        tx: &mut Write,
        firm: &str,
        partner: PartnerId,
        users: &[(&str, UserId, Role)],
    ) -> Result<()> {
        let f = Firm {
            partner,
            book: pricebook::load(tx, partner).await?,
            users,
        };
        match firm {
            "Northwind Solutions" => self.northwind(tx, &f).await,
            "Bluefin IT" => self.bluefin(tx, &f).await,
            _ => Ok(()),
        }
    }
}
