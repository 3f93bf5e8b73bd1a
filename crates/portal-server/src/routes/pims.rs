//! PIMS for signed-in partners, where the server must be asked online: uploading and fetching the
//! marketing profile's logos, a campaign's launch, pause, resume and end, and the campaigns'
//! results, and who may own a lead's prospect. Profiles, campaigns and leads themselves are read and edited through the `sync`
//! endpoints.

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::storage::accounts;
use crate::sync::pims::{campaigns, profile, results};
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_core::ids::CampaignId;
use portal_core::pims::app::OwnerOption;
use portal_core::pims::campaign::{Campaign, CampaignStep};
use portal_core::pims::logo::LogoKind;
use portal_core::pims::profile::MarketingProfile;
use portal_core::pims::results::ResultsResponse;
use portal_core::pims::{may_own_lead, runs_marketing, works_leads};
use portal_core::resources::Sha256;
use portal_core::{ApiError, ErrorKind};
use tokio::io::AsyncReadExt;

/// The largest logo body read (the print logo's limit; the web logo's is checked after).
pub const MAX_LOGO_BODY: usize = 10 * 1024 * 1024;

fn kind(kind: &str) -> Result<LogoKind> {
    LogoKind::parse(kind)
        .ok_or_else(|| ApiError::not_found("That kind of logo (web or print)").into())
}

/// Upload the profile's web or print logo (the raw bytes as the body).
///
/// The logo is checked (PNG or SVG by its bytes, size, dimensions, an SVG without scripts or
/// external references: `portal_core::pims::logo::inspect`), stored by SHA-256, and put on the
/// firm's marketing profile under a new version. Marketing and Administrator users only. 422 (field
/// `web_logo` or `print_logo`) says in words what is wrong and what is needed.
#[utoipa::path(put, path = "/api/v1/pims/profile/logos/{kind}", tag = "pims",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "`web` or `print`")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The picture's bytes (PNG or SVG)."),
    responses((status = 200, description = "The updated profile", body = MarketingProfile),
        (status = 401, body = ApiError),
        (status = 403, description = "Not Marketing or Administrator", body = ApiError),
        (status = 422, description = "Not an acceptable logo", body = ApiError)))]
pub async fn upload_logo(
    State(state): State<AppState>,
    caller: Caller,
    Path(which): Path<String>,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Result<Json<MarketingProfile>> {
    let kind = kind(&which)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::invalid(
                format!("{}_logo", kind.as_str()),
                format!(
                    "The file is too large. The {} must be: {}",
                    kind.label().to_lowercase(),
                    kind.requirement()
                ),
            )
        } else {
            ApiError::new(
                ErrorKind::InvalidInput,
                format!("The file could not be read: {}", e.body_text()),
            )
        }
    })?;
    Ok(Json(
        profile::upload_logo(&state.storage, caller.partner_id, caller.role, kind, &body).await?,
    ))
}

/// The answer headers of a logo: its type, no sniffing, and (for SVG) no script, ever.
pub fn logo_headers(media_type: &str, len: u64) -> HeaderMap {
    let mut out = HeaderMap::new();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(media_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400, immutable"),
    );
    out
}

/// A file read whole (logos are small) as a response body.
pub async fn whole(mut file: tokio::fs::File) -> Result<Body> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).await?;
    Ok(Body::from(bytes))
}

/// Fetch one of the firm's logos by its SHA-256 (any user of the firm; another firm's is 404).
#[utoipa::path(get, path = "/api/v1/pims/profile/logos/{kind}/{sha256}", tag = "pims",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "`web` or `print`"),
        ("sha256" = String, Path, description = "The logo's SHA-256")),
    responses((status = 200, description = "The picture", content_type = "image/png", body = Vec<u8>),
        (status = 401, body = ApiError),
        (status = 404, description = "No such logo of the caller's firm", body = ApiError)))]
pub async fn logo(
    State(state): State<AppState>,
    caller: Caller,
    Path((which, sha256)): Path<(String, String)>,
) -> Result<Response> {
    let not_found = || Error::from(ApiError::not_found("The logo"));
    let kind = kind(&which)?;
    let sha256: Sha256 = sha256.parse().map_err(|_| not_found())?;
    let (file, len, media_type) =
        profile::open_logo(&state.storage, caller.partner_id, kind, &sha256)
            .await?
            .ok_or_else(not_found)?;
    Ok((logo_headers(&media_type, len), whole(file).await?).into_response())
}

/// Launch, pause, resume or end one of the firm's campaigns.
///
/// Marketing and Administrator users only. Launching needs a complete marketing profile and a kit
/// that is running, and gives the campaign its public page (`slug`, at `/c/<slug>`). A step the
/// campaign's status does not allow is 409; one the profile, the kit or the campaign's text is not
/// ready for is 422; either says why in words (`portal_core::pims::campaign::refusal`, on the
/// server's day). Answers the campaign as it now is (its next pull carries it too).
#[utoipa::path(post, path = "/api/v1/pims/campaigns/{id}/{step}", tag = "pims",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The campaign's id", format = Uuid),
        ("step" = CampaignStep, Path, description = "`launch`, `pause`, `resume` or `end`")),
    responses((status = 200, body = Campaign),
        (status = 401, body = ApiError),
        (status = 403, description = "Not Marketing or Administrator", body = ApiError),
        (status = 404, description = "No such campaign of the caller's firm", body = ApiError),
        (status = 409, description = "The campaign's status does not allow the step", body = ApiError),
        (status = 422, description = "Not ready: the words say what is missing", body = ApiError)))]
pub async fn step(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
) -> Result<Json<Campaign>> {
    let id: CampaignId = id
        .parse()
        .map_err(|_| ApiError::not_found("This campaign"))?;
    let step = CampaignStep::parse(&step).ok_or_else(|| {
        ApiError::not_found("That step (a campaign is launched, paused, resumed or ended)")
    })?;
    Ok(Json(
        campaigns::step(
            &state.storage,
            caller.partner_id,
            caller.user_id,
            caller.role,
            id,
            step,
            state.clock.today(),
        )
        .await?,
    ))
}

/// The firm's launched campaigns' funnels: page views, leads, accepted, prospects made from its
/// leads, deal registrations on those prospects, quotes on those prospects or deals.
#[utoipa::path(get, path = "/api/v1/pims/results", tag = "pims",
    security(("bearer" = [])),
    responses((status = 200, body = ResultsResponse),
        (status = 401, body = ApiError),
        (status = 403, description = "Not Marketing, Sales or Administrator", body = ApiError)))]
pub async fn campaign_results(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ResultsResponse>> {
    if !runs_marketing(caller.role) && !works_leads(caller.role) {
        return Err(ApiError::forbidden().into());
    }
    Ok(Json(
        results::results(&state.storage, caller.partner_id).await?,
    ))
}

/// The people the caller may make the owner of a lead's prospect (`portal_core::pims::may_own_lead`:
/// registered Marketing, Sales and Administrator users of the firm; a Sales user only themselves),
/// by name. Marketing, Sales and Administrator users only.
#[utoipa::path(get, path = "/api/v1/pims/lead-owners", tag = "pims",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<OwnerOption>),
        (status = 401, body = ApiError),
        (status = 403, description = "Not Marketing, Sales or Administrator", body = ApiError)))]
pub async fn lead_owners(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<OwnerOption>>> {
    if !works_leads(caller.role) {
        return Err(ApiError::forbidden().into());
    }
    let mut db = state.storage.conn().await?;
    let users = accounts::users(&mut db, caller.partner_id).await?;
    Ok(Json(
        users
            .iter()
            .filter(|u| may_own_lead(caller.role, caller.user_id, u))
            .map(|u| OwnerOption {
                id: u.id,
                name: u.full_name().trim().to_owned(),
            })
            .collect(),
    ))
}
