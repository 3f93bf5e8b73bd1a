//! The Customers area (customers, renewals, invoices, support cases): the real client against the
//! real server on 127.0.0.1:0 with a fresh, seeded database. The administrator's synced cache lists
//! what the server's database holds for the firm, every filter narrows as the database says it
//! should, every list sorts by each of its columns both ways, each Dashboard figure's filtered
//! list holds what the figure counts, the renewals CSV reads back, and a sales user gets nothing
//! ([`filters`], [`sorting`], [`dashboard_lists`]).

mod dashboard_lists;
mod filters;
mod sorting;

use crate::support::{signed_in, synced, ADMIN, SALES};
use anyhow::{ensure, Context, Result};
use chrono::{Days, NaiveDate, Utc};
use portal_client::Portal;
use portal_core::{
    customers::{
        month_of, CasePriority, CaseStatus, CustomerQuery, CustomerSort, InvoiceKind, InvoiceQuery,
        InvoiceSort, InvoiceStatus, RenewalQuery, RenewalSort, RenewalWindow, SupportCaseQuery,
        SupportCaseSort,
    },
    dashboard::{IN_PROGRESS, PIPELINE_STATUSES},
    money::Money,
    order::OrderStatus,
    quoting::{OrderQuery, QuoteQuery},
};
use portal_server::testing::TestServer;
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};
use tempfile::TempDir;

struct App {
    portal: Portal,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    synced(&portal).await?;
    Ok(App { portal, _dir: dir })
}

/// The server's own database, read-only, and Northwind's id in it.
async fn server_db(server: &TestServer) -> Result<(SqlitePool, String)> {
    let pool = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(server.database_path())
            .read_only(true),
    )
    .await?;
    let partner: String = sqlx::query_scalar("SELECT partner_id FROM users WHERE email = ?1")
        .bind(ADMIN)
        .fetch_one(&pool)
        .await?;
    Ok((pool, partner))
}

async fn scalar(pool: &SqlitePool, sql: &str, partner: &str, args: &[&str]) -> Result<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(sql).bind(partner);
    for a in args {
        q = q.bind(*a);
    }
    Ok(q.fetch_one(pool).await?)
}

/// Renewals of the firm due in [from, to] in the server's database: (count, value), optionally of
/// one owner or one product.
async fn server_renewals(
    pool: &SqlitePool,
    partner: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
    owner: Option<&str>,
    product: Option<&str>,
) -> Result<(u64, i64)> {
    let (n, value): (i64, Option<i64>) = sqlx::query_as(
        "SELECT count(*), SUM(r.value_minor) FROM renewals r
         JOIN subscriptions s ON s.id = r.subscription_id
         JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND r.due_on >= ?2 AND (?3 IS NULL OR r.due_on <= ?3)
           AND (?4 IS NULL OR c.owner_user_id = ?4) AND (?5 IS NULL OR s.product_id = ?5)",
    )
    .bind(partner)
    .bind(from.to_string())
    .bind(to.map(|t| t.to_string()))
    .bind(owner)
    .bind(product)
    .fetch_one(pool)
    .await?;
    Ok((n as u64, value.unwrap_or(0)))
}

/// RFC 4180 records (CRLF line ends, quoted fields with doubled quotes), read independently of
/// the writer.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                ensure!(chars.next() == Some('\n'), "CRLF line ends");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    ensure!(
        !quoted && field.is_empty() && record.is_empty(),
        "ends with a line end"
    );
    Ok(records)
}

/// Whether `keys` are in order — ascending, or descending when `descending` — with the rows that
/// have no value (`None`) after all the others either way.
fn in_order<K: Ord + std::fmt::Debug>(keys: &[Option<K>], descending: bool) -> bool {
    keys.windows(2).all(|w| match (&w[0], &w[1]) {
        (Some(a), Some(b)) => {
            if descending {
                a >= b
            } else {
                a <= b
            }
        }
        (Some(_), None) | (None, None) => true,
        (None, Some(_)) => false,
    })
}

/// A name as SQLite's NOCASE compares it (ASCII case folded), or None when empty.
/// The first `len` rows of a list read 7 at a time with `page(offset, limit)`.
async fn paged<R, F, Fut>(len: usize, mut page: F) -> Result<Vec<R>>
where
    F: FnMut(u32, u32) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<R>>>,
{
    let mut rows = Vec::new();
    while rows.len() < len {
        let next = page(rows.len() as u32, 7).await?;
        ensure!(!next.is_empty(), "no page after {} rows", rows.len());
        rows.extend(next);
    }
    Ok(rows)
}

fn folded(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// Makes sure `keys` hold at least two different values, so that an order checked on them could
/// have been wrong.
fn varied<K: PartialEq + std::fmt::Debug>(what: &str, keys: &[Option<K>]) -> Result<()> {
    ensure!(
        keys.iter().any(|k| *k != keys[0]),
        "the demo's {what} differ, so their order means something: {keys:?}"
    );
    Ok(())
}
