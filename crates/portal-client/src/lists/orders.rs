//! The order list: each order's row (projected from its view), and the rows as the lists read
//! them — with the number of the quote each was placed from. The quote's page, the customer's page
//! and the Orders page all read them.

use super::labels::{order_label, quote_label};
use crate::{error::ClientError, store::read};
use portal_core::{
    ids::{CustomerId, OrderId, QuoteId},
    money::Money,
    order::Order,
    quoting::OrderRow,
};
use sqlx::{FromRow, SqliteConnection};

/// The list row of one order (`pending`: changes wait for the server; `waiting`: a step waits
/// for its word).
pub async fn put_order(
    conn: &mut SqliteConnection,
    scope: &str,
    o: &Order,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO sales_order (scope, id, number, quote_id, company_name, po_number,
           created_on, submitted_on, total_minor, rrp_minor, cost_minor, currency, status,
           status_reason, customer_id, owner_id, waiting, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, quote_id = excluded.quote_id,
           company_name = excluded.company_name, po_number = excluded.po_number,
           created_on = excluded.created_on, submitted_on = excluded.submitted_on,
           total_minor = excluded.total_minor, rrp_minor = excluded.rrp_minor,
           cost_minor = excluded.cost_minor, currency = excluded.currency,
           status = excluded.status, status_reason = excluded.status_reason,
           customer_id = excluded.customer_id, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending",
    )
    .bind(scope)
    .bind(o.id.to_string())
    .bind(o.number.as_deref())
    .bind(o.quote_id.to_string())
    .bind(&o.company_name)
    .bind(&o.po_number)
    .bind(o.created_on.to_string())
    .bind(o.submitted_on.map(|d| d.to_string()))
    .bind(o.total.minor)
    .bind(o.rrp_total.minor)
    .bind(o.cost_total.minor)
    .bind(o.currency.code())
    .bind(o.status.as_str())
    .bind(o.status_reason.as_deref())
    .bind(o.customer_id.map(|c| c.to_string()))
    .bind(o.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Which orders to read.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub id: Option<OrderId>,
    pub quote_id: Option<QuoteId>,
    /// The orders that provisioned this customer.
    pub customer_id: Option<CustomerId>,
}

/// An order's list row as the lists read it, with its quote's number.
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: String,
    pub number: Option<String>,
    quote_id: String,
    quote_number: Option<String>,
    quote_revision: Option<i64>,
    pub company_name: String,
    pub po_number: String,
    pub created_on: String,
    submitted_on: Option<String>,
    pub total_minor: i64,
    rrp_minor: i64,
    cost_minor: i64,
    currency: String,
    pub status: String,
    status_reason: Option<String>,
    customer_id: Option<String>,
    waiting: bool,
    pending: bool,
}

impl Listed {
    pub fn into_row(self) -> Result<OrderRow, ClientError> {
        let currency = read::currency(&self.currency)?;
        Ok(OrderRow {
            id: read::id(&self.id)?,
            reference: order_label(self.number.as_deref(), ""),
            quote_id: read::id(&self.quote_id)?,
            quote_reference: match self.quote_number.as_deref() {
                Some(n) => quote_label(Some(n), self.quote_revision.unwrap_or(1) as u32, ""),
                None => "New quote".into(),
            },
            company_name: self.company_name,
            created_on: read::date(&self.created_on)?,
            submitted_on: self.submitted_on.as_deref().map(read::date).transpose()?,
            cost_total: Money::new(self.cost_minor, currency),
            rrp_total: Money::new(self.rrp_minor, currency),
            total: Money::new(self.total_minor, currency),
            status: read::wire(&self.status)?,
            status_reason: self.status_reason,
            customer_id: self.customer_id.as_deref().map(read::id).transpose()?,
            waiting_for_server: self.waiting,
            pending: self.pending,
        })
    }
}

/// The list rows of the orders that pass `filter`, in no order.
pub async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &OrderFilter,
) -> Result<Vec<Listed>, ClientError> {
    let mut sql = "SELECT o.id, o.number, o.quote_id, q.number AS quote_number,
                          q.revision AS quote_revision, o.company_name, o.po_number, o.created_on,
                          o.submitted_on, o.total_minor, o.rrp_minor, o.cost_minor, o.currency,
                          o.status, o.status_reason, o.customer_id, o.waiting, o.pending
                   FROM sales_order o
                   LEFT JOIN quote q ON q.scope = o.scope AND q.id = o.quote_id
                   WHERE o.scope = ?1"
        .to_owned();
    let mut args = Vec::new();
    if let Some(id) = filter.id {
        args.push(id.to_string());
        sql.push_str(&format!(" AND o.id = ?{}", args.len() + 1));
    }
    if let Some(q) = filter.quote_id {
        args.push(q.to_string());
        sql.push_str(&format!(" AND o.quote_id = ?{}", args.len() + 1));
    }
    if let Some(c) = filter.customer_id {
        args.push(c.to_string());
        sql.push_str(&format!(" AND o.customer_id = ?{}", args.len() + 1));
    }
    let mut query = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        query = query.bind(a);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

/// The list rows of the orders that pass `filter`, newest first.
pub async fn order_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &OrderFilter,
) -> Result<Vec<OrderRow>, ClientError> {
    let mut rows = listed(conn, scope, filter).await?;
    rows.sort_by(|a, b| (&b.created_on, &b.id).cmp(&(&a.created_on, &a.id)));
    rows.into_iter().map(Listed::into_row).collect()
}
