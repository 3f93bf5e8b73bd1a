//! Sales: quotes, the price book, and a quote's PDF.

use super::Answer;
use crate::{
    save_dialog::{self, Export},
    AppState,
};
use portal_core::shell::commands::{
    ActOnQuote, CustomerOptions, DeleteQuote, ExportQuotePdf, GetPriceBook, GetQuote, ListQuotes,
    ReviseQuote, SaveQuote,
};
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn quotes(state: State<'_, AppState>, args: ListQuotes) -> Answer<ListQuotes> {
    Ok(state.portal.quotes(args.query).await?)
}

#[tauri::command]
pub async fn quote(state: State<'_, AppState>, args: GetQuote) -> Answer<GetQuote> {
    Ok(state.portal.quote(args.id).await?)
}

/// The cached price book (products and the firm's margin), for the quote builder.
#[tauri::command]
pub async fn price_book(state: State<'_, AppState>, args: GetPriceBook) -> Answer<GetPriceBook> {
    let GetPriceBook {} = args;
    Ok(state.portal.price_book().await?)
}

/// The firm's customers matching `search` (company name or domain), for the quote builder's
/// customer picker; none for a user whose cache holds no customers.
#[tauri::command]
pub async fn customer_options(
    state: State<'_, AppState>,
    args: CustomerOptions,
) -> Answer<CustomerOptions> {
    Ok(state.portal.customer_options(&args.search).await?)
}

/// Creates (`id` of `None`) or edits a draft quote.
#[tauri::command]
pub async fn save_quote(state: State<'_, AppState>, args: SaveQuote) -> Answer<SaveQuote> {
    Ok(state.portal.save_quote(args.id, args.form).await?)
}

#[tauri::command]
pub async fn delete_quote(state: State<'_, AppState>, args: DeleteQuote) -> Answer<DeleteQuote> {
    Ok(state.portal.delete_quote(args.id).await?)
}

#[tauri::command]
pub async fn quote_action(state: State<'_, AppState>, args: ActOnQuote) -> Answer<ActOnQuote> {
    Ok(state.portal.quote_action(args.id, args.action).await?)
}

/// A new revision (a draft) of a sent, accepted, declined or expired quote.
#[tauri::command]
pub async fn revise_quote(state: State<'_, AppState>, args: ReviseQuote) -> Answer<ReviseQuote> {
    Ok(state.portal.revise_quote(args.id).await?)
}

/// Writes the quote's PDF where the user chooses in a save dialog, or at `path` when given (no
/// dialog: the end-to-end tests cannot click a native one). The path written, or `None` when the
/// user cancelled the dialog.
#[tauri::command]
pub async fn export_quote_pdf(
    window: WebviewWindow,
    state: State<'_, AppState>,
    args: ExportQuotePdf,
) -> Answer<ExportQuotePdf> {
    let ExportQuotePdf { id, audience, path } = args;
    let export = Export {
        title: "Save the quote as PDF",
        filter: Some(("PDF document", &["pdf"])),
    };
    let suggested = async { Ok(state.portal.quote_file_name(id, audience).await?) };
    let Some(path) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    state.portal.quote_pdf(id, audience, &path).await?;
    Ok(Some(path.display().to_string()))
}
