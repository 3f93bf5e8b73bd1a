//! The Renewals page's commands: the renewals due in a window (filtered by the customer's owner
//! and the product) with their total value, and the same list as CSV, read from the list rows of
//! the reference records a sync pulled.

use crate::{
    accounts::{count, parse_id, product_name, product_names, seats},
    error::ClientError,
    quotes::parse_date,
    Portal,
};
use chrono::{NaiveDate, Utc};
use portal_core::{
    accounts::{page_size, Choice, RenewalList, RenewalQuery, RenewalRow},
    money::{Currency, Money},
};
use sqlx::{FromRow, SqliteConnection};

/// The filters of a query as SQL over `renewal r` joined to `customer c`, and their arguments
/// (after the scope, `?1`).
fn filters(query: &RenewalQuery, today: NaiveDate) -> (String, Vec<String>) {
    let (from, to) = query.window.range(today);
    let mut sql = String::from("r.scope = ?1 AND r.due_on >= ?2");
    let mut args = vec![from.to_string()];
    let mut add = |cond: &str, arg: String| {
        args.push(arg);
        sql.push_str(&format!(" AND {cond} ?{}", args.len() + 1));
    };
    if let Some(to) = to {
        add("r.due_on <=", to.to_string());
    }
    if let Some(owner) = query.owner_id {
        add("c.owner_id =", owner.to_string());
    }
    if let Some(product) = query.product_id {
        add("r.product_id =", product.to_string());
    }
    if let Some(customer) = query.customer_id {
        add("r.customer_id =", customer.to_string());
    }
    (sql, args)
}

const FROM: &str = "renewal r
     LEFT JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id
     LEFT JOIN subscription s ON s.scope = r.scope AND s.id = r.subscription_id
     LEFT JOIN person p ON p.scope = r.scope AND p.user_id = c.owner_id";

#[derive(FromRow)]
struct Listed {
    id: String,
    subscription_id: String,
    customer_id: String,
    customer_name: Option<String>,
    product_id: String,
    seats: Option<i64>,
    due_on: String,
    value_minor: i64,
    currency: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
}

fn currency(code: &str) -> Result<Currency, ClientError> {
    Currency::parse(code).ok_or_else(|| ClientError::corrupt(format!("currency {code:?}")))
}

/// The renewals that match, soonest first: one page of them when `paged`, else all.
pub(crate) async fn renewal_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &RenewalQuery,
    today: NaiveDate,
    paged: bool,
) -> Result<Vec<RenewalRow>, ClientError> {
    let (cond, args) = filters(query, today);
    let page = if paged {
        format!(" LIMIT {} OFFSET {}", page_size(query.limit), query.offset)
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT r.id, r.subscription_id, r.customer_id, c.company_name AS customer_name,
                r.product_id, s.seats, r.due_on, r.value_minor, r.currency, c.owner_id,
                p.name AS owner_name
         FROM {FROM} WHERE {cond}
         ORDER BY r.due_on, c.company_name COLLATE NOCASE, r.id{page}"
    );
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let listed = q.fetch_all(&mut *conn).await?;
    let products = product_names(conn, scope).await?;
    listed
        .into_iter()
        .map(|r| {
            Ok(RenewalRow {
                id: parse_id(&r.id)?,
                subscription_id: parse_id(&r.subscription_id)?,
                customer_id: parse_id(&r.customer_id)?,
                customer_name: r.customer_name.unwrap_or_default(),
                product: product_name(&products, &r.product_id),
                product_id: parse_id(&r.product_id)?,
                seats: seats(r.seats.unwrap_or(0)),
                due_on: parse_date(&r.due_on)?,
                value: Money::new(r.value_minor, currency(&r.currency)?),
                owner_id: r.owner_id.as_deref().map(parse_id).transpose()?,
                owner_name: r.owner_name.unwrap_or_default(),
            })
        })
        .collect()
}

/// One page of the renewals that match, how many match, and their total value.
pub async fn renewals(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &RenewalQuery,
    today: NaiveDate,
) -> Result<RenewalList, ClientError> {
    let rows = renewal_rows(conn, scope, query, today, true).await?;
    let (cond, args) = filters(query, today);
    // The customer is joined only when a filter needs it.
    let from = if query.owner_id.is_some() {
        "renewal r JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id"
    } else {
        "renewal r"
    };
    let sql = format!(
        "SELECT r.currency, count(*), SUM(r.value_minor) FROM {from} WHERE {cond}
         GROUP BY r.currency ORDER BY r.currency"
    );
    let mut q = sqlx::query_as::<_, (String, i64, i64)>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let sums = q.fetch_all(&mut *conn).await?;
    let total = sums.iter().map(|s| count(s.1)).sum();
    let total_value = sums
        .iter()
        .map(|(code, _, minor)| Ok(Money::new(*minor, currency(code)?)))
        .collect::<Result<_, ClientError>>()?;
    let owners: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT o.owner_id, p.name
         FROM (SELECT DISTINCT owner_id FROM customer WHERE scope = ?1 AND owner_id IS NOT NULL) o
         LEFT JOIN person p ON p.scope = ?1 AND p.user_id = o.owner_id",
    )
    .bind(scope)
    .fetch_all(&mut *conn)
    .await?;
    let mut owners = owners
        .into_iter()
        .map(|(id, name)| {
            Ok(Choice {
                id: parse_id(&id)?,
                name: name.filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
            })
        })
        .collect::<Result<Vec<_>, ClientError>>()?;
    owners.sort_by_key(|o| o.name.to_lowercase());
    let product_ids: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT product_id FROM renewal WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    let names = product_names(conn, scope).await?;
    let mut products = product_ids
        .iter()
        .map(|id| {
            Ok(Choice {
                id: parse_id(id)?,
                name: product_name(&names, id),
            })
        })
        .collect::<Result<Vec<_>, ClientError>>()?;
    products.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(RenewalList {
        rows,
        total,
        total_value,
        owners,
        products,
    })
}

/// An amount as a plain decimal in its major unit: `1234.50`, `-0.05`.
pub fn plain_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A field that a
/// spreadsheet would read as a formula is prefixed with a quote mark.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The CSV's columns.
pub const CSV_HEADER: [&str; 7] = [
    "Customer",
    "Product",
    "Seats",
    "Renewal date",
    "Value",
    "Currency",
    "Owner",
];

/// Renewals as CSV: a header row, then one line per renewal (ISO dates, amounts as plain decimals
/// with their currency code in a column of its own), CRLF line ends.
pub fn to_csv(rows: &[RenewalRow]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for r in rows {
        let line = [
            field(&r.customer_name),
            field(&r.product),
            r.seats.to_string(),
            r.due_on.format("%Y-%m-%d").to_string(),
            plain_amount(r.value.minor),
            r.value.currency.code().to_owned(),
            field(&r.owner_name),
        ];
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

impl Portal {
    /// One page of the renewals due in the query's window, with the total value of all that
    /// match, from the local cache (none for a user who receives no customers).
    pub async fn renewals(&self, query: RenewalQuery) -> Result<RenewalList, ClientError> {
        let (scope, _) = self.me().await?;
        self.know_owners(&scope).await;
        let mut conn = self.cache.pool().acquire().await?;
        renewals(&mut conn, &scope, &query, Utc::now().date_naive()).await
    }

    /// Every renewal that matches (the query's page is ignored), as CSV.
    pub async fn renewals_csv(&self, query: RenewalQuery) -> Result<String, ClientError> {
        let (scope, _) = self.me().await?;
        self.know_owners(&scope).await;
        let mut conn = self.cache.pool().acquire().await?;
        let rows = renewal_rows(&mut conn, &scope, &query, Utc::now().date_naive(), false).await?;
        Ok(to_csv(&rows))
    }

    /// Writes [`renewals_csv`](Self::renewals_csv) of `query` to `path`.
    pub async fn save_renewals_csv(
        &self,
        query: RenewalQuery,
        path: &std::path::Path,
    ) -> Result<(), ClientError> {
        let csv = self.renewals_csv(query).await?;
        tokio::fs::write(path, csv)
            .await
            .map_err(|e| ClientError::File {
                path: path.display().to_string(),
                message: e.to_string(),
            })
    }

    /// The file name the save dialog suggests for the renewals CSV.
    pub fn renewals_file_name(&self) -> String {
        format!("renewals-{}.csv", Utc::now().date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::ids::{CustomerId, ProductId, RenewalId, SubscriptionId};
    use uuid::Uuid;

    #[test]
    fn amounts_are_plain_decimals() {
        assert_eq!(plain_amount(123_450), "1234.50");
        assert_eq!(plain_amount(5), "0.05");
        assert_eq!(plain_amount(-5), "-0.05");
        assert_eq!(plain_amount(0), "0.00");
    }

    #[test]
    fn fields_with_commas_quotes_and_formulas_are_quoted() {
        let row = RenewalRow {
            id: RenewalId(Uuid::nil()),
            subscription_id: SubscriptionId(Uuid::nil()),
            customer_id: CustomerId(Uuid::nil()),
            customer_name: "Acme, \"The\" Bolts".into(),
            product_id: ProductId(Uuid::nil()),
            product: "=SUM(A1)".into(),
            seats: 120,
            due_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            value: Money::new(1_234_567, Currency::USD),
            owner_id: None,
            owner_name: "Line\nbreak".into(),
        };
        assert_eq!(
            to_csv(&[row]),
            "Customer,Product,Seats,Renewal date,Value,Currency,Owner\r\n\
             \"Acme, \"\"The\"\" Bolts\",'=SUM(A1),120,2026-03-09,12345.67,USD,\"Line\nbreak\"\r\n"
        );
    }
}
