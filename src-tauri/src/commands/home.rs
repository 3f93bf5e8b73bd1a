//! Home: the Dashboard.

use super::Answer;
use crate::AppState;
use portal_core::shell::commands::GetDashboard;
use tauri::State;

/// The Dashboard's figures from the local cache, dated by its last sync.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, args: GetDashboard) -> Answer<GetDashboard> {
    let GetDashboard {} = args;
    Ok(state.portal.dashboard().await?)
}
