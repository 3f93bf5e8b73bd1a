//! The commands the UI may invoke. Each is thin: its arguments, one `portal-client` call, the error mapped.

use crate::{
    error::ShellResult,
    preferences,
    save_dialog::{self, Export},
    AppState,
};
use portal_client::ClientError;
use portal_core::{
    accounts::{
        CustomerDetail, CustomerList, CustomerQuery, InvoiceDetail, InvoiceList, InvoiceQuery,
        RenewalList, RenewalQuery, SupportCaseDetail, SupportCaseList, SupportCaseQuery,
    },
    api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile},
    deal::DealAction,
    ids::{CustomerId, DealId, InvoiceId, OrderId, ProspectId, QuoteId, SupportCaseId},
    order::{Attachment, OrderForm},
    pending::{PendingChange, Resolution, SyncStatus},
    pricebook::PriceBook,
    prospect::ProspectForm,
    quote::{QuoteAction, QuoteForm},
    quoting::{
        CustomerOption, OrderDetail, OrderList, OrderQuery, PdfAudience, QuoteDetail, QuoteList,
        QuoteQuery,
    },
    registration::DealForm,
    sales::{
        DealDetail, DealList, DealQuery, DomainCheck, ProspectDetail, ProspectList, ProspectQuery,
    },
    shell::{Connection, ExternalLink, Preferences, SessionView, SignInArgs, Snapshot, StartState},
    ErrorKind,
};
use tauri::{AppHandle, State, WebviewWindow};
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

/// The Dashboard's figures from the local cache, dated by its last sync.
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
) -> ShellResult<portal_core::dashboard::Dashboard> {
    Ok(state.portal.dashboard().await?)
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

#[tauri::command]
pub async fn quotes(state: State<'_, AppState>, query: QuoteQuery) -> ShellResult<QuoteList> {
    Ok(state.portal.quotes(query).await?)
}

#[tauri::command]
pub async fn quote(state: State<'_, AppState>, id: QuoteId) -> ShellResult<QuoteDetail> {
    Ok(state.portal.quote(id).await?)
}

/// The cached price book (products and the firm's margin), for the quote builder.
#[tauri::command]
pub async fn price_book(state: State<'_, AppState>) -> ShellResult<PriceBook> {
    Ok(state.portal.price_book().await?)
}

/// The firm's customers matching `search` (company name or domain), for the quote builder's
/// customer picker; none for a user whose cache holds no customers.
#[tauri::command]
pub async fn customer_options(
    state: State<'_, AppState>,
    search: String,
) -> ShellResult<Vec<CustomerOption>> {
    Ok(state.portal.customer_options(&search).await?)
}

/// Creates (`id` of `None`) or edits a draft quote.
#[tauri::command]
pub async fn save_quote(
    state: State<'_, AppState>,
    id: Option<QuoteId>,
    form: QuoteForm,
) -> ShellResult<QuoteDetail> {
    Ok(state.portal.save_quote(id, form).await?)
}

#[tauri::command]
pub async fn delete_quote(state: State<'_, AppState>, id: QuoteId) -> ShellResult<()> {
    Ok(state.portal.delete_quote(id).await?)
}

#[tauri::command]
pub async fn quote_action(
    state: State<'_, AppState>,
    id: QuoteId,
    action: QuoteAction,
) -> ShellResult<QuoteDetail> {
    Ok(state.portal.quote_action(id, action).await?)
}

/// A new revision (a draft) of a sent, accepted, declined or expired quote.
#[tauri::command]
pub async fn revise_quote(state: State<'_, AppState>, id: QuoteId) -> ShellResult<QuoteDetail> {
    Ok(state.portal.revise_quote(id).await?)
}

/// Writes the quote's PDF where the user chooses in a save dialog, or at `path` when given (no
/// dialog: the end-to-end tests cannot click a native one). The path written, or `None` when the
/// user cancelled the dialog.
#[tauri::command]
pub async fn export_quote_pdf(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: QuoteId,
    audience: PdfAudience,
    path: Option<String>,
) -> ShellResult<Option<String>> {
    let export = Export {
        title: "Save the quote as PDF",
        filter: ("PDF document", &["pdf"]),
    };
    let suggested = async { Ok(state.portal.quote_file_name(id, audience).await?) };
    let Some(path) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    state.portal.quote_pdf(id, audience, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn orders(state: State<'_, AppState>, query: OrderQuery) -> ShellResult<OrderList> {
    Ok(state.portal.orders(query).await?)
}

#[tauri::command]
pub async fn order(state: State<'_, AppState>, id: OrderId) -> ShellResult<OrderDetail> {
    Ok(state.portal.order(id).await?)
}

/// Starts an order (pending the customer's approval) from an accepted quote.
#[tauri::command]
pub async fn start_order(
    state: State<'_, AppState>,
    quote_id: QuoteId,
) -> ShellResult<OrderDetail> {
    Ok(state.portal.start_order(quote_id).await?)
}

#[tauri::command]
pub async fn save_order(
    state: State<'_, AppState>,
    id: OrderId,
    form: OrderForm,
) -> ShellResult<OrderDetail> {
    Ok(state.portal.save_order(id, form).await?)
}

#[tauri::command]
pub async fn submit_order(state: State<'_, AppState>, id: OrderId) -> ShellResult<OrderDetail> {
    Ok(state.portal.submit_order(id).await?)
}

/// Keeps a purchase-order file and describes it for the order form; with `order_id`, also
/// attaches it to that order at once.
#[tauri::command]
pub async fn attach_po(
    state: State<'_, AppState>,
    order_id: Option<OrderId>,
    file_name: String,
    content_type: String,
    bytes: Vec<u8>,
) -> ShellResult<Attachment> {
    Ok(state
        .portal
        .attach_po(order_id, &file_name, &content_type, bytes)
        .await?)
}

#[tauri::command]
pub async fn customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> ShellResult<CustomerList> {
    Ok(state.portal.customers(query).await?)
}

#[tauri::command]
pub async fn customer(state: State<'_, AppState>, id: CustomerId) -> ShellResult<CustomerDetail> {
    Ok(state.portal.customer(id).await?)
}

#[tauri::command]
pub async fn renewals(state: State<'_, AppState>, query: RenewalQuery) -> ShellResult<RenewalList> {
    Ok(state.portal.renewals(query).await?)
}

/// Saves the renewals that match `query` as CSV: to `path` when given (the end-to-end tests cannot
/// click a native dialog), else where the user picks in the save dialog. The path written, or
/// `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn renewals_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
    query: RenewalQuery,
    path: Option<String>,
) -> ShellResult<Option<String>> {
    let export = Export {
        title: "Export the renewals as CSV",
        filter: ("CSV file", &["csv"]),
    };
    let suggested = async { Ok(state.portal.renewals_file_name()) };
    let Some(path) = save_dialog::destination(&window, path, export, suggested).await? else {
        return Ok(None);
    };
    state.portal.save_renewals_csv(query, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn invoices(state: State<'_, AppState>, query: InvoiceQuery) -> ShellResult<InvoiceList> {
    Ok(state.portal.invoices(query).await?)
}

#[tauri::command]
pub async fn invoice(state: State<'_, AppState>, id: InvoiceId) -> ShellResult<InvoiceDetail> {
    Ok(state.portal.invoice(id).await?)
}

#[tauri::command]
pub async fn support_cases(
    state: State<'_, AppState>,
    query: SupportCaseQuery,
) -> ShellResult<SupportCaseList> {
    Ok(state.portal.support_cases(query).await?)
}

#[tauri::command]
pub async fn support_case(
    state: State<'_, AppState>,
    id: SupportCaseId,
) -> ShellResult<SupportCaseDetail> {
    Ok(state.portal.support_case(id).await?)
}

/// Opens a support case for a customer (queued; the server numbers it when it syncs).
#[tauri::command]
pub async fn open_support_case(
    state: State<'_, AppState>,
    form: portal_core::support::SupportCaseForm,
) -> ShellResult<SupportCaseDetail> {
    Ok(state.portal.open_support_case(form).await?)
}
