//! Pending Changes and syncing.

use super::Answer;
use crate::AppState;
use portal_core::shell::commands::{
    DismissChange, GetSyncStatus, ListPendingChanges, ResolveChange, SyncNow,
};
use tauri::State;

#[tauri::command]
pub async fn pending_changes(
    state: State<'_, AppState>,
    args: ListPendingChanges,
) -> Answer<ListPendingChanges> {
    let ListPendingChanges {} = args;
    Ok(state.portal.pending_changes().await?)
}

#[tauri::command]
pub async fn resolve_change(
    state: State<'_, AppState>,
    args: ResolveChange,
) -> Answer<ResolveChange> {
    Ok(state
        .portal
        .resolve_change(args.mutation_id, args.resolution)
        .await?)
}

#[tauri::command]
pub async fn dismiss_change(
    state: State<'_, AppState>,
    args: DismissChange,
) -> Answer<DismissChange> {
    Ok(state.portal.dismiss_change(args.mutation_id).await?)
}

/// Syncs at once and answers when the sync ends.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>, args: SyncNow) -> Answer<SyncNow> {
    let SyncNow {} = args;
    Ok(state.portal.sync_now().await?)
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>, args: GetSyncStatus) -> Answer<GetSyncStatus> {
    let GetSyncStatus {} = args;
    Ok(state.portal.sync_status().await?)
}
