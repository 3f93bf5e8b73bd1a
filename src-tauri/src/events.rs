//! Forwards the sync engine's channels to the UI: `sync-status` (a `SyncStatus`) on every change of
//! the status, `data-changed` (the names of the kinds of record) after a sync changed records.

use portal_client::Portal;
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::error::RecvError;

pub const SYNC_STATUS: &str = "sync-status";
pub const DATA_CHANGED: &str = "data-changed";

/// Starts the two forwarding tasks; they live as long as the app.
pub fn forward(app: &AppHandle, portal: &Portal) {
    let mut status = portal.subscribe_status();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        while status.changed().await.is_ok() {
            let now = status.borrow_and_update().clone();
            if let Err(e) = handle.emit(SYNC_STATUS, now) {
                tracing::warn!(error = %e, "sync status not sent to the window");
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
