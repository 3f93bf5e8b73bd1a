//! My Account's pages: the firm's partner details and its users.

use super::Answer;
use crate::AppState;
use portal_core::shell::commands::{GetPartnerDetails, ListUsers};
use tauri::State;

#[tauri::command]
pub async fn partner_details(
    state: State<'_, AppState>,
    args: GetPartnerDetails,
) -> Answer<GetPartnerDetails> {
    let GetPartnerDetails {} = args;
    Ok(state.portal.partner_details().await?)
}

#[tauri::command]
pub async fn users(state: State<'_, AppState>, args: ListUsers) -> Answer<ListUsers> {
    let ListUsers {} = args;
    Ok(state.portal.users().await?)
}
