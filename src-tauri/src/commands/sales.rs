//! Sales: prospects and deal registrations.

use super::Answer;
use crate::AppState;
use portal_core::shell::commands::{
    ActOnDeal, CheckDomain, DeleteDeal, DeleteProspect, GetDeal, GetProspect, ListDeals,
    ListProspects, ProductNames, SaveDeal, SaveProspect,
};
use tauri::State;

#[tauri::command]
pub async fn prospects(state: State<'_, AppState>, args: ListProspects) -> Answer<ListProspects> {
    Ok(state.portal.prospects(args.query).await?)
}

#[tauri::command]
pub async fn prospect(state: State<'_, AppState>, args: GetProspect) -> Answer<GetProspect> {
    Ok(state.portal.prospect(args.id).await?)
}

/// Creates (`id` of `None`) or edits a prospect.
#[tauri::command]
pub async fn save_prospect(state: State<'_, AppState>, args: SaveProspect) -> Answer<SaveProspect> {
    Ok(state.portal.save_prospect(args.id, args.form).await?)
}

#[tauri::command]
pub async fn delete_prospect(
    state: State<'_, AppState>,
    args: DeleteProspect,
) -> Answer<DeleteProspect> {
    Ok(state.portal.delete_prospect(args.id).await?)
}

#[tauri::command]
pub async fn check_domain(state: State<'_, AppState>, args: CheckDomain) -> Answer<CheckDomain> {
    Ok(state
        .portal
        .check_domain(&args.domain, args.except_id)
        .await?)
}

#[tauri::command]
pub async fn deals(state: State<'_, AppState>, args: ListDeals) -> Answer<ListDeals> {
    Ok(state.portal.deals(args.query).await?)
}

#[tauri::command]
pub async fn deal(state: State<'_, AppState>, args: GetDeal) -> Answer<GetDeal> {
    Ok(state.portal.deal(args.id).await?)
}

/// Creates (`id` of `None`, as a draft) or edits a draft deal registration.
#[tauri::command]
pub async fn save_deal(state: State<'_, AppState>, args: SaveDeal) -> Answer<SaveDeal> {
    Ok(state.portal.save_deal(args.id, args.form).await?)
}

#[tauri::command]
pub async fn deal_action(state: State<'_, AppState>, args: ActOnDeal) -> Answer<ActOnDeal> {
    Ok(state.portal.deal_action(args.id, args.action).await?)
}

#[tauri::command]
pub async fn delete_deal(state: State<'_, AppState>, args: DeleteDeal) -> Answer<DeleteDeal> {
    Ok(state.portal.delete_deal(args.id).await?)
}

#[tauri::command]
pub async fn product_names(state: State<'_, AppState>, args: ProductNames) -> Answer<ProductNames> {
    let ProductNames {} = args;
    Ok(state.portal.product_names().await?)
}
