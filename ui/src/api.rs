//! Every call into the desktop shell: typed wrappers around Tauri's `invoke`.
//!
//! The UI never talks to the server; the shell's commands answer from the server or the local cache.
//! Each command, its arguments and its answer are declared once in `portal_core::shell::commands`,
//! shared with the shell: [`invoke`] sends one and reads its answer. A failed command arrives as the
//! JSON of [`ApiError`]; anything else becomes [`ErrorKind::Internal`].

use portal_core::{
    api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile},
    customers::{
        CustomerDetail, CustomerList, CustomerQuery, InvoiceDetail, InvoiceList, InvoiceQuery,
        RenewalList, RenewalQuery, SupportCaseDetail, SupportCaseList, SupportCaseQuery,
    },
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
    shell::{
        commands::{self as cmd, Command, SignIn},
        events, Connection, ExternalLink, Preferences, SessionView, Snapshot, StartState,
    },
    ApiError, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"], js_name = invoke)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// Resolves to the function that stops listening.
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "event"], js_name = listen)]
    async fn tauri_listen(event: &str, handler: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// The shell's event after every change of the sync status; the payload is a [`SyncStatus`].
pub const SYNC_STATUS_EVENT: &str = events::SYNC_STATUS;
/// The shell's event after a sync applied server changes; the payload names the kinds of record
/// that changed (`["prospect", "deal"]`).
pub const DATA_CHANGED_EVENT: &str = events::DATA_CHANGED;

/// A command's result: its value, or the shared error shape.
pub type ApiResult<T> = Result<T, ApiError>;

/// The one argument every command takes, `args`.
#[derive(Serialize)]
struct Payload<'a, C> {
    args: &'a C,
}

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::Internal, message)
}

/// Turns whatever the shell threw into the shared error shape.
fn to_api_error(thrown: JsValue) -> ApiError {
    if let Ok(err) = serde_wasm_bindgen::from_value::<ApiError>(thrown.clone()) {
        return err;
    }
    if let Some(text) = thrown.as_string() {
        return serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| internal(text));
    }
    let text = js_sys::JSON::stringify(&thrown)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "The app's shell did not answer as expected.".to_owned());
    internal(text)
}

/// Sends `command` to the shell and reads its answer.
pub async fn invoke<C: Command>(command: &C) -> ApiResult<C::Output> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Payload { args: command }
        .serialize(&serializer)
        .map_err(|e| internal(format!("Could not send {}: {e}", C::NAME)))?;
    let answer = tauri_invoke(C::NAME, args).await.map_err(to_api_error)?;
    serde_wasm_bindgen::from_value(answer)
        .map_err(|e| internal(format!("The answer to {} could not be read: {e}", C::NAME)))
}

/// Preferences and any remembered session, as the app opens.
pub async fn start() -> ApiResult<StartState> {
    invoke(&cmd::Start {}).await
}

pub async fn sign_in(args: &SignIn) -> ApiResult<SessionView> {
    invoke(args).await
}

/// Signs out. Without `force` the shell refuses (kind `conflict`) while changes made on this
/// computer have not reached the server, since signing out discards them.
pub async fn sign_out(force: bool) -> ApiResult<()> {
    invoke(&cmd::SignOut { force }).await
}

/// The vendor's branding as the server at `server_url` describes it (no sign-in needed).
pub async fn branding(server_url: &str) -> ApiResult<Branding> {
    invoke(&cmd::GetBranding {
        server_url: server_url.to_owned(),
    })
    .await
}

pub async fn partner_details() -> ApiResult<Snapshot<PartnerDetails>> {
    invoke(&cmd::GetPartnerDetails {}).await
}

/// The firm's users (administrators only).
pub async fn users() -> ApiResult<Snapshot<Vec<UserProfile>>> {
    invoke(&cmd::ListUsers {}).await
}

pub async fn news() -> ApiResult<Snapshot<Vec<NewsItem>>> {
    invoke(&cmd::GetNews {}).await
}

/// The Dashboard's figures from the local cache, dated by its last sync.
pub async fn dashboard() -> ApiResult<portal_core::dashboard::Dashboard> {
    invoke(&cmd::GetDashboard {}).await
}

pub async fn save_preferences(preferences: &Preferences) -> ApiResult<()> {
    invoke(&cmd::SavePreferences {
        preferences: preferences.clone(),
    })
    .await
}

/// Opens a vendor site in the system browser.
pub async fn open_external(link: ExternalLink) -> ApiResult<()> {
    invoke(&cmd::OpenExternal { link }).await
}

/// Whether the shell reached the server at its last attempt.
pub async fn connection() -> ApiResult<Connection> {
    invoke(&cmd::GetConnection {}).await
}

/// One page of the prospects that match, from the local cache.
pub async fn prospects(query: &ProspectQuery) -> ApiResult<ProspectList> {
    invoke(&cmd::ListProspects {
        query: query.clone(),
    })
    .await
}

pub async fn prospect(id: ProspectId) -> ApiResult<ProspectDetail> {
    invoke(&cmd::GetProspect { id }).await
}

/// Creates (`id` of `None`) or updates a prospect; a rule broken is `invalid_input` with its field.
pub async fn save_prospect(
    id: Option<ProspectId>,
    form: &ProspectForm,
) -> ApiResult<ProspectDetail> {
    invoke(&cmd::SaveProspect {
        id,
        form: form.clone(),
    })
    .await
}

pub async fn delete_prospect(id: ProspectId) -> ApiResult<()> {
    invoke(&cmd::DeleteProspect { id }).await
}

/// Whether a domain is free: among the firm's prospects (other than `except_id`) and, when the
/// server can be reached, among other firms' registrations.
pub async fn check_domain(domain: &str, except_id: Option<ProspectId>) -> ApiResult<DomainCheck> {
    invoke(&cmd::CheckDomain {
        domain: domain.to_owned(),
        except_id,
    })
    .await
}

pub async fn deals(query: &DealQuery) -> ApiResult<DealList> {
    invoke(&cmd::ListDeals {
        query: query.clone(),
    })
    .await
}

pub async fn deal(id: DealId) -> ApiResult<DealDetail> {
    invoke(&cmd::GetDeal { id }).await
}

/// Creates (`id` of `None`, as a draft) or updates a draft deal registration.
pub async fn save_deal(id: Option<DealId>, form: &DealForm) -> ApiResult<DealDetail> {
    invoke(&cmd::SaveDeal {
        id,
        form: form.clone(),
    })
    .await
}

/// A step in the deal's life cycle (submit, withdraw, mark won, mark lost).
pub async fn deal_action(id: DealId, action: DealAction) -> ApiResult<DealDetail> {
    invoke(&cmd::ActOnDeal { id, action }).await
}

/// Deletes a draft.
pub async fn delete_deal(id: DealId) -> ApiResult<()> {
    invoke(&cmd::DeleteDeal { id }).await
}

/// The products of the cached price book, by name, for the deal form.
pub async fn product_names() -> ApiResult<Vec<String>> {
    invoke(&cmd::ProductNames {}).await
}

/// The user's changes, newest first, with where each stands.
pub async fn pending_changes() -> ApiResult<Vec<PendingChange>> {
    invoke(&cmd::ListPendingChanges {}).await
}

pub async fn resolve_change(mutation_id: i64, resolution: Resolution) -> ApiResult<()> {
    invoke(&cmd::ResolveChange {
        mutation_id,
        resolution,
    })
    .await
}

/// Removes a refused change from the list (the record keeps the server's state).
pub async fn dismiss_change(mutation_id: i64) -> ApiResult<()> {
    invoke(&cmd::DismissChange { mutation_id }).await
}

/// Syncs at once and answers when the sync ends.
pub async fn sync_now() -> ApiResult<SyncStatus> {
    invoke(&cmd::SyncNow {}).await
}

pub async fn sync_status() -> ApiResult<SyncStatus> {
    invoke(&cmd::GetSyncStatus {}).await
}

/// One page of the quotes that match, from the local cache. The default sort (`created`) is newest
/// first; `descending` turns any sort round.
pub async fn quotes(query: &QuoteQuery) -> ApiResult<QuoteList> {
    invoke(&cmd::ListQuotes {
        query: query.clone(),
    })
    .await
}

/// One quote, priced with the cached price book, with its revisions and its order.
pub async fn quote(id: QuoteId) -> ApiResult<QuoteDetail> {
    invoke(&cmd::GetQuote { id }).await
}

/// The cached price book (products and the firm's margin), to price the quote form as it is typed.
pub async fn price_book() -> ApiResult<PriceBook> {
    invoke(&cmd::GetPriceBook {}).await
}

/// A page of the firm's customers whose company name or domain contains `search`, from the local
/// cache, for the quote builder; empty for a user whose cache holds no customers (sales users).
pub async fn customer_options(search: &str) -> ApiResult<Vec<CustomerOption>> {
    invoke(&cmd::CustomerOptions {
        search: search.to_owned(),
    })
    .await
}

/// Creates (`id` of `None`) or updates a draft quote; a broken rule is `invalid_input` with its
/// field (the first of them: `QuoteForm::apply` gives them all).
pub async fn save_quote(id: Option<QuoteId>, form: &QuoteForm) -> ApiResult<QuoteDetail> {
    invoke(&cmd::SaveQuote {
        id,
        form: form.clone(),
    })
    .await
}

/// Deletes a draft quote.
pub async fn delete_quote(id: QuoteId) -> ApiResult<()> {
    invoke(&cmd::DeleteQuote { id }).await
}

/// Marks a quote as sent, accepted or declined (refused with kind `conflict` when the quote's
/// status, approval or validity does not allow it).
pub async fn quote_action(id: QuoteId, action: QuoteAction) -> ApiResult<QuoteDetail> {
    invoke(&cmd::ActOnQuote { id, action }).await
}

/// A new draft revision of a sent, accepted, declined or expired quote; answers with the revision.
pub async fn revise_quote(id: QuoteId) -> ApiResult<QuoteDetail> {
    invoke(&cmd::ReviseQuote { id }).await
}

/// Saves the quote's PDF: where the user chooses in a save dialog, or at `path` without one. The
/// path written, or `None` when the user cancelled.
pub async fn export_quote_pdf(
    id: QuoteId,
    audience: PdfAudience,
    path: Option<&str>,
) -> ApiResult<Option<String>> {
    invoke(&cmd::ExportQuotePdf {
        id,
        audience,
        path: path.map(str::to_owned),
    })
    .await
}

/// The orders that match, in their two sections. The default sort (`created`) is newest first.
pub async fn orders(query: &OrderQuery) -> ApiResult<OrderList> {
    invoke(&cmd::ListOrders {
        query: query.clone(),
    })
    .await
}

pub async fn order(id: OrderId) -> ApiResult<OrderDetail> {
    invoke(&cmd::GetOrder { id }).await
}

/// Starts an order from an accepted quote, prefilled from its prospect or customer.
pub async fn start_order(quote_id: QuoteId) -> ApiResult<OrderDetail> {
    invoke(&cmd::StartOrder { quote_id }).await
}

/// Saves an order's details while it waits for the customer's approval.
pub async fn save_order(id: OrderId, form: &OrderForm) -> ApiResult<OrderDetail> {
    invoke(&cmd::SaveOrder {
        id,
        form: form.clone(),
    })
    .await
}

/// Submits an order to the vendor (every missing detail refused first, as `invalid_input`).
pub async fn submit_order(id: OrderId) -> ApiResult<OrderDetail> {
    invoke(&cmd::SubmitOrder { id }).await
}

/// Keeps a purchase-order file and describes it for the order form's `po_attachment`; with
/// `order_id`, also attaches it to that order at once.
pub async fn attach_po(
    order_id: Option<OrderId>,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> ApiResult<Attachment> {
    invoke(&cmd::AttachPo {
        order_id,
        file_name: file_name.to_owned(),
        content_type: content_type.to_owned(),
        bytes: bytes.to_vec(),
    })
    .await
}

/// The firm's customers that match, by company name (administrators only: none for others).
pub async fn customers(query: &CustomerQuery) -> ApiResult<CustomerList> {
    invoke(&cmd::ListCustomers {
        query: query.clone(),
    })
    .await
}

pub async fn customer(id: CustomerId) -> ApiResult<CustomerDetail> {
    invoke(&cmd::GetCustomer { id }).await
}

/// The renewals due in the query's window, soonest first, with their total value.
pub async fn renewals(query: &RenewalQuery) -> ApiResult<RenewalList> {
    invoke(&cmd::ListRenewals {
        query: query.clone(),
    })
    .await
}

/// Saves every renewal that matches as CSV (at `path`, or where the save dialog says); the path
/// written, or `None` when the user cancelled.
pub async fn renewals_csv(query: &RenewalQuery, path: Option<&str>) -> ApiResult<Option<String>> {
    invoke(&cmd::ExportRenewalsCsv {
        query: query.clone(),
        path: path.map(str::to_owned),
    })
    .await
}

/// The invoices that match, newest first.
pub async fn invoices(query: &InvoiceQuery) -> ApiResult<InvoiceList> {
    invoke(&cmd::ListInvoices {
        query: query.clone(),
    })
    .await
}

pub async fn invoice(id: InvoiceId) -> ApiResult<InvoiceDetail> {
    invoke(&cmd::GetInvoice { id }).await
}

/// The open or closed support cases that match, newest first.
pub async fn support_cases(query: &SupportCaseQuery) -> ApiResult<SupportCaseList> {
    invoke(&cmd::ListSupportCases {
        query: query.clone(),
    })
    .await
}

pub async fn support_case(id: SupportCaseId) -> ApiResult<SupportCaseDetail> {
    invoke(&cmd::GetSupportCase { id }).await
}

/// Opens a support case (queued until the server numbers it).
pub async fn open_support_case(
    form: &portal_core::support::SupportCaseForm,
) -> ApiResult<SupportCaseDetail> {
    invoke(&cmd::OpenSupportCase { form: form.clone() }).await
}

/// A subscription to one of the shell's events; dropping it stops listening.
pub struct EventListener {
    state: Rc<RefCell<ListenState>>,
}

struct ListenState {
    /// Kept alive while the shell may call it.
    handler: Option<Closure<dyn FnMut(JsValue)>>,
    unlisten: Option<js_sys::Function>,
    dropped: bool,
}

/// Calls `on_event` with each `event`'s payload. A payload that does not read as `T` is logged
/// and skipped.
pub fn listen<T, F>(event: &'static str, on_event: F) -> EventListener
where
    T: DeserializeOwned + 'static,
    F: Fn(T) + 'static,
{
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let payload =
            js_sys::Reflect::get(&e, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        match serde_wasm_bindgen::from_value::<T>(payload) {
            Ok(payload) => on_event(payload),
            Err(err) => {
                web_sys::console::warn_1(&format!("{event}: unreadable payload: {err}").into())
            }
        }
    });
    let function: js_sys::Function = handler.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let state = Rc::new(RefCell::new(ListenState {
        handler: Some(handler),
        unlisten: None,
        dropped: false,
    }));
    let pending = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match tauri_listen(event, &function).await {
            Ok(unlisten) => {
                let unlisten: js_sys::Function = unlisten.unchecked_into();
                let mut state = pending.borrow_mut();
                if state.dropped {
                    // Unmounted while the subscription was being made: undo it at once.
                    let _ = unlisten.call0(&JsValue::NULL);
                    state.handler = None;
                } else {
                    state.unlisten = Some(unlisten);
                }
            }
            Err(e) => {
                web_sys::console::warn_1(&format!("Could not listen to {event}: {e:?}").into());
                pending.borrow_mut().handler = None;
            }
        }
    });
    EventListener { state }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let mut state = self.state.borrow_mut();
        state.dropped = true;
        if let Some(unlisten) = state.unlisten.take() {
            let _ = unlisten.call0(&JsValue::NULL);
            state.handler = None;
        }
    }
}

/// Fire-and-forget helper for links: a failure is logged, as there is nothing the user can do.
pub fn open_external_in_background(link: ExternalLink) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = open_external(link).await {
            web_sys::console::warn_1(&format!("open_external failed: {e}").into());
        }
    });
}

/// An error kind as the wire spells it (`invalid_credentials`), for `data-kind` attributes.
pub fn kind_name(kind: ErrorKind) -> String {
    kind.as_str().to_owned()
}
