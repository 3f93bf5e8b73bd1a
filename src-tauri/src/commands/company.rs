//! Company: the vendor's news.

use super::Answer;
use crate::AppState;
use portal_core::shell::commands::GetNews;
use tauri::State;

/// The vendor's news, from the server or, offline, the cache.
#[tauri::command]
pub async fn news(state: State<'_, AppState>, args: GetNews) -> Answer<GetNews> {
    let GetNews {} = args;
    Ok(state.portal.news().await?)
}
