//! Purchase-order files: uploaded before the order that names them is submitted, addressed by the
//! SHA-256 of their content, and readable by their own firm only.

use crate::attachments::{self, StoredAttachment};
use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_core::{ApiError, ErrorKind};

/// Upload a file (the raw content as the body, its type as `Content-Type`).
///
/// `sha256` is the lower-case hex SHA-256 of the content; the server refuses content that does not
/// hash to it (422, field `sha256`) and content over 10 MB (422). Uploading the same content again
/// changes nothing and answers the same: retry freely. The file belongs to the caller's firm; an
/// order's `po_attachment` names it by its `sha256` and `size`.
#[utoipa::path(put, path = "/api/v1/attachments/{sha256}", tag = "orders",
    security(("bearer" = [])),
    params(("sha256" = String, Path, description = "The lower-case hex SHA-256 of the content")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes; `Content-Type` says what it is (such as application/pdf)."),
    responses((status = 200, body = StoredAttachment),
        (status = 401, body = ApiError),
        (status = 422, description = "Checksum mismatch, empty, or over 10 MB", body = ApiError)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path(sha256): Path<String>,
    headers: HeaderMap,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Result<Json<StoredAttachment>> {
    let body = body.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            attachments::too_large()
        } else {
            ApiError::new(
                ErrorKind::InvalidInput,
                format!("The file could not be read: {}", e.body_text()),
            )
        }
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(Json(
        attachments::store(
            &state.storage,
            caller.partner_id,
            caller.user_id,
            &sha256,
            content_type,
            &body,
        )
        .await?,
    ))
}

/// Download one of the firm's files; another firm's is not found.
#[utoipa::path(get, path = "/api/v1/attachments/{sha256}", tag = "orders",
    security(("bearer" = [])),
    params(("sha256" = String, Path, description = "The lower-case hex SHA-256 of the content")),
    responses((status = 200, description = "The file's bytes, with its `Content-Type`", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(sha256): Path<String>,
) -> Result<Response> {
    let (content_type, content) = attachments::fetch(&state.storage, caller.partner_id, &sha256)
        .await?
        .ok_or_else(|| ApiError::not_found("The file"))?;
    let content_type = HeaderValue::from_str(&content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    // The type is the uploader's word: the file is a download, never something to render.
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        content,
    )
        .into_response())
}
