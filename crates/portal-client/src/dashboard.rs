//! The Dashboard from the local cache: the rows the figures need, read from the list tables and
//! the reference records a sync pulled, handed to [`portal_core::dashboard::figures`] — the rule
//! the server uses too, so the two agree on the same data.
//!
//! The scope needs no rule here: a Sales user's cache holds only their own records, an
//! administrator's the firm's, and only roles that see the Customers area receive its records.
//! What the user sees is the view (their queued changes on top), like the lists the figures open.

use crate::{error::ClientError, session::PROFILE, sync::state, Portal};
use chrono::{NaiveDate, Utc};
use portal_core::{
    api::{auth::Profile, news::NewsItem},
    dashboard::{
        self, CustomerRows, Dashboard, DealRow, OrderRow, QuoteRow, RenewalRow, Rows,
        SubscriptionRow, IN_PROGRESS, PIPELINE_STATUSES,
    },
    money::{Currency, Money},
    sync::Entity,
};
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;

/// A status (or any enum) from its JSON name as a list table keeps it.
fn named<T: DeserializeOwned>(name: &str) -> Result<T, ClientError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(ClientError::corrupt)
}

/// JSON names of `items`, as a JSON array for `json_each`.
fn names<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).expect("statuses serialize")
}

fn money(minor: i64, currency: &str) -> Result<Money, ClientError> {
    let currency = Currency::parse(currency)
        .ok_or_else(|| ClientError::corrupt(format!("currency {currency:?}")))?;
    Ok(Money::new(minor, currency))
}

fn date(text: &str) -> Result<NaiveDate, ClientError> {
    text.parse().map_err(ClientError::corrupt)
}

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
    .bind(names(&PIPELINE_STATUSES))
    .bind(Entity::Quote.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let quotes = quotes
        .into_iter()
        .map(|(status, superseded, valid_until, rrp, cost, currency)| {
            Ok(QuoteRow {
                status: named(&status)?,
                superseded,
                valid_until: date(&valid_until)?,
                rrp_total: money(rrp, &currency)?,
                cost_total: money(cost, &currency)?,
            })
        })
        .collect::<Result<_, ClientError>>()?;

    let deals: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT status, value_minor, currency FROM deal WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    let deals = deals
        .into_iter()
        .map(|(status, minor, currency)| {
            Ok(DealRow {
                status: named(&status)?,
                estimated_value: money(minor, &currency)?,
            })
        })
        .collect::<Result<_, ClientError>>()?;

    let orders: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, total_minor, currency FROM sales_order
         WHERE scope = ?1 AND status IN (SELECT value FROM json_each(?2))",
    )
    .bind(scope)
    .bind(names(&IN_PROGRESS))
    .fetch_all(&mut *conn)
    .await?;
    let orders = orders
        .into_iter()
        .map(|(status, minor, currency)| {
            Ok(OrderRow {
                status: named(&status)?,
                total: money(minor, &currency)?,
            })
        })
        .collect::<Result<_, ClientError>>()?;

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
        .map(|(body,)| serde_json::from_str::<NewsItem>(&body).map_err(ClientError::corrupt))
        .collect::<Result<_, _>>()?;

    Ok(Rows {
        quotes,
        deals,
        orders,
        customers,
        news,
    })
}

/// The Customers-area rows, read from the reference records' JSON.
// TODO(customers list tables): read these from the list tables the Customers area's migration
// adds (customers, subscriptions, renewals, support cases) once it lands, like quotes above.
async fn customer_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    today: NaiveDate,
) -> Result<CustomerRows, ClientError> {
    let today = today.to_string();
    let (customers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM record WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(Entity::Customer.as_str())
    .fetch_one(&mut *conn)
    .await?;

    // Only those running today matter; the core decides which do.
    let subscriptions: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT customer_id, seats, starts_on, ends_on FROM (
             SELECT COALESCE(server_body ->> '$.customer_id', '') AS customer_id,
                    CAST(server_body ->> '$.seats' AS INTEGER) AS seats,
                    COALESCE(server_body ->> '$.starts_on', '') AS starts_on,
                    COALESCE(server_body ->> '$.ends_on', '') AS ends_on
             FROM record WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL)
         WHERE starts_on <= ?3 AND ends_on >= ?3",
    )
    .bind(scope)
    .bind(Entity::Subscription.as_str())
    .bind(&today)
    .fetch_all(&mut *conn)
    .await?;
    let subscriptions = subscriptions
        .into_iter()
        .map(|(customer_id, seats, starts_on, ends_on)| {
            Ok(SubscriptionRow {
                customer_id,
                seats: u32::try_from(seats).map_err(ClientError::corrupt)?,
                starts_on: date(&starts_on)?,
                ends_on: date(&ends_on)?,
            })
        })
        .collect::<Result<_, ClientError>>()?;

    let renewals: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT due_on, minor, currency FROM (
             SELECT COALESCE(server_body ->> '$.due_on', '') AS due_on,
                    CAST(server_body ->> '$.value.minor' AS INTEGER) AS minor,
                    COALESCE(server_body ->> '$.value.currency', '') AS currency
             FROM record WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL)
         WHERE due_on >= ?3",
    )
    .bind(scope)
    .bind(Entity::Renewal.as_str())
    .bind(&today)
    .fetch_all(&mut *conn)
    .await?;
    let renewals = renewals
        .into_iter()
        .map(|(due_on, minor, currency)| {
            Ok(RenewalRow {
                due_on: date(&due_on)?,
                value: money(minor, &currency)?,
            })
        })
        .collect::<Result<_, ClientError>>()?;

    let support_case_statuses: Vec<(String,)> = sqlx::query_as(
        "SELECT COALESCE(server_body ->> '$.status', '') FROM record
         WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(Entity::SupportCase.as_str())
    .fetch_all(&mut *conn)
    .await?;

    Ok(CustomerRows {
        customers: u32::try_from(customers).map_err(ClientError::corrupt)?,
        subscriptions,
        renewals,
        support_case_statuses: support_case_statuses.into_iter().map(|(s,)| s).collect(),
    })
}

impl Portal {
    /// The Dashboard from the local cache (online or not), dated by the cache's last sync.
    pub async fn dashboard(&self) -> Result<Dashboard, ClientError> {
        let (scope, _) = self.me().await?;
        let customers_area = self
            .cache
            .get::<Profile>(&scope, PROFILE)
            .await?
            .is_some_and(|p| p.value.user.role.sees_customers_area());
        let today = Utc::now().date_naive();
        let mut conn = self.cache.pool().acquire().await?;
        let rows = rows(&mut conn, &scope, customers_area, today).await?;
        let as_of = state::load(&mut conn, &scope)
            .await?
            .and_then(|s| s.last_synced);
        Ok(Dashboard {
            figures: dashboard::figures(rows, today),
            as_of,
        })
    }
}
