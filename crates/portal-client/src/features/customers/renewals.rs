//! Customers › Renewals: the renewals due in a window (filtered by the customer's owner and the
//! product) with their total value, read from the list rows of the reference records a sync
//! pulled. The same list as CSV is [`super::renewals_csv`].

use crate::{
    error::ClientError,
    lists::price_book::{product_name, product_names, UNKNOWN_PRODUCT},
    store::read::{self, count, seats},
    Portal,
};
use chrono::{NaiveDate, Utc};
use portal_core::{
    customers::{
        page_size, Choice, RenewalList, RenewalQuery, RenewalRow, RenewalSort, RenewalWindow,
    },
    money::Money,
};
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;
use uuid::Uuid;

/// The filters of a query as SQL over `renewal r` joined to `customer c`, and their arguments
/// (after the scope, `?1`).
fn filters(query: &RenewalQuery, today: NaiveDate) -> (String, Vec<String>) {
    let (from, to) = query.due_range(today);
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

/// The columns of a list row, over [`FROM`].
const COLUMNS: &str = "r.id, r.subscription_id, r.customer_id, c.company_name AS customer_name,
                       r.product_id, s.seats, r.due_on, r.value_minor, r.currency, c.owner_id,
                       p.name AS owner_name";

/// Ties on a sort's column are soonest first, then by id, so that the order is stable.
const TIE: &str = "r.due_on, r.id";

/// `column` as a product's place in the price book's names (`names`: id to name), products it
/// does not name where "Unknown product" (as they show) falls among them.
fn product_rank(column: &str, names: &HashMap<String, String>) -> String {
    let mut ranked: Vec<(String, Option<&str>)> = names
        .iter()
        // Ids are written into the statement: only what is an id (no quote) goes in.
        .filter(|(id, _)| Uuid::parse_str(id).is_ok())
        .map(|(id, name)| (name.to_ascii_lowercase(), Some(id.as_str())))
        .collect();
    ranked.push((UNKNOWN_PRODUCT.to_ascii_lowercase(), None));
    ranked.sort();
    let mut case = format!("CASE {column}");
    let mut unknown = 0;
    for (i, (_, id)) in ranked.iter().enumerate() {
        match id {
            Some(id) => case.push_str(&format!(" WHEN '{id}' THEN {i}")),
            None => unknown = i,
        }
    }
    case.push_str(&format!(" ELSE {unknown} END"));
    case
}

/// The list's `ORDER BY`: the sort's column, turned round when `descending`; renewals without
/// its value (no customer, no owner) come last either way.
fn order_by(query: &RenewalQuery, products: &HashMap<String, String>) -> String {
    let dir = if query.descending { "DESC" } else { "ASC" };
    match query.sort {
        // Soonest first, then by customer.
        RenewalSort::DueOn => {
            format!("r.due_on {dir}, c.company_name COLLATE NOCASE {dir}, r.id {dir}")
        }
        RenewalSort::Customer => {
            format!("c.company_name COLLATE NOCASE {dir} NULLS LAST, c.id {dir}, {TIE}")
        }
        RenewalSort::Product => {
            format!("{} {dir}, {TIE}", product_rank("r.product_id", products))
        }
        RenewalSort::Seats => format!("s.seats {dir} NULLS LAST, {TIE}"),
        RenewalSort::Value => format!("r.value_minor {dir}, {TIE}"),
        RenewalSort::Owner => {
            format!("NULLIF(p.name, '') COLLATE NOCASE {dir} NULLS LAST, {TIE}")
        }
    }
}

/// The statement that lists the renewals passing `cond` in the query's order, one page of them
/// when `page` says which. By due date (the default) the due-date index gives the order; a page
/// in another order is found without sorting whole rows, each looked up with its customer,
/// subscription and owner:
/// - by customer, the customers are walked in the name index's order and each one's renewals
///   read from the customer index (named: in a window, SQLite would rather range over the
///   window's due dates for each customer), a page in a few milliseconds, then those without a
///   customer;
/// - by value, product, seats or owner, only the sort's column and the row number are sorted,
///   then the page's rows read. Of a large partner's 100,000 upcoming renewals (synthetic), by
///   value or product in 10–20 ms; by seats or owner, which look up each one's subscription or
///   customer and owner, 80–90 ms; in a window of 90 days, 10–25 ms whatever the column.
fn select_sql(
    query: &RenewalQuery,
    cond: &str,
    page: Option<(u32, u32)>,
    products: &HashMap<String, String>,
) -> String {
    let order = order_by(query, products);
    let plain =
        |page: &str| format!("SELECT {COLUMNS} FROM {FROM} WHERE {cond} ORDER BY {order}{page}");
    let Some((offset, limit)) = page else {
        return plain("");
    };
    let page = format!(" LIMIT {limit} OFFSET {offset}");
    let dir = if query.descending { "DESC" } else { "ASC" };
    match query.sort {
        RenewalSort::DueOn => plain(&page),
        RenewalSort::Customer => {
            // Each part needs at most the rows up to the page's end, in order.
            let end = u64::from(offset) + u64::from(limit);
            format!(
                "SELECT * FROM (
                     SELECT {COLUMNS}
                     FROM customer c
                     CROSS JOIN renewal r INDEXED BY renewal_by_customer
                       ON r.scope = c.scope AND r.customer_id = c.id
                     LEFT JOIN subscription s ON s.scope = r.scope AND s.id = r.subscription_id
                     LEFT JOIN person p ON p.scope = r.scope AND p.user_id = c.owner_id
                     WHERE c.scope = ?1 AND {cond}
                     ORDER BY c.company_name COLLATE NOCASE {dir}, c.id {dir}, {TIE} LIMIT {end})
                 UNION ALL
                 SELECT * FROM (
                     SELECT {COLUMNS} FROM {FROM} WHERE {cond} AND c.id IS NULL
                     ORDER BY {TIE} LIMIT {end}){page}"
            )
        }
        RenewalSort::Value | RenewalSort::Product | RenewalSort::Seats | RenewalSort::Owner => {
            // Over a year or more, one pass over the table reads the renewals sooner than the
            // due-date index does (it leads to each row elsewhere in the file).
            let wide = query.due_in_month.is_none()
                && matches!(
                    query.window,
                    RenewalWindow::AllUpcoming | RenewalWindow::Days365
                );
            let mut from = String::from(if wide {
                "renewal r NOT INDEXED"
            } else {
                "renewal r"
            });
            // Only the joins the filters and the sort need: SQLite would look up each
            // renewal's customer even when nothing reads it.
            let owner = query.sort == RenewalSort::Owner;
            if owner || query.owner_id.is_some() {
                from.push_str(
                    " LEFT JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id",
                );
            }
            if owner {
                from.push_str(
                    " LEFT JOIN person p ON p.scope = r.scope AND p.user_id = c.owner_id",
                );
            }
            if query.sort == RenewalSort::Seats {
                from.push_str(
                    " LEFT JOIN subscription s ON s.scope = r.scope AND s.id = r.subscription_id",
                );
            }
            format!(
                "SELECT {COLUMNS}
                 FROM (SELECT r.seq FROM {from} WHERE {cond} ORDER BY {order}{page}) d
                 CROSS JOIN renewal r ON r.seq = d.seq
                 LEFT JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id
                 LEFT JOIN subscription s ON s.scope = r.scope AND s.id = r.subscription_id
                 LEFT JOIN person p ON p.scope = r.scope AND p.user_id = c.owner_id
                 ORDER BY {order}"
            )
        }
    }
}

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

/// The renewals that match, in the query's order: one page of them when `paged`, else all.
pub(super) async fn renewal_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &RenewalQuery,
    today: NaiveDate,
    paged: bool,
) -> Result<Vec<RenewalRow>, ClientError> {
    let (cond, args) = filters(query, today);
    let products = product_names(conn, scope).await?;
    let page = paged.then(|| (query.offset, page_size(query.limit)));
    let sql = select_sql(query, &cond, page, &products);
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let listed = q.fetch_all(&mut *conn).await?;
    listed
        .into_iter()
        .map(|r| {
            Ok(RenewalRow {
                id: read::id(&r.id)?,
                subscription_id: read::id(&r.subscription_id)?,
                customer_id: read::id(&r.customer_id)?,
                customer_name: r.customer_name.unwrap_or_default(),
                product: product_name(&products, &r.product_id),
                product_id: read::id(&r.product_id)?,
                seats: seats(r.seats.unwrap_or(0)),
                due_on: read::date(&r.due_on)?,
                value: Money::new(r.value_minor, read::currency(&r.currency)?),
                owner_id: r.owner_id.as_deref().map(read::id).transpose()?,
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
    // Filtered by due dates alone, the count and the sum are those of the days in the range,
    // kept per day and currency (`renewal_day`): a row a day, not a pass over every renewal (of
    // a large partner's 100,000 upcoming, 90 ms rather than 1).
    let by_day =
        query.owner_id.is_none() && query.product_id.is_none() && query.customer_id.is_none();
    let sql = if by_day {
        format!(
            "SELECT r.currency, SUM(r.renewals), SUM(r.value_minor) FROM renewal_day r
             WHERE {cond} GROUP BY r.currency ORDER BY r.currency"
        )
    } else {
        // The customer is joined only when a filter needs it.
        let from = if query.owner_id.is_some() {
            "renewal r JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id"
        } else {
            "renewal r"
        };
        format!(
            "SELECT r.currency, count(*), SUM(r.value_minor) FROM {from} WHERE {cond}
             GROUP BY r.currency ORDER BY r.currency"
        )
    };
    let mut q = sqlx::query_as::<_, (String, i64, i64)>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let sums = q.fetch_all(&mut *conn).await?;
    let total = sums.iter().map(|s| count(s.1)).sum();
    let total_value = sums
        .iter()
        .map(|(code, _, minor)| Ok(Money::new(*minor, read::currency(code)?)))
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
                id: read::id(&id)?,
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
                id: read::id(id)?,
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

impl Portal {
    /// One page of the renewals due in the query's window, with the total value of all that
    /// match, from the local cache (none for a user who receives no customers).
    pub async fn renewals(&self, query: RenewalQuery) -> Result<RenewalList, ClientError> {
        let (scope, _) = self.me().await?;
        self.know_owners(&scope).await;
        let mut conn = self.cache.pool().acquire().await?;
        renewals(&mut conn, &scope, &query, Utc::now().date_naive()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_rank_by_name_with_unknown_ones_where_their_word_falls() {
        let (a, z) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
        let names: HashMap<String, String> = [
            (z.clone(), "Zeta".to_owned()),
            (a.clone(), "alpha".to_owned()),
            // Not an id: never written into the statement.
            ("x' OR '1".to_owned(), "Beta".to_owned()),
        ]
        .into();
        assert_eq!(
            product_rank("r.product_id", &names),
            format!("CASE r.product_id WHEN '{a}' THEN 0 WHEN '{z}' THEN 2 ELSE 1 END")
        );
    }
}
