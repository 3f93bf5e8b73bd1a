//! The Invoices page's commands: the firm's invoices found by type, issue dates, number and
//! customer, newest first, and one invoice with the customer it bills, read from the list rows
//! of the reference records a sync pulled.

use crate::{
    accounts::{count, customer_record, parse_id},
    error::ClientError,
    quotes::parse_date,
    Portal,
};
use portal_core::{
    accounts::{
        page_size, InvoiceDetail, InvoiceKind, InvoiceList, InvoiceQuery, InvoiceRow, InvoiceStatus,
    },
    ids::{CustomerId, InvoiceId},
    money::{Currency, Money},
    ApiError,
};
use sqlx::{FromRow, SqliteConnection};

/// Which invoices to read (the query's filters, or one invoice).
#[derive(Debug, Clone, Default)]
pub(crate) struct InvoiceFilter {
    pub id: Option<InvoiceId>,
    pub customer_id: Option<CustomerId>,
    pub query: InvoiceQuery,
}

impl InvoiceFilter {
    /// The filter as SQL over `invoice i`, and its arguments (after the scope, `?1`). Only the
    /// conditions that apply are written, so that SQLite picks the index that serves them.
    fn sql(&self) -> (String, Vec<String>) {
        let mut sql = String::from("i.scope = ?1");
        let mut args = Vec::new();
        // `@` in a condition stands for its argument.
        let mut add = |cond: &str, arg: String| {
            args.push(arg);
            sql.push_str(&format!(
                " AND {}",
                cond.replace('@', &format!("?{}", args.len() + 1))
            ));
        };
        let q = &self.query;
        if let Some(id) = self.id {
            add("i.id = @", id.to_string());
        }
        if let Some(c) = self.customer_id.or(q.customer_id) {
            add("i.customer_id = @", c.to_string());
        }
        if let Some(kind) = q.kind {
            add("i.kind = @", crate::projection::json_name(kind));
        }
        if let Some(from) = q.issued_from {
            add("i.issued_on >= @", from.to_string());
        }
        if let Some(to) = q.issued_to {
            add("i.issued_on <= @", to.to_string());
        }
        let number = q.number.trim().to_lowercase();
        if !number.is_empty() {
            // Three characters or more: the trigram index finds the candidates (it folds case
            // wider than `lower`, so the test below still decides).
            if number.chars().count() >= 3 {
                add(
                    "i.seq IN (SELECT rowid FROM invoice_fts WHERE invoice_fts MATCH @)",
                    format!("\"{}\"", number.replace('"', "\"\"")),
                );
            }
            add("instr(lower(i.number), @) > 0", number);
        }
        let customer = q.customer.trim().to_lowercase();
        if !customer.is_empty() {
            // The customers whose name matches first (far fewer than invoices), then theirs.
            add(
                "i.customer_id IN (SELECT id FROM customer
                                   WHERE scope = ?1 AND instr(lower(company_name), @) > 0)",
                customer,
            );
        }
        (sql, args)
    }

    /// Whether the filter keeps few invoices, found by an index: then they are sorted, rather
    /// than the whole table walked in date order to find them.
    fn selective(&self) -> bool {
        self.id.is_some()
            || self.customer_id.or(self.query.customer_id).is_some()
            || !self.query.number.trim().is_empty()
            || !self.query.customer.trim().is_empty()
    }
}

#[derive(FromRow)]
struct Listed {
    id: String,
    number: String,
    kind: String,
    customer_id: Option<String>,
    customer_name: Option<String>,
    issued_on: String,
    due_on: String,
    total_minor: i64,
    currency: String,
    status: String,
    /// How many match in all, when the page counted them (`count(*) OVER ()`).
    #[sqlx(default)]
    matching: Option<i64>,
}

fn from_name<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, ClientError> {
    serde_json::from_value(serde_json::Value::String(name.into()))
        .map_err(|_| ClientError::corrupt(format!("value {name:?}")))
}

impl Listed {
    fn into_row(self) -> Result<InvoiceRow, ClientError> {
        let currency = Currency::parse(&self.currency)
            .ok_or_else(|| ClientError::corrupt(format!("currency {:?}", self.currency)))?;
        Ok(InvoiceRow {
            id: parse_id(&self.id)?,
            number: self.number,
            kind: from_name::<InvoiceKind>(&self.kind)?,
            customer_id: self.customer_id.as_deref().map(parse_id).transpose()?,
            customer_name: self.customer_name,
            issued_on: parse_date(&self.issued_on)?,
            due_on: parse_date(&self.due_on)?,
            total: Money::new(self.total_minor, currency),
            status: from_name::<InvoiceStatus>(&self.status)?,
        })
    }
}

/// The invoices that pass `filter`, newest first (a page of them, if `page`), and how many pass
/// in all when a page of a selective filter's could count them on the way.
async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &InvoiceFilter,
    page: Option<(u32, u32)>,
) -> Result<(Vec<InvoiceRow>, Option<i64>), ClientError> {
    let (cond, args) = filter.sql();
    // `+` keeps SQLite from ordering by the date index (see `selective`).
    let order = if filter.selective() {
        "+i.issued_on DESC, +i.number DESC"
    } else {
        "i.issued_on DESC, i.number DESC"
    };
    // The few invoices a selective filter keeps are all read to be sorted anyway: counting them
    // there spares a second search (the unselective count reads an index instead).
    let matching = if filter.selective() && page.is_some() {
        ", count(*) OVER () AS matching"
    } else {
        ""
    };
    let page = page
        .map(|(offset, limit)| format!(" LIMIT {limit} OFFSET {offset}"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT i.id, i.number, i.kind, i.customer_id, c.company_name AS customer_name,
                i.issued_on, i.due_on, i.total_minor, i.currency, i.status{matching}
         FROM invoice i LEFT JOIN customer c ON c.scope = i.scope AND c.id = i.customer_id
         WHERE {cond}
         ORDER BY {order}{page}"
    );
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let listed = q.fetch_all(&mut *conn).await?;
    let matching = listed.first().and_then(|l| l.matching);
    let rows = listed
        .into_iter()
        .map(Listed::into_row)
        .collect::<Result<_, _>>()?;
    Ok((rows, matching))
}

/// Every invoice that passes `filter`, newest first.
pub(crate) async fn invoice_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &InvoiceFilter,
) -> Result<Vec<InvoiceRow>, ClientError> {
    Ok(listed(conn, scope, filter, None).await?.0)
}

/// One page of the invoices that match, newest first, and how many match.
pub async fn invoices(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &InvoiceQuery,
) -> Result<InvoiceList, ClientError> {
    let filter = InvoiceFilter {
        query: query.clone(),
        ..InvoiceFilter::default()
    };
    let (rows, matching) = listed(
        conn,
        scope,
        &filter,
        Some((query.offset, page_size(query.limit))),
    )
    .await?;
    if let Some(total) = matching {
        return Ok(InvoiceList {
            rows,
            total: count(total),
        });
    }
    let (cond, args) = filter.sql();
    let sql = format!("SELECT count(*) FROM invoice i WHERE {cond}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let total = q.fetch_one(&mut *conn).await?;
    Ok(InvoiceList {
        rows,
        total: count(total),
    })
}

/// One invoice with the customer it bills.
pub async fn invoice(
    conn: &mut SqliteConnection,
    scope: &str,
    id: InvoiceId,
) -> Result<InvoiceDetail, ClientError> {
    let filter = InvoiceFilter {
        id: Some(id),
        ..InvoiceFilter::default()
    };
    let invoice = invoice_rows(conn, scope, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ClientError::Refused(ApiError::not_found("This invoice")))?;
    let customer = match invoice.customer_id {
        Some(c) => customer_record(conn, scope, c).await?,
        None => None,
    };
    Ok(InvoiceDetail { invoice, customer })
}

impl Portal {
    /// One page of the firm's invoices that match, from the local cache (none for a user who
    /// receives no customers).
    pub async fn invoices(&self, query: InvoiceQuery) -> Result<InvoiceList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        invoices(&mut conn, &scope, &query).await
    }

    pub async fn invoice(&self, id: InvoiceId) -> Result<InvoiceDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        invoice(&mut conn, &scope, id).await
    }
}
