//! The commands the UI may invoke. Each is thin: its arguments, one `portal-client` call, the error mapped.

use crate::{error::ShellResult, preferences, AppState};
use portal_client::ClientError;
use portal_core::{
    api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile},
    deal::DealAction,
    ids::{DealId, ProspectId},
    pending::{PendingChange, Resolution, SyncStatus},
    prospect::ProspectForm,
    registration::DealForm,
    sales::{
        DealDetail, DealList, DealQuery, DomainCheck, ProspectDetail, ProspectList, ProspectQuery,
    },
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
pub async fn sign_in(
    app: AppHandle,
    state: State<'_, AppState>,
    args: SignInArgs,
) -> ShellResult<SessionView> {
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
pub async fn sign_out(state: State<'_, AppState>, force: Option<bool>) -> ShellResult<()> {
    let signed_out = state.portal.sign_out(force.unwrap_or(false)).await;
    if let Err(refused @ ClientError::Refused(_)) = signed_out {
        return Err(refused.into());
    }
    state.credentials.delete().await?;
    signed_out?;
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

#[tauri::command]
pub async fn prospects(
    state: State<'_, AppState>,
    query: ProspectQuery,
) -> ShellResult<ProspectList> {
    Ok(state.portal.prospects(query).await?)
}

#[tauri::command]
pub async fn prospect(state: State<'_, AppState>, id: ProspectId) -> ShellResult<ProspectDetail> {
    Ok(state.portal.prospect(id).await?)
}

/// Creates (`id` of `None`) or edits a prospect.
#[tauri::command]
pub async fn save_prospect(
    state: State<'_, AppState>,
    id: Option<ProspectId>,
    form: ProspectForm,
) -> ShellResult<ProspectDetail> {
    Ok(state.portal.save_prospect(id, form).await?)
}

#[tauri::command]
pub async fn delete_prospect(state: State<'_, AppState>, id: ProspectId) -> ShellResult<()> {
    Ok(state.portal.delete_prospect(id).await?)
}

#[tauri::command]
pub async fn check_domain(
    state: State<'_, AppState>,
    domain: String,
    except_id: Option<ProspectId>,
) -> ShellResult<DomainCheck> {
    Ok(state.portal.check_domain(&domain, except_id).await?)
}

#[tauri::command]
pub async fn deals(state: State<'_, AppState>, query: DealQuery) -> ShellResult<DealList> {
    Ok(state.portal.deals(query).await?)
}

#[tauri::command]
pub async fn deal(state: State<'_, AppState>, id: DealId) -> ShellResult<DealDetail> {
    Ok(state.portal.deal(id).await?)
}

/// Creates (`id` of `None`, as a draft) or edits a draft deal registration.
#[tauri::command]
pub async fn save_deal(
    state: State<'_, AppState>,
    id: Option<DealId>,
    form: DealForm,
) -> ShellResult<DealDetail> {
    Ok(state.portal.save_deal(id, form).await?)
}

#[tauri::command]
pub async fn deal_action(
    state: State<'_, AppState>,
    id: DealId,
    action: DealAction,
) -> ShellResult<DealDetail> {
    Ok(state.portal.deal_action(id, action).await?)
}

#[tauri::command]
pub async fn delete_deal(state: State<'_, AppState>, id: DealId) -> ShellResult<()> {
    Ok(state.portal.delete_deal(id).await?)
}

#[tauri::command]
pub async fn product_names(state: State<'_, AppState>) -> ShellResult<Vec<String>> {
    Ok(state.portal.product_names().await?)
}

#[tauri::command]
pub async fn pending_changes(state: State<'_, AppState>) -> ShellResult<Vec<PendingChange>> {
    Ok(state.portal.pending_changes().await?)
}

#[tauri::command]
pub async fn resolve_change(
    state: State<'_, AppState>,
    mutation_id: i64,
    resolution: Resolution,
) -> ShellResult<()> {
    Ok(state.portal.resolve_change(mutation_id, resolution).await?)
}

#[tauri::command]
pub async fn dismiss_change(state: State<'_, AppState>, mutation_id: i64) -> ShellResult<()> {
    Ok(state.portal.dismiss_change(mutation_id).await?)
}

/// Syncs at once and answers when the sync ends.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> ShellResult<SyncStatus> {
    Ok(state.portal.sync_now().await?)
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> ShellResult<SyncStatus> {
    Ok(state.portal.sync_status().await?)
}
