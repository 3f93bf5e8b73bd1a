//! Sign-in, sign-out, and what the signed-in user sees of themselves and their firm.

use crate::auth::{self, Caller};
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::storage::accounts;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use portal_core::api::auth::{LoginRequest, LoginResponse, Profile};
use portal_core::api::partner::PartnerDetails;
use portal_core::{ApiError, ErrorKind};

/// Turns axum's plain-text body rejection into the API's error shape.
pub(crate) fn bad_body(e: JsonRejection) -> Error {
    ApiError::new(
        ErrorKind::InvalidInput,
        format!("The request body is not valid: {}", e.body_text()),
    )
    .into()
}

/// Signs in with email and password; the token is returned once and only its hash is kept.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "`invalid_credentials`", body = ApiError),
        (status = 422, description = "`invalid_input` (with `field`)", body = ApiError),
        (status = 429, description = "`locked_out` after repeated failures", body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    body: std::result::Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<LoginResponse>> {
    let Json(req) = body.map_err(bad_body)?;
    Ok(Json(auth::login(&state, req).await?))
}

/// Revokes the caller's session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out"),
        (status = 401, body = ApiError)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode> {
    auth::logout(&state, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user and their firm.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    security(("bearer" = [])),
    responses((status = 200, body = Profile), (status = 401, body = ApiError)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> Result<Json<Profile>> {
    let mut db = state.storage.conn().await?;
    Ok(Json(
        accounts::profile(&mut db, caller.partner_id, caller.user_id).await?,
    ))
}

/// The caller's firm: tier, margin, certification and account team.
#[utoipa::path(get, path = "/api/v1/partner", tag = "account",
    security(("bearer" = [])),
    responses((status = 200, body = PartnerDetails), (status = 401, body = ApiError)))]
pub async fn partner(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<PartnerDetails>> {
    let mut db = state.storage.conn().await?;
    Ok(Json(
        accounts::partner_details(&mut db, caller.partner_id).await?,
    ))
}
