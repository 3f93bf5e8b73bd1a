//! The marketing resources' files for partners: one file of an item the caller may see, streamed
//! from disk, whole or in a range (so that an interrupted download resumes). The items themselves
//! arrive through the `sync` endpoints (`resource` changes).

use super::ranges::{self, Answer};
use crate::auth::Caller;
use crate::error::Result;
use crate::state::AppState;
use crate::sync::resources::files;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_core::ids::ResourceId;
use portal_core::resources::Sha256;
use portal_core::ApiError;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// How much of a file is read from disk at a time.
const CHUNK: usize = 64 * 1024;

/// Download a file of a marketing resource, whole or in part.
///
/// The file must be one of the item's current version's files, or its thumbnail, and the item must
/// be meant for the caller (their role and their firm's tier): otherwise 404, exactly as for an
/// unknown one. A file of an earlier version is not served for the item any more.
///
/// **Ranges** (to resume a download): `Range: bytes=N-`, `bytes=N-M` or `bytes=-N` (the last N
/// bytes) answers 206 with `Content-Range: bytes N-M/LENGTH`; a range past the end answers 416 with
/// `Content-Range: bytes */LENGTH`; several ranges, or one that does not parse, are ignored (200,
/// the whole file). `ETag` is the file's SHA-256 in quotes; send it as `If-Range` with a resumed
/// range, and the whole file comes back (200) should the bytes differ. `If-None-Match` with it
/// answers 304. Every answer says `Accept-Ranges: bytes`, its `Content-Type` and a
/// `Content-Disposition` with the file's name.
#[utoipa::path(get, path = "/api/v1/resources/{id}/files/{sha256}", tag = "resources",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The item's id", format = Uuid),
        ("sha256" = String, Path, description = "The file's SHA-256: 64 lower-case hex digits"),
        ("Range" = Option<String>, Header, description = "`bytes=N-`, `bytes=N-M` or `bytes=-N`"),
        ("If-Range" = Option<String>, Header, description = "The `ETag` of the first part"),
    ),
    responses(
        (status = 200, description = "The whole file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 206, description = "The range asked for, with `Content-Range`", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 304, description = "`If-None-Match` matched: the caller has these bytes"),
        (status = 401, body = ApiError),
        (status = 404, description = "No such item or file, or not for the caller", body = ApiError),
        (status = 416, description = "The range lies past the end; `Content-Range: bytes */LENGTH`")))]
pub async fn file(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, sha256)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response> {
    let not_found = || ApiError::not_found("The file");
    let id: ResourceId = id.parse().map_err(|_| not_found())?;
    let sha256: Sha256 = sha256.parse().map_err(|_| not_found())?;
    let opened = files::open(&state.storage, caller.partner_id, caller.role, id, &sha256)
        .await?
        .ok_or_else(not_found)?;
    let etag = format!("\"{sha256}\"");
    let header_text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let len = opened.len;

    let mut out = HeaderMap::new();
    out.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    out.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(crate::Error::corrupt)?,
    );
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if header_text(header::IF_NONE_MATCH)
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    {
        return Ok((StatusCode::NOT_MODIFIED, out).into_response());
    }
    let answer = ranges::answer(
        header_text(header::RANGE),
        header_text(header::IF_RANGE),
        &etag,
        len,
    );
    if answer == Answer::Unsatisfiable {
        out.insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&format!("bytes */{len}")).map_err(crate::Error::corrupt)?,
        );
        return Ok((StatusCode::RANGE_NOT_SATISFIABLE, out).into_response());
    }
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&opened.file.media_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    out.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition(&opened.file.name))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let (status, start, count) = match answer {
        Answer::Part { start, end } => {
            out.insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes {start}-{end}/{len}"))
                    .map_err(crate::Error::corrupt)?,
            );
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
        _ => (StatusCode::OK, 0, len),
    };
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(count));
    let mut content = opened.content;
    if start > 0 {
        content.seek(std::io::SeekFrom::Start(start)).await?;
    }
    Ok((status, out, Body::from_stream(stream(content, count))).into_response())
}

/// `count` bytes of `file` from where it stands, a chunk at a time: a large file is never held in
/// memory whole.
fn stream(
    file: tokio::fs::File,
    count: u64,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> {
    futures_util::stream::unfold((file, count), |(mut file, left)| async move {
        if left == 0 {
            return None;
        }
        let want = usize::try_from(left).map_or(CHUNK, |l| l.min(CHUNK));
        let mut buf = vec![0; want];
        match file.read(&mut buf).await {
            Ok(0) => Some((
                Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file is shorter than it was",
                )),
                (file, 0),
            )),
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(buf), (file, left - n as u64)))
            }
            Err(e) => Some((Err(e), (file, 0))),
        }
    })
}

/// `attachment` with the file's name: plain ASCII in `filename` (others as `_`), the exact name
/// in `filename*` (RFC 6266).
fn disposition(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_survives_in_both_forms() {
        assert_eq!(
            disposition("Battle Card.pdf"),
            "attachment; filename=\"Battle Card.pdf\"; filename*=UTF-8''Battle%20Card.pdf"
        );
        assert_eq!(
            disposition("Fiche «produit».pdf"),
            "attachment; filename=\"Fiche _produit_.pdf\"; filename*=UTF-8''Fiche%20%C2%ABproduit%C2%BB.pdf"
        );
    }
}
