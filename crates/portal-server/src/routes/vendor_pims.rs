//! The vendor's side of PIMS (channel staff only): publish, list and withdraw campaign kits;
//! distribute a lead to a firm, withdraw a pending one, and list leads by state (expired ones are
//! the leads returned to the vendor). The table of calls is in `portal_core::pims::vendor`; the
//! `portal-server pims` command does the same from a shell.

use super::account::bad_body;
use crate::auth::VendorCaller;
use crate::error::Result;
use crate::state::AppState;
use crate::sync::pims::kits::{self, VendorKit};
use crate::sync::pims::leads::{self, FirmLead};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use portal_core::ids::{CampaignKitId, LeadId};
use portal_core::pims::kit::CampaignKit;
use portal_core::pims::lead::{Lead, LeadState};
use portal_core::pims::vendor::{NewKit, VendorLead};
use portal_core::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

/// Publish a campaign kit.
///
/// Checked by `NewKit::check`; each asset's background must be a PNG file, of the stated size, of a
/// published `campaign_assets` resource (422, field `assets`, saying which). It reaches every firm
/// whose tier the audience admits at their next sync.
#[utoipa::path(post, path = "/api/v1/vendor/campaign-kits", tag = "vendor",
    security(("bearer" = [])),
    request_body = NewKit,
    responses((status = 201, description = "Published", body = CampaignKit),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "`invalid_input` with `field`", body = ApiError)))]
pub async fn publish_kit(
    State(state): State<AppState>,
    _caller: VendorCaller,
    body: std::result::Result<Json<NewKit>, JsonRejection>,
) -> Result<(StatusCode, Json<CampaignKit>)> {
    let Json(new) = body.map_err(bad_body)?;
    Ok((
        StatusCode::CREATED,
        Json(kits::publish(&state.storage, new).await?.kit),
    ))
}

/// Every campaign kit, withdrawn ones too, newest first.
#[utoipa::path(get, path = "/api/v1/vendor/campaign-kits", tag = "vendor",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<VendorKit>),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError)))]
pub async fn list_kits(
    State(state): State<AppState>,
    _caller: VendorCaller,
) -> Result<Json<Vec<VendorKit>>> {
    Ok(Json(kits::list(&state.storage).await?))
}

/// Withdraw a campaign kit: it leaves every app at its next sync, and campaigns from it end.
/// Answers the kit (the list says when it was withdrawn).
#[utoipa::path(post, path = "/api/v1/vendor/campaign-kits/{id}/withdraw", tag = "vendor",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The kit's id", format = Uuid)),
    responses((status = 200, body = CampaignKit),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn withdraw_kit(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Path(id): Path<String>,
) -> Result<Json<CampaignKit>> {
    let id: CampaignKitId = id
        .parse()
        .map_err(|_| ApiError::not_found("The campaign kit"))?;
    Ok(Json(kits::withdraw(&state.storage, id).await?.kit))
}

/// Give a lead to a firm.
///
/// Checked as the public lead form checks a visitor's (name, company, email, phone, mailboxes,
/// message), with `origin` saying where it came from and `window_days` (1 to 90; the server's
/// default when left out) to accept it. 422 names the field(s).
#[utoipa::path(post, path = "/api/v1/vendor/leads", tag = "vendor",
    security(("bearer" = [])),
    request_body = VendorLead,
    responses((status = 201, description = "Given to the firm", body = Lead),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "`invalid_input` with `field`", body = ApiError)))]
pub async fn distribute(
    State(state): State<AppState>,
    _caller: VendorCaller,
    body: std::result::Result<Json<VendorLead>, JsonRejection>,
) -> Result<(StatusCode, Json<Lead>)> {
    let Json(lead) = body.map_err(bad_body)?;
    Ok((
        StatusCode::CREATED,
        Json(
            leads::distribute(&state.storage, lead, state.config.leads.window_days)
                .await?
                .lead,
        ),
    ))
}

/// Take a pending lead back from its firm (409 once it was accepted, declined or expired).
#[utoipa::path(post, path = "/api/v1/vendor/leads/{id}/withdraw", tag = "vendor",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The lead's id", format = Uuid)),
    responses((status = 200, body = Lead),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "No longer pending", body = ApiError)))]
pub async fn withdraw_lead(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Path(id): Path<String>,
) -> Result<Json<Lead>> {
    let id: LeadId = id.parse().map_err(|_| ApiError::not_found("The lead"))?;
    Ok(Json(leads::withdraw(&state.storage, id).await?.lead))
}

/// Which leads to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LeadsQuery {
    /// `pending`, `accepted`, `declined`, `expired` (returned to the vendor) or `withdrawn`.
    #[serde(default)]
    pub state: String,
}

/// Every firm's leads in one state, newest first.
#[utoipa::path(get, path = "/api/v1/vendor/leads", tag = "vendor",
    security(("bearer" = [])),
    params(LeadsQuery),
    responses((status = 200, body = Vec<FirmLead>),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "No such state", body = ApiError)))]
pub async fn list_leads(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Query(q): Query<LeadsQuery>,
) -> Result<Json<Vec<FirmLead>>> {
    let which = LeadState::parse(&q.state).ok_or_else(|| {
        ApiError::invalid(
            "state",
            "Ask for pending, accepted, declined, expired or withdrawn leads.",
        )
    })?;
    Ok(Json(leads::list(&state.storage, which).await?))
}
