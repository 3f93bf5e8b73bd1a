//! Prospect questions only the server can answer: is a domain taken in the firm, or registered by
//! another firm?

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::sync::prospects;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use portal_core::sales::DomainCheckResponse;
use portal_core::{ApiError, Domain};
use serde::Deserialize;

/// `?domain=…`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DomainQuery {
    /// A domain, an email address or a web address (`https://www.contoso.com/about` → `contoso.com`).
    pub domain: String,
}

/// Check a prospect's domain before saving it.
///
/// `domain` is the domain as understood. `existing` is the firm's prospect with that domain, whoever
/// owns it (a prospect of a colleague is named too, as creating a duplicate would be refused naming
/// it; the caller may not be able to open it). `registered_elsewhere` says that another partner firm
/// holds an active (submitted or approved, unexpired) registration for the domain, so a deal would
/// be rejected; the other firm is never named. 422 with the reason when the text is not a domain.
#[utoipa::path(get, path = "/api/v1/prospects/domain-check", tag = "prospects",
    security(("bearer" = [])),
    params(DomainQuery),
    responses((status = 200, body = DomainCheckResponse),
        (status = 401, body = ApiError), (status = 422, description = "Not a domain (`field`: `domain`)", body = ApiError)))]
pub async fn domain_check(
    State(state): State<AppState>,
    caller: Caller,
    query: std::result::Result<Query<DomainQuery>, QueryRejection>,
) -> Result<Json<DomainCheckResponse>> {
    let Query(q) = query.map_err(|e| {
        Error::from(ApiError::invalid(
            "domain",
            format!("The query is not valid: {}", e.body_text()),
        ))
    })?;
    let domain =
        Domain::parse(&q.domain).map_err(|e| ApiError::invalid("domain", e.to_string()))?;
    Ok(Json(
        prospects::domain_check(
            &state.storage,
            caller.partner_id,
            &domain,
            state.clock.today(),
        )
        .await?,
    ))
}
