//! Company news from the vendor, for every signed-in user.

use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use crate::sync::reference::{news_item, NewsRow};
use axum::extract::State;
use axum::Json;
use portal_core::api::news::NewsItem;
use portal_core::ApiError;

/// The vendor's news, newest first.
#[utoipa::path(get, path = "/api/v1/news", tag = "news",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<NewsItem>), (status = 401, body = ApiError)))]
pub async fn list(State(state): State<AppState>, _caller: Caller) -> Result<Json<Vec<NewsItem>>> {
    let rows: Vec<NewsRow> = sqlx::query_as(
        "SELECT id, title, summary, body, published_on FROM news
         ORDER BY published_on DESC, id DESC",
    )
    .fetch_all(&state.pool)
    .await?;
    let items = rows
        .into_iter()
        .map(news_item)
        .collect::<Result<Vec<_>>>()?;
    Ok(Json(items))
}
