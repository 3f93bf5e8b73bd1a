//! The Customers area: orders, customers, renewals (and their CSV), invoices and support cases.

use super::Answer;
use crate::{
    save_dialog::{self, Export},
    AppState,
};
use portal_core::shell::commands::{
    AttachPo, ExportRenewalsCsv, GetCustomer, GetInvoice, GetOrder, GetSupportCase, ListCustomers,
    ListInvoices, ListOrders, ListRenewals, ListSupportCases, OpenSupportCase, SaveOrder,
    StartOrder, SubmitOrder,
};
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn orders(state: State<'_, AppState>, args: ListOrders) -> Answer<ListOrders> {
    Ok(state.portal.orders(args.query).await?)
}

#[tauri::command]
pub async fn order(state: State<'_, AppState>, args: GetOrder) -> Answer<GetOrder> {
    Ok(state.portal.order(args.id).await?)
}

/// Starts an order (pending the customer's approval) from an accepted quote.
#[tauri::command]
pub async fn start_order(state: State<'_, AppState>, args: StartOrder) -> Answer<StartOrder> {
    Ok(state.portal.start_order(args.quote_id).await?)
}

#[tauri::command]
pub async fn save_order(state: State<'_, AppState>, args: SaveOrder) -> Answer<SaveOrder> {
    Ok(state.portal.save_order(args.id, args.form).await?)
}

/// Sends the order to the vendor: a pending one, or a refused one once corrected.
#[tauri::command]
pub async fn submit_order(state: State<'_, AppState>, args: SubmitOrder) -> Answer<SubmitOrder> {
    Ok(state.portal.submit_order(args.id).await?)
}

/// Keeps a purchase-order file and describes it for the order form; with `order_id`, also
/// attaches it to that order at once.
#[tauri::command]
pub async fn attach_po(state: State<'_, AppState>, args: AttachPo) -> Answer<AttachPo> {
    let AttachPo {
        order_id,
        file_name,
        content_type,
        bytes,
    } = args;
    Ok(state
        .portal
        .attach_po(order_id, &file_name, &content_type, bytes)
        .await?)
}

#[tauri::command]
pub async fn customers(state: State<'_, AppState>, args: ListCustomers) -> Answer<ListCustomers> {
    Ok(state.portal.customers(args.query).await?)
}

#[tauri::command]
pub async fn customer(state: State<'_, AppState>, args: GetCustomer) -> Answer<GetCustomer> {
    Ok(state.portal.customer(args.id).await?)
}

#[tauri::command]
pub async fn renewals(state: State<'_, AppState>, args: ListRenewals) -> Answer<ListRenewals> {
    Ok(state.portal.renewals(args.query).await?)
}

/// Saves the renewals that match `query` as CSV: to `path` when given (the end-to-end tests cannot
/// click a native dialog), else where the user picks in the save dialog. The path written, or
/// `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn renewals_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: ExportRenewalsCsv,
) -> Answer<ExportRenewalsCsv> {
    let export = Export {
        title: "Export the renewals as CSV",
        filter: Some(("CSV file", &["csv"])),
    };
    let suggested = async { Ok(state.portal.renewals_file_name()) };
    let Some(path) = save_dialog::destination(&window, args.path, export, suggested).await? else {
        return Ok(None);
    };
    state.portal.save_renewals_csv(args.query, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn invoices(state: State<'_, AppState>, args: ListInvoices) -> Answer<ListInvoices> {
    Ok(state.portal.invoices(args.query).await?)
}

#[tauri::command]
pub async fn invoice(state: State<'_, AppState>, args: GetInvoice) -> Answer<GetInvoice> {
    Ok(state.portal.invoice(args.id).await?)
}

#[tauri::command]
pub async fn support_cases(
    state: State<'_, AppState>,
    args: ListSupportCases,
) -> Answer<ListSupportCases> {
    Ok(state.portal.support_cases(args.query).await?)
}

#[tauri::command]
pub async fn support_case(
    state: State<'_, AppState>,
    args: GetSupportCase,
) -> Answer<GetSupportCase> {
    Ok(state.portal.support_case(args.id).await?)
}

/// Opens a support case for a customer (queued; the server numbers it when it syncs).
#[tauri::command]
pub async fn open_support_case(
    state: State<'_, AppState>,
    args: OpenSupportCase,
) -> Answer<OpenSupportCase> {
    Ok(state.portal.open_support_case(args.form).await?)
}
