//! The vendor's provisioning of submitted orders, asynchronous like the vendor's real back office:
//! every `orders.provision_interval_secs` a tick moves each submitted order one step.
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
use super::quote_records::{self, order_status_text};
use super::{changelog, pricebook, records, write};
use crate::db::{date_text, instant_text};
use crate::error::{Error, Result};
use chrono::{Days, Months, NaiveDate, Utc};
use portal_core::ids::CustomerId;
use portal_core::order::{Order, OrderStatus};
use portal_core::pricing;
use portal_core::quote::{Quote, QuoteFor};
use portal_core::sync::Entity;
use sqlx::{SqliteConnection, SqlitePool};
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
    conn: &mut SqliteConnection,
    partner: &str,
    quote: &Quote,
) -> Result<std::result::Result<Customer, String>> {
    match quote.quote_for {
        QuoteFor::Customer(id) => {
            let known: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM customers WHERE partner_id = ?1 AND id = ?2)",
            )
            .bind(partner)
            .bind(id.to_string())
            .fetch_one(&mut *conn)
            .await?;
            Ok(if known {
                Ok(Customer::Existing(id))
            } else {
                Err("The customer this order's quote is for no longer exists.".into())
            })
        }
        QuoteFor::Prospect(id) => {
            let Some(p) = records::prospect(conn, partner, &id.to_string()).await? else {
                return Ok(Err(
                    "The prospect this order's quote is for was deleted.".into()
                ));
            };
            let domain = p.prospect.domain.to_string();
            let elsewhere: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM customers WHERE domain = ?1 AND partner_id <> ?2)",
            )
            .bind(&domain)
            .bind(partner)
            .fetch_one(&mut *conn)
            .await?;
            if elsewhere {
                return Ok(Err(ANOTHER_PARTNERS_CUSTOMER.into()));
            }
            let existing: Option<String> = sqlx::query_scalar(
                "SELECT id FROM customers WHERE partner_id = ?1 AND domain = ?2 ORDER BY id LIMIT 1",
            )
            .bind(partner)
            .bind(&domain)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(id) = existing {
                return Ok(Ok(Customer::Existing(id.parse().map_err(Error::corrupt)?)));
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

/// The firm's next invoice number, in the style of its earlier ones (`INV-NW-0000042`); a firm
/// without invoices starts a series from its name's initials. Never one that exists.
pub async fn next_invoice_number(conn: &mut SqliteConnection, partner: &str) -> Result<String> {
    let latest: Option<String> = sqlx::query_scalar(
        "SELECT number FROM invoices WHERE partner_id = ?1 AND number LIKE 'INV-%-%'
         ORDER BY length(number) DESC, number DESC LIMIT 1",
    )
    .bind(partner)
    .fetch_optional(&mut *conn)
    .await?;
    let parsed = latest.as_deref().and_then(|n| {
        let (prefix, digits) = n.rsplit_once('-')?;
        let seq: u64 = digits.parse().ok()?;
        Some((prefix.to_owned(), seq, digits.len()))
    });
    let (prefix, mut seq, width) = match parsed {
        Some(p) => p,
        None => {
            let name: String = sqlx::query_scalar("SELECT name FROM partners WHERE id = ?1")
                .bind(partner)
                .fetch_one(&mut *conn)
                .await?;
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
        let taken: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM invoices WHERE number = ?1)")
                .bind(&number)
                .fetch_one(&mut *conn)
                .await?;
        if !taken {
            return Ok(number);
        }
    }
}

/// What provisioning wrote for an order, for the caller to log: the customer, and every record
/// created (the customer too when it is new).
pub struct Created {
    pub customer_id: CustomerId,
    pub records: Vec<(Entity, String)>,
}

/// Writes the customer (unless it exists), subscriptions, renewals and invoice of a provisioned
/// order, or answers why the order is refused. `new_id` gives the new records' ids and
/// `created_at` the customer's creation instant (the seed passes fixed ones).
pub async fn create_records(
    conn: &mut SqliteConnection,
    partner: &str,
    order: &Order,
    quote: &Quote,
    today: NaiveDate,
    created_at: &str,
    new_id: &mut (dyn FnMut() -> Uuid + Send),
) -> Result<std::result::Result<Created, String>> {
    let customer = match customer_for(conn, partner, quote).await? {
        Ok(c) => c,
        Err(reason) => return Ok(Err(reason)),
    };
    let book = pricebook::load(conn, partner).await?;
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
            sqlx::query(
                "INSERT INTO customers (id, partner_id, owner_user_id, company_name, domain, sector,
                                        address_line1, city, region, postal_code, country,
                                        contact_name, contact_email, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .bind(id.to_string())
            .bind(partner)
            .bind(order.owner_id.to_string())
            .bind(order.company_name.trim())
            .bind(&domain)
            .bind(order.sector.trim())
            .bind(line1)
            .bind(a.city.trim())
            .bind(a.region.trim())
            .bind(a.postal_code.trim())
            .bind(a.country.trim())
            .bind(contact_name)
            .bind(contact_email)
            .bind(created_at)
            .execute(&mut *conn)
            .await?;
            records.push((Entity::Customer, id.to_string()));
            id
        }
    };
    for (line, price) in quote.lines.iter().zip(&priced.lines) {
        let ends = today
            .checked_add_months(Months::new(line.term_months))
            .ok_or_else(|| Error::corrupt(format!("term of {} months", line.term_months)))?;
        let subscription = new_id().to_string();
        sqlx::query(
            "INSERT INTO subscriptions (id, customer_id, product_id, seats, term_months, starts_on,
                                        ends_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&subscription)
        .bind(customer_id.to_string())
        .bind(line.product_id.to_string())
        .bind(i64::from(line.quantity))
        .bind(i64::from(line.term_months))
        .bind(date_text(today))
        .bind(date_text(ends))
        .execute(&mut *conn)
        .await?;
        let renewal = new_id().to_string();
        // Renewing the same mailboxes for the same term at the same price.
        sqlx::query(
            "INSERT INTO renewals (id, subscription_id, due_on, value_minor, currency)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&renewal)
        .bind(&subscription)
        .bind(date_text(ends))
        .bind(price.total.minor)
        .bind(price.total.currency.code())
        .execute(&mut *conn)
        .await?;
        records.push((Entity::Subscription, subscription));
        records.push((Entity::Renewal, renewal));
    }
    let invoice = new_id().to_string();
    sqlx::query(
        "INSERT INTO invoices (id, partner_id, customer_id, number, kind, issued_on, due_on,
                               total_minor, currency, status)
         VALUES (?1, ?2, ?3, ?4, 'customer', ?5, ?6, ?7, ?8, 'open')",
    )
    .bind(&invoice)
    .bind(partner)
    .bind(customer_id.to_string())
    .bind(next_invoice_number(conn, partner).await?)
    .bind(date_text(today))
    .bind(date_text(today + Days::new(INVOICE_DUE_DAYS)))
    .bind(order.total.minor)
    .bind(order.total.currency.code())
    .execute(&mut *conn)
    .await?;
    records.push((Entity::Invoice, invoice));
    Ok(Ok(Created {
        customer_id,
        records,
    }))
}

/// One tick: every submitted order moves to Processing (or is refused), every order that was
/// processing is provisioned (or refused). Each order in its own transaction. Cheap when there is
/// nothing to do: one indexed read, no write lock.
pub async fn provision_orders(pool: &SqlitePool, today: NaiveDate) -> Result<Provisioned> {
    let due: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT partner_id, id, status FROM orders WHERE status IN ('submitted', 'processing')
         ORDER BY number",
    )
    .fetch_all(pool)
    .await?;
    let mut done = Provisioned::default();
    for (partner, id, status) in due {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let stored = quote_records::order(&mut tx, &partner, &id).await?;
        // Gone, or moved on since it was read: another tick got there first.
        let Some(mut stored) =
            stored.filter(|o| order_status_text(o.order.status) == status.as_str())
        else {
            tx.rollback().await?;
            continue;
        };
        let quote_id = stored.order.quote_id.to_string();
        let quote = quote_records::quote(&mut tx, &partner, &quote_id)
            .await?
            .ok_or_else(|| Error::corrupt(format!("order {id} without its quote {quote_id}")))?
            .quote;
        match stored.order.status {
            OrderStatus::Submitted => match customer_for(&mut tx, &partner, &quote).await? {
                Err(reason) => {
                    orders::refuse(&mut tx, &partner, &mut stored, reason).await?;
                    done.refused += 1;
                }
                Ok(_) => {
                    stored.order.status = OrderStatus::Processing;
                    write::save_step(&mut tx, &partner, &mut stored).await?;
                    done.processing += 1;
                }
            },
            OrderStatus::Processing => {
                let now = instant_text(Utc::now());
                let mut new_id = Uuid::now_v7;
                match create_records(
                    &mut tx,
                    &partner,
                    &stored.order,
                    &quote,
                    today,
                    &now,
                    &mut new_id,
                )
                .await?
                {
                    Err(reason) => {
                        orders::refuse(&mut tx, &partner, &mut stored, reason).await?;
                        done.refused += 1;
                    }
                    Ok(created) => {
                        for (entity, record) in &created.records {
                            changelog::record(&mut tx, &partner, *entity, record, None, false)
                                .await?;
                        }
                        let o = &mut stored.order;
                        o.customer_id = Some(created.customer_id);
                        o.provisioned_on = Some(today);
                        o.status = OrderStatus::Provisioned;
                        o.status_reason = None;
                        write::save_step(&mut tx, &partner, &mut stored).await?;
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
