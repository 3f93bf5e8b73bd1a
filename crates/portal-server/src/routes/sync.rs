//! The sync endpoints: pull the firm's changes after a cursor, push a batch of mutations. The
//! protocol is described in the `sync` tag of the OpenAPI document (`routes/sync.md`).

use super::account::bad_body;
use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::sync::{self, Viewer, Writer};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::Json;
use portal_core::sync::{PullQuery, PullResponse, PushRequest, PushResponse, DEFAULT_PAGE};
use portal_core::ApiError;

/// The firm's changes after a cursor.
///
/// Oldest first, at most `limit` (default 1000, at most 5000); bodies or tombstones as the caller's
/// role may see them; `cursor` to store, `more` to pull again, `head` for progress, `reset` to start
/// over from 0. Approved deal registrations and draft or sent quotes past their date are expired
/// first. See the `sync` tag.
#[utoipa::path(get, path = "/api/v1/sync/changes", tag = "sync",
    security(("bearer" = [])),
    params(
        ("after" = i64, Query, description = "The cursor of the last page applied; 0 for a first sync.", minimum = 0),
        ("limit" = Option<u32>, Query, description = "The most changes wanted: 1000 unless given, at most 5000.")),
    responses((status = 200, body = PullResponse),
        (status = 401, body = ApiError), (status = 422, description = "`after` missing or not a whole number ≥ 0", body = ApiError)))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Caller,
    query: std::result::Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>> {
    let Query(q) = query.map_err(|e| {
        Error::from(ApiError::invalid(
            "after",
            format!("The query is not valid: {}", e.body_text()),
        ))
    })?;
    if q.after < 0 {
        return Err(ApiError::invalid("after", "`after` cannot be negative.").into());
    }
    let today = state.clock.today();
    let viewer = Viewer {
        partner: caller.partner_id,
        user: caller.user_id,
        role: caller.role,
    };
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    let storage = state.storage.clone();
    let page = to_completion(async move {
        sync::expire_deals(&storage, Some(viewer.partner), today).await?;
        sync::expire_quotes(&storage, Some(viewer.partner), today).await?;
        sync::pull(&storage, &viewer, q.after, limit).await
    })
    .await?;
    Ok(Json(page))
}

/// Apply a batch of the client's mutations.
///
/// At most 500, in the order they were made; one outcome each, in the same order (`applied`,
/// `conflict` or `refused`: a refusal is an answer, the push is still 200). Idempotent on
/// (`client_id`, `mutation_id`). Submitting a deal is decided at once (approved, or rejected for a
/// channel conflict); quotes are priced again and refused when their figures differ. See the `sync`
/// tag for the merge rule and every refusal.
#[utoipa::path(post, path = "/api/v1/sync/mutations", tag = "sync",
    security(("bearer" = [])),
    request_body = PushRequest,
    responses((status = 200, body = PushResponse),
        (status = 401, body = ApiError),
        (status = 403, description = "`client_id` belongs to another user", body = ApiError),
        (status = 422, description = "Malformed body, or more than 500 mutations", body = ApiError)))]
pub async fn mutations(
    State(state): State<AppState>,
    caller: Caller,
    body: std::result::Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>> {
    let Json(req) = body.map_err(bad_body)?;
    let writer = Writer {
        partner: caller.partner_id,
        user: caller.user_id,
        role: caller.role,
        client: req.client_id,
        today: state.clock.today(),
        expiry_days: state.config.deals.expiry_days,
        auto_approve_up_to: portal_core::Percent(state.config.quotes.auto_approve_up_to_bp),
    };
    let storage = state.storage.clone();
    let answer =
        to_completion(async move { sync::push(&storage, &writer, &req.mutations).await }).await?;
    Ok(Json(answer))
}

/// Runs a request's work to its end even if the client goes away meanwhile. Hyper drops a
/// handler's future when its connection closes (an app killed mid-sync); a write transaction
/// dropped half-way would leave its rollback to the connection pool, holding SQLite's write lock
/// until then, so the next writer waits out the busy timeout and fails ("database is locked").
async fn to_completion<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T>> + Send + 'static,
) -> Result<T> {
    tokio::spawn(work).await.map_err(Error::corrupt)?
}
