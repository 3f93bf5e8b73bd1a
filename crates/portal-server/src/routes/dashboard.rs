//! The Dashboard's figures for the caller, from the system of record: the rows the figures need,
//! read in the caller's scope, handed to [`portal_core::dashboard::figures`] — the rule the app
//! applies to its cache, so the two agree on the same data.
//!
//! Scope, as a pull has it: administrators count the firm's records, every other role its own
//! prospects, deals, quotes and orders; the Customers-area figures are for roles that see the
//! Customers area only.

use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use crate::storage::{dashboard, pims};
use axum::extract::State;
use axum::Json;
use chrono::Utc;
use portal_core::dashboard::{figures, Dashboard};
use portal_core::ApiError;

/// The Dashboard's figures for the caller, counted on the server's today.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard",
    security(("bearer" = [])),
    responses((status = 200, body = Dashboard), (status = 401, body = ApiError)))]
pub async fn get(State(state): State<AppState>, caller: Caller) -> Result<Json<Dashboard>> {
    let today = state.clock.today();
    let mut db = state.storage.conn().await?;
    // Every owner's records for a role that sees the firm's; otherwise the caller's own.
    let owner = (!caller.role.sees_all_firm_records()).then_some(caller.user_id);
    let rows = dashboard::rows(
        &mut db,
        caller.partner_id,
        owner,
        caller.role.sees_customers_area(),
        today,
    )
    .await?;
    let mut figures = figures(rows, today);
    if portal_core::pims::works_leads(caller.role) {
        figures.new_leads =
            Some(pims::leads::open_count(&mut db, caller.partner_id, Utc::now()).await?);
    }
    Ok(Json(Dashboard {
        figures,
        as_of: Some(Utc::now()),
    }))
}
