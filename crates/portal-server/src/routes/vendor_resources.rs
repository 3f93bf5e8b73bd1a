//! The vendor's marketing library (channel staff only): upload a file, publish an item, publish
//! its next version, withdraw it, list and read items, and count what partners did with them. The
//! table of calls is in `portal_core::resources::publish`. A vendor console comes later; the
//! `portal-server resources` command does the same from a shell.

use super::account::bad_body;
use crate::auth::VendorCaller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::sync::resources::{self, files, uses};
use axum::body::Body;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use futures_util::StreamExt;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{
    NewResource, Replacement, UsageQuery, UsageRow, VendorResource, MAX_FILE_BYTES,
};
use portal_core::resources::ResourceFile;
use portal_core::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

/// The name a file is uploaded under.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The name it is saved under (no folders): `Bastion-Battle-Card.pdf`.
    #[serde(default)]
    pub name: String,
}

fn resource_id(id: &str) -> Result<ResourceId> {
    id.parse()
        .map_err(|_| ApiError::not_found("The resource").into())
}

/// Upload a file for the library (the raw bytes as the body, their type as `Content-Type`).
///
/// The file is stored by its SHA-256, once: uploading the same bytes again answers the same
/// address. Then name it by that hash when publishing an item or a new version. 422 (field `name`)
/// without a usable name, (field `content_type`) without a media type, (field `content`) when empty
/// or larger than 512 MiB.
#[utoipa::path(post, path = "/api/v1/vendor/files", tag = "vendor",
    security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file's bytes; `Content-Type` says what it is (application/pdf, image/png…)."),
    responses((status = 200, description = "The file as an item will list it", body = ResourceFile),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "No name or media type, empty, or too large", body = ApiError)))]
pub async fn upload(
    State(state): State<AppState>,
    _caller: VendorCaller,
    query: std::result::Result<Query<UploadQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ResourceFile>> {
    let Query(q) = query.map_err(|e| {
        Error::from(ApiError::invalid(
            "name",
            format!("The query is not valid: {}", e.body_text()),
        ))
    })?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(files::too_large().into());
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut upload = files::Upload::begin(&state.storage, &q.name, content_type).await?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::invalid("content", format!("The file could not be read: {e}"))
        })?;
        upload.write(&chunk).await?;
    }
    Ok(Json(upload.finish(&state.storage).await?))
}

/// Every item of the library, withdrawn ones too, newest first.
#[utoipa::path(get, path = "/api/v1/vendor/resources", tag = "vendor",
    security(("bearer" = [])),
    responses((status = 200, body = [VendorResource]),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    _caller: VendorCaller,
) -> Result<Json<Vec<VendorResource>>> {
    Ok(Json(resources::list(&state.storage).await?))
}

/// Publish a new item (version 1).
///
/// Its files (the main one first) and thumbnail were uploaded first and are named by their
/// SHA-256; products by the price book's SKUs. It reaches the apps of every firm whose tier the
/// audience admits at their next sync, and within a firm the users of the roles it admits (an empty
/// list admits all). 422 naming the field: a rule of `NewResource` broken, a file not uploaded
/// (`files`, `thumbnail`), an unknown SKU (`products`), a thumbnail that is not a picture.
#[utoipa::path(post, path = "/api/v1/vendor/resources", tag = "vendor",
    security(("bearer" = [])),
    request_body = NewResource,
    responses((status = 201, description = "Published", body = VendorResource),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "`invalid_input` with `field`", body = ApiError)))]
pub async fn publish(
    State(state): State<AppState>,
    _caller: VendorCaller,
    body: std::result::Result<Json<NewResource>, JsonRejection>,
) -> Result<(StatusCode, Json<VendorResource>)> {
    let Json(new) = body.map_err(bad_body)?;
    Ok((
        StatusCode::CREATED,
        Json(resources::publish(&state.storage, new).await?),
    ))
}

/// One item, withdrawn or not.
#[utoipa::path(get, path = "/api/v1/vendor/resources/{id}", tag = "vendor",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The item's id", format = Uuid)),
    responses((status = 200, body = VendorResource),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Path(id): Path<String>,
) -> Result<Json<VendorResource>> {
    Ok(Json(
        resources::get(&state.storage, resource_id(&id)?).await?,
    ))
}

/// Publish an item's next version: its new files, what changed (`note`), and any other field
/// given (title, summary, description, products, audience, thumbnail, dates).
///
/// The apps that keep the item follow the new version at their next sync; the previous version's
/// files are no longer served for the item. If the new audience leaves a firm out, the item leaves
/// that firm's apps. 409 for a withdrawn item; 422 as for publishing.
#[utoipa::path(post, path = "/api/v1/vendor/resources/{id}/versions", tag = "vendor",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The item's id", format = Uuid)),
    request_body = Replacement,
    responses((status = 200, description = "The item at its new version", body = VendorResource),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "The item was withdrawn", body = ApiError),
        (status = 422, description = "`invalid_input` with `field`", body = ApiError)))]
pub async fn replace(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Path(id): Path<String>,
    body: std::result::Result<Json<Replacement>, JsonRejection>,
) -> Result<Json<VendorResource>> {
    let id = resource_id(&id)?;
    let Json(next) = body.map_err(bad_body)?;
    Ok(Json(resources::replace(&state.storage, id, next).await?))
}

/// Withdraw an item: it leaves every partner's app at its next sync, and its files are no longer
/// served. Its use counts stay. Withdrawing it again changes nothing.
#[utoipa::path(post, path = "/api/v1/vendor/resources/{id}/withdraw", tag = "vendor",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The item's id", format = Uuid)),
    responses((status = 200, description = "The item, withdrawn", body = VendorResource),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn withdraw(
    State(state): State<AppState>,
    _caller: VendorCaller,
    Path(id): Path<String>,
) -> Result<Json<VendorResource>> {
    Ok(Json(
        resources::withdraw(&state.storage, resource_id(&id)?).await?,
    ))
}

/// What partners did with the library: downloads, opens and shares counted per item, per firm or
/// per month (UTC, of when they happened), optionally between two days (inclusive).
///
/// Busiest first (months in order). Each row fills the key it is grouped by: `resource_id` and
/// `title`, `partner_id` and `firm`, or `month` (`2026-11`).
#[utoipa::path(get, path = "/api/v1/vendor/resources/usage", tag = "vendor",
    security(("bearer" = [])),
    params(UsageQuery),
    responses((status = 200, body = [UsageRow]),
        (status = 401, body = ApiError),
        (status = 403, description = "Not vendor staff", body = ApiError),
        (status = 422, description = "A grouping or date that does not parse, or `from` after `to`", body = ApiError)))]
pub async fn usage(
    State(state): State<AppState>,
    _caller: VendorCaller,
    query: std::result::Result<Query<UsageQuery>, QueryRejection>,
) -> Result<Json<Vec<UsageRow>>> {
    let Query(q) = query.map_err(|e| {
        Error::from(ApiError::invalid(
            "by",
            format!(
                "The query is not valid: {} (`by` is item, firm or month; dates are YYYY-MM-DD).",
                e.body_text()
            ),
        ))
    })?;
    Ok(Json(uses::usage(&state.storage, &q).await?))
}
