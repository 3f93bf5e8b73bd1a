//! The commands the UI may invoke. Each is thin: its arguments, one `portal-client` call, the error mapped.

use crate::{error::ShellResult, preferences, AppState};
use portal_core::{
    api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile},
    shell::{Connection, ExternalLink, Preferences, SessionView, SignInArgs, Snapshot, StartState},
    ErrorKind,
};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// What the app knows as it opens: preferences, and the remembered session resumed online or offline.
#[tauri::command]
pub async fn start(app: AppHandle, state: State<'_, AppState>) -> ShellResult<StartState> {
    let preferences = preferences::load(&app)?;
    let Some(stored) = state.credentials.load().await? else {
        return Ok(StartState {
            preferences,
            session: None,
            notice: None,
        });
    };
    match state.portal.resume(stored).await {
        Ok(view) => Ok(StartState {
            preferences,
            session: Some(view),
            notice: None,
        }),
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
pub async fn sign_in(
    app: AppHandle,
    state: State<'_, AppState>,
    args: SignInArgs,
) -> ShellResult<SessionView> {
    let remember = args.remember;
    let mut signed_in = state.portal.sign_in(args).await?;
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

/// Revokes the session on the server, removes the keychain entry and forgets the user's cached data.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> ShellResult<()> {
    state.credentials.delete().await?;
    state.portal.sign_out().await?;
    Ok(())
}

#[tauri::command]
pub async fn branding(state: State<'_, AppState>, server_url: String) -> ShellResult<Branding> {
    Ok(state.portal.branding(&server_url).await?)
}

#[tauri::command]
pub async fn partner_details(state: State<'_, AppState>) -> ShellResult<Snapshot<PartnerDetails>> {
    Ok(state.portal.partner_details().await?)
}

#[tauri::command]
pub async fn users(state: State<'_, AppState>) -> ShellResult<Snapshot<Vec<UserProfile>>> {
    Ok(state.portal.users().await?)
}

#[tauri::command]
pub async fn news(state: State<'_, AppState>) -> ShellResult<Snapshot<Vec<NewsItem>>> {
    Ok(state.portal.news().await?)
}

#[tauri::command]
pub async fn save_preferences(app: AppHandle, preferences: Preferences) -> ShellResult<()> {
    preferences::save(&app, &preferences)
}

/// Opens one of the vendor's sites in the system browser; the address comes from the server's branding.
#[tauri::command]
pub async fn open_external(
    app: AppHandle,
    state: State<'_, AppState>,
    link: ExternalLink,
) -> ShellResult<()> {
    let url = state.portal.external_url(link).await?;
    app.opener().open_url(url, None::<&str>)?;
    Ok(())
}

#[tauri::command]
pub async fn connection(state: State<'_, AppState>) -> ShellResult<Connection> {
    Ok(state.portal.connection().await)
}
