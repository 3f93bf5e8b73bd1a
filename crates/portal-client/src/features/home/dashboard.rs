//! Dashboard (the menu's first page), from the local cache: the rows the figures need, read from
//! the list tables a sync fills, handed to [`portal_core::dashboard::figures`] — the rule the
//! server uses too, so the two agree on the same data.
//!
//! The scope needs no rule here: a Sales user's cache holds only their own records, an
//! administrator's the firm's, and only roles that see the Customers area receive its records.
//! What the user sees is the view (their queued changes on top), like the lists the figures open.

use crate::{
    error::ClientError,
    lists::{pims, seats},
    portal::PROFILE,
    store::read,
    sync::state,
    Portal,
};
use chrono::{Datelike, Months, NaiveDate, Utc};
use portal_core::{
    api::{auth::Profile, news::NewsItem},
    dashboard::{
        self, json_names, read_all, CustomerRows, Dashboard, DealRow, OrderRow, QuoteRow,
        RenewalRow, Rows, IN_PROGRESS, PIPELINE_STATUSES,
    },
    pims::works_leads,
    sync::Entity,
};
use sqlx::SqliteConnection;

/// The rows of the figures in `scope`'s cache; the Customers-area ones when `customers_area`.
/// Open statuses are picked by SQL to read less; the rule that counts them is the core's.
pub async fn rows(
    conn: &mut SqliteConnection,
    scope: &str,
    customers_area: bool,
    today: NaiveDate,
) -> Result<Rows, ClientError> {
    // The list row has the cost; RRP is read from the quote's view (quotes are few).
    let quotes: Vec<(String, bool, String, i64, i64, String)> = sqlx::query_as(
        "SELECT q.status, q.superseded_by IS NOT NULL, q.valid_until,
                COALESCE(CAST((CASE WHEN r.overlay = 1 THEN r.local_body ELSE r.server_body END)
                              ->> '$.totals.rrp_total.minor' AS INTEGER), 0),
                q.cost_minor, q.currency
         FROM quote q
              LEFT JOIN record r ON r.scope = q.scope AND r.entity = ?3 AND r.id = q.id
         WHERE q.scope = ?1 AND q.status IN (SELECT value FROM json_each(?2))",
    )
    .bind(scope)
    .bind(json_names(&PIPELINE_STATUSES))
    .bind(Entity::Quote.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let quotes = read_all(quotes, QuoteRow::read).map_err(ClientError::corrupt)?;

    let deals: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT status, value_minor, currency FROM deal WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    let deals = read_all(deals, DealRow::read).map_err(ClientError::corrupt)?;

    let orders: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, total_minor, currency FROM sales_order
         WHERE scope = ?1 AND status IN (SELECT value FROM json_each(?2))",
    )
    .bind(scope)
    .bind(json_names(&IN_PROGRESS))
    .fetch_all(&mut *conn)
    .await?;
    let orders = read_all(orders, OrderRow::read).map_err(ClientError::corrupt)?;

    let customers = if customers_area {
        Some(customer_rows(conn, scope, today).await?)
    } else {
        None
    };

    let news: Vec<(String,)> = sqlx::query_as(
        "SELECT server_body FROM record
         WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(Entity::News.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let news = news
        .into_iter()
        .map(|(body,)| read::json::<NewsItem>(&body))
        .collect::<Result<_, _>>()?;

    Ok(Rows {
        quotes,
        deals,
        orders,
        customers,
        news,
    })
}

/// The Customers-area rows, read from their list tables (what a pull projects from the server
/// copies). A large partner has some 100,000 subscriptions and renewals, too many to read a row
/// each in the time a Dashboard has: the seats are summed from the per-day changes [`seats`]
/// keeps by the core's rule ([`dashboard::seats`]; the integration tests check it against the
/// server, which counts them in the core), and the renewals are read grouped by day and currency
/// (`renewal_day`, kept by triggers), which the core counts the same.
async fn customer_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    today: NaiveDate,
) -> Result<CustomerRows, ClientError> {
    // Renewals due from the month the chart ends count nowhere: not read.
    let until = (today.with_day(1).expect("every month has a first day")
        + Months::new(dashboard::RENEWAL_MONTHS))
    .to_string();
    let (customers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customer WHERE scope = ?1")
        .bind(scope)
        .fetch_one(&mut *conn)
        .await?;

    let seats = seats::covered_on(conn, scope, today).await?;
    let today = today.to_string();

    let renewals: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT due_on, value_minor, currency, renewals FROM renewal_day
         WHERE scope = ?1 AND due_on >= ?2 AND due_on < ?3",
    )
    .bind(scope)
    .bind(&today)
    .bind(&until)
    .fetch_all(&mut *conn)
    .await?;
    let renewals = read_all(renewals, RenewalRow::read).map_err(ClientError::corrupt)?;

    let statuses: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*) FROM support_case WHERE scope = ?1 GROUP BY status",
    )
    .bind(scope)
    .fetch_all(&mut *conn)
    .await?;
    let mut support_case_statuses = Vec::new();
    for (status, n) in statuses {
        let n = usize::try_from(n).map_err(ClientError::corrupt)?;
        let status = dashboard::case_status(status).map_err(ClientError::corrupt)?;
        support_case_statuses.extend(std::iter::repeat_n(status, n));
    }

    Ok(CustomerRows {
        customers: u32::try_from(customers).map_err(ClientError::corrupt)?,
        subscriptions: Vec::new(),
        seats: Some(seats),
        renewals,
        support_case_statuses,
    })
}

impl Portal {
    /// The Dashboard from the local cache (online or not), dated by the cache's last sync.
    pub async fn dashboard(&self) -> Result<Dashboard, ClientError> {
        let (scope, _) = self.me().await?;
        let role = self
            .cache
            .get::<Profile>(&scope, PROFILE)
            .await?
            .map(|p| p.value.user.role);
        let customers_area = role.is_some_and(|r| r.sees_customers_area());
        let today = Utc::now().date_naive();
        let mut conn = self.cache.pool().acquire().await?;
        let rows = rows(&mut conn, &scope, customers_area, today).await?;
        let as_of = state::load(&mut conn, &scope)
            .await?
            .and_then(|s| s.last_synced);
        // Open leads, for the roles that work them (the others have no Lead Inbox).
        let new_leads = match role {
            Some(r) if works_leads(r) => {
                Some(pims::open_leads(&mut conn, &scope, Utc::now()).await?)
            }
            _ => None,
        };
        let mut figures = dashboard::figures(rows, today);
        figures.new_leads = new_leads;
        Ok(Dashboard { figures, as_of })
    }
}
