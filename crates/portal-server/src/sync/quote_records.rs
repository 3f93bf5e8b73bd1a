//! Quotes and orders as stored: the portal-core record as a JSON body, the columns copied from it
//! for queries and constraints, and the field stamps the merge needs; their numbers. Every query
//! that reads or writes a firm's record names the firm.

use super::merge::FieldStamps;
use super::records::{self, find_row, parse_body, to_text, Row, ROW_COLUMNS};
use crate::db::date_text;
use crate::error::{Error, Result};
use portal_core::order::{Order, OrderStatus};
use portal_core::quote::{Approval, Quote, QuoteStatus};
use sqlx::{FromRow, SqliteConnection};

/// A quote (one revision) with its version, field stamps and server-side columns.
#[derive(Debug, Clone)]
pub struct StoredQuote {
    pub quote: Quote,
    pub version: i64,
    pub stamps: FieldStamps,
    /// While superseded: the status to restore if the superseding draft revision is deleted.
    pub restore_status: Option<QuoteStatus>,
    /// The channel manager who decided on the quote's discount, if one did.
    pub approval_decided_by: Option<String>,
}

/// An order with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredOrder {
    pub order: Order,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// The stable text of a quote status, as stored in `quotes.status`.
pub fn quote_status_text(s: QuoteStatus) -> &'static str {
    match s {
        QuoteStatus::Draft => "draft",
        QuoteStatus::Sent => "sent",
        QuoteStatus::Accepted => "accepted",
        QuoteStatus::Declined => "declined",
        QuoteStatus::Ordered => "ordered",
        QuoteStatus::Expired => "expired",
        QuoteStatus::Superseded => "superseded",
    }
}

fn parse_quote_status(s: &str) -> Result<QuoteStatus> {
    QuoteStatus::ALL
        .into_iter()
        .find(|q| quote_status_text(*q) == s)
        .ok_or_else(|| Error::corrupt(format!("quote status {s:?}")))
}

/// The stable text of an approval, as stored in `quotes.approval`.
pub fn approval_text(a: Approval) -> &'static str {
    match a {
        Approval::NotNeeded => "not_needed",
        Approval::Pending => "pending",
        Approval::Approved => "approved",
        Approval::Rejected => "rejected",
    }
}

/// The stable text of an order status, as stored in `orders.status`.
pub fn order_status_text(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::PendingCustomerApproval => "pending_customer_approval",
        OrderStatus::Submitted => "submitted",
        OrderStatus::Processing => "processing",
        OrderStatus::Provisioned => "provisioned",
        OrderStatus::Refused => "refused",
    }
}

/// The quote number shown to people: `Q-000042`.
pub fn quote_number(seq: i64) -> String {
    format!("Q-{seq:06}")
}

/// The order number shown to people: `SO-000042`.
pub fn order_number(seq: i64) -> String {
    format!("SO-{seq:06}")
}

#[derive(FromRow)]
struct QuoteRow {
    #[sqlx(flatten)]
    row: Row,
    restore_status: Option<String>,
    approval_decided_by: Option<String>,
}

impl QuoteRow {
    fn into_stored(self) -> Result<StoredQuote> {
        Ok(StoredQuote {
            quote: parse_body(&self.row.body)?,
            version: self.row.version,
            stamps: self.row.stamps()?,
            restore_status: self
                .restore_status
                .as_deref()
                .map(parse_quote_status)
                .transpose()?,
            approval_decided_by: self.approval_decided_by,
        })
    }
}

const QUOTE_COLUMNS: &str = "body, version, field_versions, created_version, created_client, \
                             restore_status, approval_decided_by";

/// The firm's quote.
pub async fn quote(
    conn: &mut SqliteConnection,
    partner: &str,
    id: &str,
) -> Result<Option<StoredQuote>> {
    let row: Option<QuoteRow> = find_row(conn, "quotes", QUOTE_COLUMNS, partner, id).await?;
    row.map(QuoteRow::into_stored).transpose()
}

/// Any firm's quote, with its firm (for the vendor's staff, who work across firms).
pub async fn quote_of_any_firm(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<Option<(String, StoredQuote)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT partner_id, id FROM quotes WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((partner, id)) = row else {
        return Ok(None);
    };
    Ok(quote(conn, &partner, &id).await?.map(|q| (partner, q)))
}

/// Any firm's order, with its firm (for the vendor's staff, who work across firms).
pub async fn order_of_any_firm(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<Option<(String, StoredOrder)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT partner_id, id FROM orders WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((partner, id)) = row else {
        return Ok(None);
    };
    Ok(order(conn, &partner, &id).await?.map(|o| (partner, o)))
}

/// Inserts or replaces the firm's quote (never another firm's: the update is scoped).
pub async fn save_quote(conn: &mut SqliteConnection, partner: &str, q: &StoredQuote) -> Result<()> {
    let r = &q.quote;
    let number = r
        .number
        .as_deref()
        .ok_or_else(|| Error::corrupt(format!("quote {} has no number", r.id)))?;
    sqlx::query(
        "INSERT INTO quotes (id, partner_id, owner_id, number, revision, supersedes, status,
                             approval, valid_until, restore_status, approval_decided_by, body,
                             version, field_versions, created_version, created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, number = excluded.number,
             status = excluded.status, approval = excluded.approval,
             valid_until = excluded.valid_until, restore_status = excluded.restore_status,
             approval_decided_by = excluded.approval_decided_by, body = excluded.body,
             version = excluded.version, field_versions = excluded.field_versions
         WHERE quotes.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner)
    .bind(r.owner_id.to_string())
    .bind(number)
    .bind(i64::from(r.revision))
    .bind(r.supersedes.map(|s| s.to_string()))
    .bind(quote_status_text(r.status))
    .bind(approval_text(r.approval))
    .bind(date_text(r.valid_until))
    .bind(q.restore_status.map(quote_status_text))
    .bind(q.approval_decided_by.as_deref())
    .bind(to_text(r)?)
    .bind(q.version)
    .bind(q.stamps.to_stored())
    .bind(q.stamps.created.version)
    .bind(q.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The firm's order.
pub async fn order(
    conn: &mut SqliteConnection,
    partner: &str,
    id: &str,
) -> Result<Option<StoredOrder>> {
    let row: Option<Row> = find_row(conn, "orders", ROW_COLUMNS, partner, id).await?;
    row.map(|r| {
        Ok(StoredOrder {
            order: parse_body(&r.body)?,
            version: r.version,
            stamps: r.stamps()?,
        })
    })
    .transpose()
}

/// The number of the firm's order on this quote that is not refused, other than `except`.
pub async fn live_order_on(
    conn: &mut SqliteConnection,
    partner: &str,
    quote_id: &str,
    except: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT number FROM orders
         WHERE partner_id = ?1 AND quote_id = ?2 AND status <> 'refused' AND id <> ?3",
    )
    .bind(partner)
    .bind(quote_id)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Inserts or replaces the firm's order (never another firm's: the update is scoped).
pub async fn save_order(conn: &mut SqliteConnection, partner: &str, o: &StoredOrder) -> Result<()> {
    let r = &o.order;
    let number = r
        .number
        .as_deref()
        .ok_or_else(|| Error::corrupt(format!("order {} has no number", r.id)))?;
    sqlx::query(
        "INSERT INTO orders (id, partner_id, owner_id, quote_id, number, status, customer_id, body,
                             version, field_versions, created_version, created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status,
             customer_id = excluded.customer_id, body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions
         WHERE orders.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner)
    .bind(r.owner_id.to_string())
    .bind(r.quote_id.to_string())
    .bind(number)
    .bind(order_status_text(r.status))
    .bind(r.customer_id.map(|c| c.to_string()))
    .bind(to_text(r)?)
    .bind(o.version)
    .bind(o.stamps.to_stored())
    .bind(o.stamps.created.version)
    .bind(o.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The counters behind quote and order numbers.
pub const QUOTE_COUNTER: &str = "quote_number";
pub const ORDER_COUNTER: &str = "order_number";

pub async fn next_quote_number(conn: &mut SqliteConnection) -> Result<String> {
    Ok(quote_number(records::next_in(conn, QUOTE_COUNTER).await?))
}

pub async fn next_order_number(conn: &mut SqliteConnection) -> Result<String> {
    Ok(order_number(records::next_in(conn, ORDER_COUNTER).await?))
}
