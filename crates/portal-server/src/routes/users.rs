//! The firm's users (User Maintenance is for administrators; everyone may read their own record).

use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use crate::storage::accounts;
use axum::extract::{Path, State};
use axum::Json;
use portal_core::api::user::UserProfile;
use portal_core::ids::UserId;
use portal_core::{ApiError, Role};

/// Every user of the caller's firm (administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<UserProfile>),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<UserProfile>>> {
    caller.require_administrator()?;
    let mut db = state.storage.conn().await?;
    Ok(Json(accounts::users(&mut db, caller.partner_id).await?))
}

/// One user of the caller's firm: administrators may read anyone in it, others only themselves.
/// A user of another firm does not exist as far as the caller can tell (404).
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id", format = Uuid)),
    responses((status = 200, body = UserProfile),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<UserProfile>> {
    let not_found = || ApiError::not_found("The user");
    let id: UserId = id.parse().map_err(|_| not_found())?;
    let mut db = state.storage.conn().await?;
    let user = accounts::user(&mut db, caller.partner_id, id)
        .await?
        .ok_or_else(not_found)?;
    if caller.role != Role::Administrator && user.id != caller.user_id {
        return Err(ApiError::forbidden().into());
    }
    Ok(Json(user))
}
