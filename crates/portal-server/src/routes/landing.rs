//! The public landing pages (no sign-in): a launched campaign's page at `/c/<slug>`, rendered by the
//! one renderer (`portal_core::pims::template::render_landing`), its lead form's posts, and the
//! firm's web logo. Every answer is a whole page in words — unknown page, closed campaign, too
//! large, too many posts — under a strict Content-Security-Policy that admits exactly the page's
//! one `<style>` block by its hash, no script at all.

use super::pims::{logo_headers, whole};
use crate::error::Result;
use crate::state::AppState;
use crate::sync::pims::landing::{self, Page, Posted};
use crate::sync::pims::profile;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use base64::Engine;
use chrono::Utc;
use portal_core::pims::landing_path;
use portal_core::pims::lead::{FieldErrors, LeadForm, MAX_FORM_BYTES, RATE_WINDOW_MINUTES};
use portal_core::pims::logo::LogoKind;
use portal_core::pims::template::{escape, render_landing, Branding, FormState};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// The headers of every public page: the CSP admitting `style` by its hash, no sniffing, no
/// referrer.
pub fn page_headers(style: &str) -> HeaderMap {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    let csp = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    );
    let mut out = HeaderMap::new();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        out.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    out.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

const PLAIN_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;\
color:#1f2937;background:#f8fafc}main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem}";

/// A page that is not a campaign's: a heading and a sentence.
fn plain(status: StatusCode, title: &str, message: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{t}</title><style>{PLAIN_STYLE}</style></head><body><main><h1>{t}</h1><p>{m}</p>\
         </main></body></html>",
        t = escape(title),
        m = escape(message)
    );
    (status, page_headers(PLAIN_STYLE), html).into_response()
}

fn not_found() -> Response {
    plain(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no campaign page at this address. Check the link you followed, or contact the \
         company that sent it.",
    )
}

/// The campaign's page with its form in `form`'s state, answered with `status`.
fn campaign_page(status: StatusCode, page: &Page, slug: &str, form: &FormState<'_>) -> Response {
    let url = landing_path(slug);
    let logo = format!("{url}/logo");
    let branding = Branding {
        profile: &page.profile,
        logo_src: page.profile.web_logo.is_some().then_some(logo.as_str()),
        landing_url: Some(url.as_str()),
    };
    let rendered = render_landing(&page.kit.landing, &page.campaign.regions, &branding, form);
    (status, page_headers(&rendered.style), rendered.html).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    /// Set after a successful post: the thanks page.
    #[serde(default)]
    pub sent: Option<String>,
}

/// A campaign's public landing page.
///
/// Live: the page with its lead form. Paused or ended: the page with words in place of the form.
/// `?sent=1` (where a successful post is redirected): the thanks. Each view of a live or paused
/// page is counted. An unknown page (or a draft's) is a 404 page in words.
#[utoipa::path(get, path = "/c/{slug}", tag = "landing",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "The page", content_type = "text/html"),
        (status = 404, description = "No such page", content_type = "text/html")))]
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let Some(page) = landing::page(&state.storage, &slug, state.clock.today()).await? else {
        return Ok(not_found());
    };
    if q.sent.is_some() {
        return Ok(campaign_page(
            StatusCode::OK,
            &page,
            &slug,
            &FormState::Thanks,
        ));
    }
    landing::count_view(&state.storage, &page).await?;
    let action = landing_path(&slug);
    let empty = LeadForm::default();
    let no_errors = FieldErrors::new();
    let form = match page.closed_message() {
        Some(message) => FormState::Closed { message },
        None => FormState::Open {
            action: &action,
            values: &empty,
            errors: &no_errors,
        },
    };
    Ok(campaign_page(StatusCode::OK, &page, &slug, &form))
}

/// A post of a landing page's lead form (`application/x-www-form-urlencoded`).
///
/// A valid enquiry becomes a pending lead of the firm and is redirected (303) to the thanks page;
/// an invalid one is answered 422 with the form again, every field's error beside it and what was
/// typed kept. A paused or ended campaign takes no leads (409, the page saying so). Over 16 KiB:
/// 413. More than five posts from one address in ten minutes: 429. All as pages in words.
#[utoipa::path(post, path = "/c/{slug}", tag = "landing",
    params(("slug" = String, Path, description = "The campaign's slug")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "name, company, email, phone, mailboxes, message, consent (ticked: any \
        value), website (left empty by people)"),
    responses((status = 303, description = "Received: to `?sent=1`"),
        (status = 404, description = "No such page", content_type = "text/html"),
        (status = 409, description = "The campaign takes no leads", content_type = "text/html"),
        (status = 413, description = "The form is too large", content_type = "text/html"),
        (status = 422, description = "The form again, with its errors", content_type = "text/html"),
        (status = 429, description = "Too many posts from this address", content_type = "text/html")))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    form: std::result::Result<Form<LeadForm>, FormRejection>,
) -> Result<Response> {
    let Some(page) = landing::page(&state.storage, &slug, state.clock.today()).await? else {
        return Ok(not_found());
    };
    let form = match form {
        Ok(Form(form)) => form,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Your message is too long",
                &format!(
                    "The form can carry at most {} KB. Please shorten your message and send it \
                     again.",
                    MAX_FORM_BYTES / 1024
                ),
            ));
        }
        // A form that does not parse is checked as an empty one: every field says what it needs.
        Err(_) => LeadForm::default(),
    };
    let address = peer.ip().to_string();
    let action = landing_path(&slug);
    let posted = landing::post(
        &state.storage,
        &page,
        &form,
        &address,
        Utc::now(),
        state.config.leads.window(),
    )
    .await?;
    Ok(match posted {
        Posted::Received | Posted::Bot => {
            let to = format!("{action}?sent=1");
            let mut headers = page_headers(PLAIN_STYLE);
            headers.insert(
                header::LOCATION,
                HeaderValue::from_str(&to).unwrap_or_else(|_| HeaderValue::from_static("/")),
            );
            (StatusCode::SEE_OTHER, headers).into_response()
        }
        Posted::Invalid(errors) => campaign_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page,
            &slug,
            &FormState::Open {
                action: &action,
                values: &form,
                errors: &errors,
            },
        ),
        Posted::Closed(message) => campaign_page(
            StatusCode::CONFLICT,
            &page,
            &slug,
            &FormState::Closed { message },
        ),
        Posted::TooMany => plain(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many messages",
            &format!(
                "We have received several messages from your connection in the last \
                 {RATE_WINDOW_MINUTES} minutes. Please wait a few minutes and try again."
            ),
        ),
    })
}

/// The firm's web logo on its campaign's page.
#[utoipa::path(get, path = "/c/{slug}/logo", tag = "landing",
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "The logo", content_type = "image/png"),
        (status = 404, description = "No such page or no logo", content_type = "text/html")))]
pub async fn logo(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response> {
    let Some(page) = landing::page(&state.storage, &slug, state.clock.today()).await? else {
        return Ok(not_found());
    };
    let Some(logo) = page.profile.web_logo.as_ref() else {
        return Ok(not_found());
    };
    let Some((file, len, media_type)) =
        profile::open_logo(&state.storage, page.partner, LogoKind::Web, &logo.sha256).await?
    else {
        return Ok(not_found());
    };
    let mut headers = logo_headers(&media_type, len);
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok((headers, whole(file).await?).into_response())
}
