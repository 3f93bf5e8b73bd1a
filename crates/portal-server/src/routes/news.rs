//! Company news from the vendor, for every signed-in user.

use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use crate::storage::reference;
use axum::extract::State;
use axum::Json;
use portal_core::api::news::NewsItem;
use portal_core::ApiError;

/// The vendor's news, newest first.
#[utoipa::path(get, path = "/api/v1/news", tag = "news",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<NewsItem>), (status = 401, body = ApiError)))]
pub async fn list(State(state): State<AppState>, _caller: Caller) -> Result<Json<Vec<NewsItem>>> {
    let mut db = state.storage.conn().await?;
    Ok(Json(reference::news(&mut db).await?))
}
