//! Forwards the sync engine's channels to the UI: `sync-status` (a `SyncStatus`) on every change of
//! the status, `data-changed` (the names of the kinds of record) after a sync changed records. After
//! each completed sync, an administrator with reminders on gets one desktop notification of the
//! renewals newly due within their window, new marketing resources are announced (when the user
//! allows it), the briefcase is brought up to date in the background, and PIMS fetches its files
//! and announces new leads.

use portal_client::Portal;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;

use portal_core::shell::events::{DATA_CHANGED, SYNC_STATUS};

/// Starts the two forwarding tasks; they live as long as the app.
pub fn forward(app: &AppHandle, portal: &Portal) {
    let mut status = portal.subscribe_status();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut was_running = false;
        while status.changed().await.is_ok() {
            let now = status.borrow_and_update().clone();
            let completed = was_running && !now.running && now.last_error.is_none();
            was_running = now.running;
            if let Err(e) = handle.emit(SYNC_STATUS, now) {
                tracing::warn!(error = %e, "sync status not sent to the window");
            }
            if completed {
                remind_of_renewals(&handle).await;
                crate::resources::announce_new(&handle).await;
                crate::resources::fill_briefcase(&handle);
                // Fetching files may take a while: the status events go on meanwhile.
                let pims = handle.clone();
                tauri::async_runtime::spawn(async move { crate::pims::after_sync(&pims).await });
            }
        }
    });
    let mut data = portal.subscribe_data_changes();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match data.recv().await {
                Ok(entities) => {
                    let names: Vec<String> =
                        entities.iter().map(|e| e.as_str().to_owned()).collect();
                    if let Err(e) = handle.emit(DATA_CHANGED, names) {
                        tracing::warn!(error = %e, "data change not sent to the window");
                    }
                }
                // Missed notifications: say that everything may have changed.
                Err(RecvError::Lagged(_)) => {
                    let all: Vec<String> = portal_core::sync::Entity::ALL
                        .iter()
                        .map(|e| e.as_str().to_owned())
                        .collect();
                    let _ = handle.emit(DATA_CHANGED, all);
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}

/// Shows one notification of the renewals due within the user's window that they have not been
/// reminded of, then remembers them; nothing for a user without the Customers area, or with
/// reminders off. A failure is logged, never shown: a reminder is a courtesy.
async fn remind_of_renewals(app: &AppHandle) {
    let days = match crate::preferences::load(app) {
        Ok(prefs) => prefs.renewal_reminder_days,
        Err(e) => {
            tracing::warn!(error = %e, "preferences not read for renewal reminders");
            return;
        }
    };
    if days == 0 {
        return;
    }
    // The state is managed once the app is set up; a sync cannot complete before.
    let Some(state) = app.try_state::<crate::AppState>() else {
        return;
    };
    let portal = &state.portal;
    let result: Result<(), portal_client::ClientError> = async {
        if !portal.receives_customers().await? {
            return Ok(());
        }
        let due = portal.due_reminders(days).await?;
        let Some((title, body)) = portal_client::reminders::summary(days, &due) else {
            return Ok(());
        };
        if let Err(e) = app.notification().builder().title(title).body(body).show() {
            tracing::warn!(error = %e, "renewal reminder not shown");
            return Ok(());
        }
        let ids: Vec<_> = due.iter().map(|r| r.id).collect();
        portal.mark_reminded(&ids).await
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, "renewal reminders not read");
    }
}
