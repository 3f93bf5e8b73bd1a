//! Signing in and out, the app's start, preferences, the connection and the vendor's links.

use super::Answer;
use crate::{preferences, AppState};
use portal_client::ClientError;
use portal_core::{
    shell::{
        commands::{
            GetBranding, GetConnection, OpenExternal, SavePreferences, SignIn, SignOut, Start,
        },
        StartState,
    },
    ErrorKind,
};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// What the app knows as it opens: preferences, and the remembered session resumed online or offline.
#[tauri::command]
pub async fn start(app: AppHandle, state: State<'_, AppState>, args: Start) -> Answer<Start> {
    let Start {} = args;
    let preferences = preferences::load(&app)?;
    let Some(stored) = state.credentials.load().await? else {
        return Ok(StartState {
            preferences,
            session: None,
            notice: None,
        });
    };
    match state.portal.resume(stored).await {
        Ok(view) => {
            start_sync(&state).await;
            Ok(StartState {
                preferences,
                session: Some(view),
                notice: None,
            })
        }
        Err(e) => {
            if matches!(
                e.kind(),
                ErrorKind::SessionExpired | ErrorKind::Unauthenticated
            ) {
                state.credentials.delete().await?;
            }
            let notice = match e.kind() {
                ErrorKind::Offline => format!("{e} Sign in again when you are back online."),
                _ => e.to_string(),
            };
            Ok(StartState {
                preferences,
                session: None,
                notice: Some(notice),
            })
        }
    }
}

#[tauri::command]
pub async fn sign_in(app: AppHandle, state: State<'_, AppState>, args: SignIn) -> Answer<SignIn> {
    let remember = args.remember;
    let mut signed_in = state.portal.sign_in(args).await?;
    start_sync(&state).await;
    let mut prefs = preferences::load(&app)?;
    prefs.server_url = signed_in.view.server_url.clone();
    prefs.last_email = signed_in.view.profile.user.email.clone();
    preferences::save(&app, &prefs)?;
    let kept = if remember {
        state.credentials.save(&signed_in.stored).await
    } else {
        state.credentials.delete().await
    };
    // Signed in either way; a keychain failure only means the session will not be remembered.
    if let Err(e) = kept {
        tracing::warn!(error = %e, "keychain unavailable");
        signed_in.view.notice = Some(format!("{e} You will need to sign in again next time."));
    }
    Ok(signed_in.view)
}

/// The background sync of the session just opened; without it the app still works from its cache.
async fn start_sync(state: &AppState) {
    if let Err(e) = state.portal.start_sync().await {
        tracing::warn!(error = %e, "background sync not started");
    }
}

/// Revokes the session on the server, removes the keychain entry and forgets the user's cached data.
/// With changes the server has not taken, refused (kind `conflict`) unless `force`.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>, args: SignOut) -> Answer<SignOut> {
    let signed_out = state.portal.sign_out(args.force).await;
    if let Err(refused @ ClientError::Refused(_)) = signed_out {
        return Err(refused.into());
    }
    state.credentials.delete().await?;
    signed_out?;
    Ok(())
}

#[tauri::command]
pub async fn branding(state: State<'_, AppState>, args: GetBranding) -> Answer<GetBranding> {
    Ok(state.portal.branding(&args.server_url).await?)
}

#[tauri::command]
pub async fn save_preferences(app: AppHandle, args: SavePreferences) -> Answer<SavePreferences> {
    preferences::save(&app, &args.preferences)
}

/// Opens one of the vendor's sites in the system browser; the address comes from the server's branding.
#[tauri::command]
pub async fn open_external(
    app: AppHandle,
    state: State<'_, AppState>,
    args: OpenExternal,
) -> Answer<OpenExternal> {
    let url = state.portal.external_url(args.link).await?;
    app.opener().open_url(url, None::<&str>)?;
    Ok(())
}

#[tauri::command]
pub async fn connection(state: State<'_, AppState>, args: GetConnection) -> Answer<GetConnection> {
    let GetConnection {} = args;
    Ok(state.portal.connection().await)
}
