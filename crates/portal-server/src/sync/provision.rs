//! The vendor's provisioning of submitted orders, asynchronous like the vendor's real back office:
//! every `orders.provision_interval_secs` a tick moves each submitted order one step, each step the
//! vendor's in the order's life cycle (`OrderStatus::apply` with `Actor::Vendor`).
//!
//! - Submitted → Processing (the vendor accepted it), or Refused when the company is already a
//!   customer of another partner firm.
//! - Processing → Provisioned: in one transaction, the customer (from the order's company details
//!   and the prospect's domain and primary contact; or the firm's existing customer), one
//!   subscription per quote line starting today, a renewal for each at its end, and the invoice for
//!   the order's total, due in 30 days. Every record is a change in the firm's log, so the app pulls
//!   them; the order names its customer.
//!
//! A refused order goes back to the partner (its quote is accepted again), who may correct and
//! submit it again.

use super::orders::{self, PRICE_BOOK_CHANGED};
use super::write;
use crate::error::{Error, Result};
use crate::storage::customers::{self, Customer as CustomerRow, Invoice, Renewal, Subscription};
use crate::storage::records::{self, Stored, StoredOrder, StoredProspect, StoredQuote};
use crate::storage::{accounts, changelog, pricebook, Conn, Storage, Write};
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use portal_core::actor::Actor;
use portal_core::customers::{InvoiceKind, InvoiceStatus};
use portal_core::ids::{CustomerId, InvoiceId, PartnerId, RenewalId, SubscriptionId};
use portal_core::order::{Order, OrderAction, OrderStatus};
use portal_core::pricing;
use portal_core::quote::{Quote, QuoteFor};
use portal_core::sync::Entity;
use uuid::Uuid;

/// Why an order for a company another partner firm already serves is refused.
pub const ANOTHER_PARTNERS_CUSTOMER: &str =
    "This company is already a customer of another partner.";

/// Days from an invoice to its due date.
pub const INVOICE_DUE_DAYS: u64 = 30;

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Provisioned {
    /// Orders moved from Submitted to Processing.
    pub processing: u64,
    /// Orders provisioned.
    pub provisioned: u64,
    /// Orders refused.
    pub refused: u64,
}

/// The customer an order is for.
enum Customer {
    /// The firm's customer already.
    Existing(CustomerId),
    /// A new customer of the firm: its domain and primary contact (name, email).
    New {
        domain: String,
        contact_name: String,
        contact_email: String,
    },
}

/// Who the order's customer is, or why the vendor refuses the order.
async fn customer_for(
    db: &mut Conn,
    partner: PartnerId,
    quote: &Quote,
) -> Result<std::result::Result<Customer, String>> {
    match quote.quote_for {
        QuoteFor::Customer(id) => Ok(
            if customers::company_name(db, partner, id).await?.is_some() {
                Ok(Customer::Existing(id))
            } else {
                Err("The customer this order's quote is for no longer exists.".into())
            },
        ),
        QuoteFor::Prospect(id) => {
            let Some(p) = StoredProspect::find(db, partner, id.0).await? else {
                return Ok(Err(
                    "The prospect this order's quote is for was deleted.".into()
                ));
            };
            let domain = p.prospect.domain.to_string();
            if customers::served_elsewhere(db, partner, &domain).await? {
                return Ok(Err(ANOTHER_PARTNERS_CUSTOMER.into()));
            }
            if let Some(id) = customers::by_domain(db, partner, &domain).await? {
                return Ok(Ok(Customer::Existing(id)));
            }
            let c = &p.prospect.primary_contact;
            Ok(Ok(Customer::New {
                domain,
                contact_name: format!("{} {}", c.first_name.trim(), c.last_name.trim())
                    .trim()
                    .to_owned(),
                contact_email: c.email.clone(),
            }))
        }
    }
}

/// The invoice numbers this server gives: `INV-<firm's letters>-<digits>` (SQL `LIKE` pattern).
const INVOICE_NUMBERS: &str = "INV-%-%";

/// The firm's next invoice number, in the style of its earlier ones (`INV-NW-0000042`); a firm
/// without invoices starts a series from its name's initials. Never one that exists.
pub async fn next_invoice_number(db: &mut Conn, partner: PartnerId) -> Result<String> {
    let latest = customers::latest_invoice_number(db, partner, INVOICE_NUMBERS).await?;
    let parsed = latest.as_deref().and_then(|n| {
        let (prefix, digits) = n.rsplit_once('-')?;
        let seq: u64 = digits.parse().ok()?;
        Some((prefix.to_owned(), seq, digits.len()))
    });
    let (prefix, mut seq, width) = match parsed {
        Some(p) => p,
        None => {
            let name = accounts::partner_name(db, partner).await?;
            let initials: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().find(char::is_ascii_alphanumeric))
                .take(2)
                .collect::<String>()
                .to_ascii_uppercase();
            (format!("INV-{initials}"), 0, 7)
        }
    };
    loop {
        seq += 1;
        let number = format!("{prefix}-{seq:0width$}");
        if !customers::invoice_number_taken(db, &number).await? {
            return Ok(number);
        }
    }
}

/// What provisioning wrote for an order, for the caller to log: the customer, and every record
/// created (the customer too when it is new).
pub struct Created {
    pub customer_id: CustomerId,
    pub records: Vec<(Entity, Uuid)>,
}

/// Writes the customer (unless it exists), subscriptions, renewals and invoice of a provisioned
/// order, or answers why the order is refused. `new_id` gives the new records' ids and
/// `created_at` the customer's creation instant (the seed passes fixed ones).
pub async fn create_records(
    tx: &mut Write,
    partner: PartnerId,
    order: &Order,
    quote: &Quote,
    today: NaiveDate,
    created_at: DateTime<Utc>,
    new_id: &mut (dyn FnMut() -> Uuid + Send),
) -> Result<std::result::Result<Created, String>> {
    let customer = match customer_for(tx, partner, quote).await? {
        Ok(c) => c,
        Err(reason) => return Ok(Err(reason)),
    };
    let book = pricebook::load(tx, partner).await?;
    let Ok(priced) = pricing::price_quote(&book, &quote.lines, quote.currency) else {
        return Ok(Err(PRICE_BOOK_CHANGED.into()));
    };
    let mut records = Vec::new();
    let customer_id = match customer {
        Customer::Existing(id) => id,
        Customer::New {
            domain,
            contact_name,
            contact_email,
        } => {
            let id = CustomerId(new_id());
            let a = &order.address;
            let line1 = [a.line1.trim(), a.line2.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            customers::add_customer(
                tx,
                &CustomerRow {
                    id,
                    partner,
                    owner: Some(order.owner_id),
                    company_name: order.company_name.trim().to_owned(),
                    domain,
                    sector: order.sector.trim().to_owned(),
                    address_line1: line1,
                    city: a.city.trim().to_owned(),
                    region: a.region.trim().to_owned(),
                    postal_code: a.postal_code.trim().to_owned(),
                    country: a.country.trim().to_owned(),
                    contact_name,
                    contact_email,
                    created_at,
                },
            )
            .await?;
            records.push((Entity::Customer, id.0));
            id
        }
    };
    for (line, price) in quote.lines.iter().zip(&priced.lines) {
        let ends = today
            .checked_add_months(Months::new(line.term_months))
            .ok_or_else(|| Error::corrupt(format!("term of {} months", line.term_months)))?;
        let subscription = SubscriptionId(new_id());
        customers::add_subscription(
            tx,
            &Subscription {
                id: subscription,
                customer: customer_id,
                product: line.product_id,
                seats: i64::from(line.quantity),
                term_months: line.term_months,
                starts_on: today,
                ends_on: ends,
            },
        )
        .await?;
        let renewal = RenewalId(new_id());
        // Renewing the same mailboxes for the same term at the same price.
        customers::add_renewal(
            tx,
            &Renewal {
                id: renewal,
                subscription,
                due_on: ends,
                value: price.total,
            },
        )
        .await?;
        records.push((Entity::Subscription, subscription.0));
        records.push((Entity::Renewal, renewal.0));
    }
    let invoice = InvoiceId(new_id());
    let number = next_invoice_number(tx, partner).await?;
    customers::add_invoice(
        tx,
        &Invoice {
            id: invoice,
            partner,
            customer: Some(customer_id),
            number,
            kind: InvoiceKind::Customer,
            issued_on: today,
            due_on: today + Days::new(INVOICE_DUE_DAYS),
            total: order.total,
            status: InvoiceStatus::Open,
        },
    )
    .await?;
    records.push((Entity::Invoice, invoice.0));
    Ok(Ok(Created {
        customer_id,
        records,
    }))
}

/// The vendor's step on an order, which its life cycle must allow.
fn vendor_step(order: &Order, action: OrderAction) -> Result<OrderStatus> {
    order
        .status
        .apply(action, Actor::Vendor)
        .map_err(|e| Error::corrupt(format!("provisioning order {}: {e}", order.id)))
}

/// One tick: every submitted order moves to Processing (or is refused), every order that was
/// processing is provisioned (or refused). Each order in its own transaction. Cheap when there is
/// nothing to do: one indexed read, no write lock.
pub async fn provision_orders(storage: &Storage, today: NaiveDate) -> Result<Provisioned> {
    let due = {
        let mut db = storage.conn().await?;
        records::in_provisioning(&mut db).await?
    };
    let mut done = Provisioned::default();
    for (partner, id, status) in due {
        let mut tx = storage.write().await?;
        let stored = StoredOrder::find(&mut tx, partner, id).await?;
        // Gone, or moved on since it was read: another tick got there first.
        let Some(mut stored) = stored.filter(|o| o.order.status == status) else {
            tx.rollback().await?;
            continue;
        };
        let quote_id = stored.order.quote_id;
        let quote = StoredQuote::find(&mut tx, partner, quote_id.0)
            .await?
            .ok_or_else(|| Error::corrupt(format!("order {id} without its quote {quote_id}")))?
            .quote;
        match stored.order.status {
            OrderStatus::Submitted => match customer_for(&mut tx, partner, &quote).await? {
                Err(reason) => {
                    let refused = vendor_step(&stored.order, OrderAction::Refuse)?;
                    orders::refuse(&mut tx, partner, &mut stored, refused, reason).await?;
                    done.refused += 1;
                }
                Ok(_) => {
                    stored.order.status = vendor_step(&stored.order, OrderAction::Process)?;
                    write::save_step(&mut tx, partner, &mut stored).await?;
                    done.processing += 1;
                }
            },
            OrderStatus::Processing => {
                let mut new_id = Uuid::now_v7;
                match create_records(
                    &mut tx,
                    partner,
                    &stored.order,
                    &quote,
                    today,
                    Utc::now(),
                    &mut new_id,
                )
                .await?
                {
                    Err(reason) => {
                        let refused = vendor_step(&stored.order, OrderAction::Refuse)?;
                        orders::refuse(&mut tx, partner, &mut stored, refused, reason).await?;
                        done.refused += 1;
                    }
                    Ok(created) => {
                        for (entity, record) in &created.records {
                            changelog::record(&mut tx, partner, *entity, *record, None, false)
                                .await?;
                        }
                        let provisioned = vendor_step(&stored.order, OrderAction::Provision)?;
                        let o = &mut stored.order;
                        o.customer_id = Some(created.customer_id);
                        o.provisioned_on = Some(today);
                        o.status = provisioned;
                        o.status_reason = None;
                        write::save_step(&mut tx, partner, &mut stored).await?;
                        done.provisioned += 1;
                    }
                }
            }
            _ => {}
        }
        tx.commit().await?;
    }
    if done != Provisioned::default() {
        tracing::info!(?done, %today, "provisioned orders");
    }
    Ok(done)
}
