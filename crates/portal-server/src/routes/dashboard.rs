//! The Dashboard's figures for the caller, from the system of record: the rows the figures need,
//! read in the caller's scope, handed to [`portal_core::dashboard::figures`] — the rule the app
//! applies to its cache, so the two agree on the same data.
//!
//! Scope, as a pull has it: administrators count the firm's records, every other role its own
//! prospects, deals, quotes and orders; the Customers-area figures are for roles that see the
//! Customers area only.

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::sync::reference::{news_item, NewsRow};
use axum::extract::State;
use axum::Json;
use chrono::{NaiveDate, Utc};
use portal_core::dashboard::{
    self, json_names, read_all, CustomerRows, Dashboard, DealRow, OrderRow, QuoteRow, RenewalRow,
    Rows, SubscriptionRow, IN_PROGRESS, PIPELINE_STATUSES,
};
use portal_core::ApiError;
use sqlx::SqliteConnection;

/// The Dashboard's figures for the caller, counted on the server's today.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard",
    security(("bearer" = [])),
    responses((status = 200, body = Dashboard), (status = 401, body = ApiError)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> Result<Json<Dashboard>> {
    let today = state.clock.today();
    let mut conn = state.pool.acquire().await?;
    let rows = rows(&mut conn, &caller, today).await?;
    Ok(Json(Dashboard {
        figures: dashboard::figures(rows, today),
        as_of: Some(Utc::now()),
    }))
}

/// The rows of the figures in the caller's scope. Open statuses are picked by SQL to read less;
/// the rule that counts them is the core's.
async fn rows(conn: &mut SqliteConnection, caller: &Caller, today: NaiveDate) -> Result<Rows> {
    let partner = caller.partner_id.to_string();
    // None: every owner's records.
    let owner = (!caller.role.sees_all_firm_records()).then(|| caller.user_id.to_string());

    let quotes: Vec<(String, bool, String, i64, i64, String)> = sqlx::query_as(
        "SELECT status, (body ->> '$.superseded_by') IS NOT NULL, valid_until,
                CAST(body ->> '$.totals.rrp_total.minor' AS INTEGER),
                CAST(body ->> '$.totals.cost_total.minor' AS INTEGER),
                body ->> '$.currency'
         FROM quotes
         WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)
           AND status IN (SELECT value FROM json_each(?3))",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .bind(json_names(&PIPELINE_STATUSES))
    .fetch_all(&mut *conn)
    .await?;
    let quotes = read_all(quotes, QuoteRow::read).map_err(Error::corrupt)?;

    let deals: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, CAST(body ->> '$.estimated_value.minor' AS INTEGER),
                body ->> '$.estimated_value.currency'
         FROM deals WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .fetch_all(&mut *conn)
    .await?;
    let deals = read_all(deals, DealRow::read).map_err(Error::corrupt)?;

    let orders: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, CAST(body ->> '$.total.minor' AS INTEGER), body ->> '$.total.currency'
         FROM orders
         WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)
           AND status IN (SELECT value FROM json_each(?3))",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .bind(json_names(&IN_PROGRESS))
    .fetch_all(&mut *conn)
    .await?;
    let orders = read_all(orders, OrderRow::read).map_err(Error::corrupt)?;

    let customers = if caller.role.sees_customers_area() {
        Some(customer_rows(conn, &partner, today).await?)
    } else {
        None
    };

    let news: Vec<NewsRow> =
        sqlx::query_as("SELECT id, title, summary, body, published_on FROM news")
            .fetch_all(&mut *conn)
            .await?;
    let news = news.into_iter().map(news_item).collect::<Result<_>>()?;

    Ok(Rows {
        quotes,
        deals,
        orders,
        customers,
        news,
    })
}

/// The firm's Customers-area rows.
async fn customer_rows(
    conn: &mut SqliteConnection,
    partner: &str,
    today: NaiveDate,
) -> Result<CustomerRows> {
    let today = crate::db::date_text(today);
    let (customers,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM customers WHERE partner_id = ?1")
            .bind(partner)
            .fetch_one(&mut *conn)
            .await?;

    let subscriptions: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT s.customer_id, s.seats, s.starts_on, s.ends_on
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND s.starts_on <= ?2 AND s.ends_on >= ?2",
    )
    .bind(partner)
    .bind(&today)
    .fetch_all(&mut *conn)
    .await?;
    let subscriptions = read_all(subscriptions, SubscriptionRow::read).map_err(Error::corrupt)?;

    let renewals: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT r.due_on, r.value_minor, r.currency, 1
         FROM renewals r JOIN subscriptions s ON s.id = r.subscription_id
              JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND r.due_on >= ?2",
    )
    .bind(partner)
    .bind(&today)
    .fetch_all(&mut *conn)
    .await?;
    let renewals = read_all(renewals, RenewalRow::read).map_err(Error::corrupt)?;

    let statuses: Vec<(String,)> =
        sqlx::query_as("SELECT status FROM support_cases WHERE partner_id = ?1")
            .bind(partner)
            .fetch_all(&mut *conn)
            .await?;

    Ok(CustomerRows {
        customers: u32::try_from(customers).map_err(Error::corrupt)?,
        subscriptions,
        seats: None,
        renewals,
        support_case_statuses: statuses.into_iter().map(|(s,)| s).collect(),
    })
}
