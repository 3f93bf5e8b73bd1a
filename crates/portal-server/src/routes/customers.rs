//! The firm's customers (the Customers area: administrators only), read in keyset pages.

use crate::auth::Caller;
use crate::db::{date_text, parse_date, parse_uuid};
use crate::error::{Error, Result};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::Utc;
use portal_core::api::customer::{CustomerPage, CustomerSummary};
use portal_core::ids::CustomerId;
use portal_core::ApiError;
use serde::Deserialize;
use sqlx::SqlitePool;
use std::collections::HashMap;

pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 500;

/// `?after=<id>&limit=<n>`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Read customers whose id sorts after this one (the previous page's `next_after`).
    #[param(value_type = Option<String>, format = Uuid)]
    pub after: Option<String>,
    /// Page size: 100 unless given, at most 500.
    pub limit: Option<u32>,
}

/// A page of the firm's customers, ordered by id.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = CustomerPage),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: std::result::Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<CustomerPage>> {
    caller.require_administrator()?;
    let Query(q) = query.map_err(|e| {
        Error::from(ApiError::invalid(
            "limit",
            format!("The query is not valid: {}", e.body_text()),
        ))
    })?;
    let after = match q.after.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse::<CustomerId>()
                .map_err(|_| ApiError::invalid("after", "`after` must be a customer id."))?,
        ),
        None => None,
    };
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let partner = caller.partner_id.to_string();
    // Ids are UUID text of one fixed shape, so text order is id order; "" sorts before every id.
    let after_text = after.map(|a| a.to_string()).unwrap_or_default();
    let mut customers = summaries(&state.pool, &partner, &after_text, None, limit + 1).await?;
    let next_after = if customers.len() > limit as usize {
        customers.truncate(limit as usize);
        customers.last().map(|c| c.id)
    } else {
        None
    };
    Ok(Json(CustomerPage {
        customers,
        next_after,
    }))
}

/// One customer of the firm; another firm's customer is not found.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The customer's id", format = Uuid)),
    responses((status = 200, body = CustomerSummary),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CustomerSummary>> {
    caller.require_administrator()?;
    let not_found = || ApiError::not_found("The customer");
    let id: CustomerId = id.parse().map_err(|_| not_found())?;
    summaries(
        &state.pool,
        &caller.partner_id.to_string(),
        "",
        Some(&id.to_string()),
        1,
    )
    .await?
    .pop()
    .map(Json)
    .ok_or_else(|| not_found().into())
}

/// Customers of `partner` with ids after `after` (or exactly `only`), with seats, products and the
/// next renewal: two set-based queries per page rather than queries per customer.
async fn summaries(
    pool: &SqlitePool,
    partner: &str,
    after: &str,
    only: Option<&str>,
    limit: u32,
) -> Result<Vec<CustomerSummary>> {
    let today = date_text(Utc::now().date_naive());
    let rows: Vec<(String, String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.company_name, c.domain, c.sector,
                (SELECT COALESCE(SUM(s.seats), 0) FROM subscriptions s WHERE s.customer_id = c.id),
                (SELECT MIN(r.due_on) FROM renewals r JOIN subscriptions s ON s.id = r.subscription_id
                  WHERE s.customer_id = c.id AND r.due_on >= ?4)
         FROM customers c
         WHERE c.partner_id = ?1 AND c.id > ?2 AND (?3 IS NULL OR c.id = ?3)
         ORDER BY c.id LIMIT ?5",
    )
    .bind(partner)
    .bind(after)
    .bind(only)
    .bind(&today)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let products: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT s.customer_id, p.name
         FROM customers c
         JOIN subscriptions s ON s.customer_id = c.id
         JOIN products p ON p.id = s.product_id
         WHERE c.partner_id = ?1 AND c.id >= ?2 AND c.id <= ?3
         ORDER BY s.customer_id, p.name",
    )
    .bind(partner)
    .bind(&first.0)
    .bind(&last.0)
    .fetch_all(pool)
    .await?;
    let mut by_customer: HashMap<String, Vec<String>> = HashMap::new();
    for (customer, name) in products {
        by_customer.entry(customer).or_default().push(name);
    }
    rows.into_iter()
        .map(|(id, company_name, domain, sector, seats, next)| {
            Ok(CustomerSummary {
                id: CustomerId(parse_uuid(&id)?),
                products: by_customer.remove(&id).unwrap_or_default(),
                company_name,
                domain,
                sector,
                seats: u32::try_from(seats).map_err(Error::corrupt)?,
                next_renewal: next.as_deref().map(parse_date).transpose()?,
            })
        })
        .collect()
}
