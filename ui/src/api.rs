//! Every call into the desktop shell: typed wrappers around Tauri's `invoke`.
//!
//! The UI never talks to the server; the shell's commands answer from the server or the local cache.
//! A failed command arrives as the JSON of [`ApiError`]; anything else becomes [`ErrorKind::Internal`].

use portal_core::{
    api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile},
    shell::{Connection, ExternalLink, Preferences, SessionView, SignInArgs, Snapshot, StartState},
    ApiError, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"])]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// A command's result: its value, or the shared error shape.
pub type ApiResult<T> = Result<T, ApiError>;

/// Commands that take no arguments still get an (empty) object.
#[derive(Serialize)]
struct NoArgs {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignInPayload<'a> {
    args: &'a SignInArgs,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BrandingPayload<'a> {
    server_url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PreferencesPayload<'a> {
    preferences: &'a Preferences,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinkPayload {
    link: ExternalLink,
}

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::Internal, message)
}

/// Turns whatever the shell threw into the shared error shape.
fn to_api_error(thrown: JsValue) -> ApiError {
    if let Ok(err) = serde_wasm_bindgen::from_value::<ApiError>(thrown.clone()) {
        return err;
    }
    if let Some(text) = thrown.as_string() {
        return serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| internal(text));
    }
    let text = js_sys::JSON::stringify(&thrown)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "The app's shell did not answer as expected.".to_owned());
    internal(text)
}

async fn call_raw(cmd: &str, args: &impl Serialize) -> ApiResult<JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|e| internal(format!("Could not send {cmd}: {e}")))?;
    invoke(cmd, args).await.map_err(to_api_error)
}

async fn call<T: DeserializeOwned>(cmd: &str, args: &impl Serialize) -> ApiResult<T> {
    let value = call_raw(cmd, args).await?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| internal(format!("The answer to {cmd} could not be read: {e}")))
}

/// For commands that answer with nothing.
async fn call_unit(cmd: &str, args: &impl Serialize) -> ApiResult<()> {
    call_raw(cmd, args).await.map(drop)
}

/// Preferences and any remembered session, as the app opens.
pub async fn start() -> ApiResult<StartState> {
    call("start", &NoArgs {}).await
}

pub async fn sign_in(args: &SignInArgs) -> ApiResult<SessionView> {
    call("sign_in", &SignInPayload { args }).await
}

pub async fn sign_out() -> ApiResult<()> {
    call_unit("sign_out", &NoArgs {}).await
}

/// The vendor's branding as the server at `server_url` describes it (no sign-in needed).
pub async fn branding(server_url: &str) -> ApiResult<Branding> {
    call("branding", &BrandingPayload { server_url }).await
}

pub async fn partner_details() -> ApiResult<Snapshot<PartnerDetails>> {
    call("partner_details", &NoArgs {}).await
}

/// The firm's users (administrators only).
pub async fn users() -> ApiResult<Snapshot<Vec<UserProfile>>> {
    call("users", &NoArgs {}).await
}

pub async fn news() -> ApiResult<Snapshot<Vec<NewsItem>>> {
    call("news", &NoArgs {}).await
}

pub async fn save_preferences(preferences: &Preferences) -> ApiResult<()> {
    call_unit("save_preferences", &PreferencesPayload { preferences }).await
}

/// Opens a vendor site in the system browser.
pub async fn open_external(link: ExternalLink) -> ApiResult<()> {
    call_unit("open_external", &LinkPayload { link }).await
}

/// Whether the shell reached the server at its last attempt.
pub async fn connection() -> ApiResult<Connection> {
    call("connection", &NoArgs {}).await
}

/// Fire-and-forget helper for links: a failure is logged, as there is nothing the user can do.
pub fn open_external_in_background(link: ExternalLink) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = open_external(link).await {
            web_sys::console::warn_1(&format!("open_external failed: {e}").into());
        }
    });
}

/// An error kind as the wire spells it (`invalid_credentials`), for `data-kind` attributes.
pub fn kind_name(kind: ErrorKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
