//! The firm's customers (the Customers area: administrators only), read in keyset pages.

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::storage::customers;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::Utc;
use portal_core::api::customer::{CustomerPage, CustomerSummary};
use portal_core::ids::CustomerId;
use portal_core::ApiError;
use serde::Deserialize;

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
    let mut db = state.storage.conn().await?;
    let today = Utc::now().date_naive();
    let mut customers =
        customers::summaries(&mut db, caller.partner_id, after, None, limit + 1, today).await?;
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
    let mut db = state.storage.conn().await?;
    let today = Utc::now().date_naive();
    customers::summaries(&mut db, caller.partner_id, None, Some(id), 1, today)
        .await?
        .pop()
        .map(Json)
        .ok_or_else(|| not_found().into())
}
