//! Every call into the desktop shell: typed wrappers around Tauri's `invoke`.
//!
//! The UI never talks to the server; the shell's commands answer from the server or the local cache.
//! A failed command arrives as the JSON of [`ApiError`]; anything else becomes [`ErrorKind::Internal`].

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
    ApiError, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"])]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// Resolves to the function that stops listening.
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "event"], js_name = listen)]
    async fn tauri_listen(event: &str, handler: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// The shell's event after every change of the sync status; the payload is a [`SyncStatus`].
pub const SYNC_STATUS_EVENT: &str = "sync-status";
/// The shell's event after a sync applied server changes; the payload names the kinds of record
/// that changed (`["prospect", "deal"]`).
pub const DATA_CHANGED_EVENT: &str = "data-changed";

/// A command's result: its value, or the shared error shape.
pub type ApiResult<T> = Result<T, ApiError>;

/// Commands that take no arguments still get an (empty) object.
#[derive(Serialize)]
struct NoArgs {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignInPayload<'a> {
    args: &'a SignInArgs,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BrandingPayload<'a> {
    server_url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PreferencesPayload<'a> {
    preferences: &'a Preferences,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinkPayload {
    link: ExternalLink,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IdPayload<I> {
    id: I,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueryPayload<'a, Q> {
    query: &'a Q,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SavePayload<'a, I, F> {
    /// `None` creates the record.
    id: Option<I>,
    form: &'a F,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchPayload<'a> {
    search: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DomainPayload<'a> {
    domain: &'a str,
    except_id: Option<ProspectId>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DealActionPayload {
    id: DealId,
    action: DealAction,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MutationPayload {
    mutation_id: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResolvePayload {
    mutation_id: i64,
    resolution: Resolution,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuoteActionPayload {
    id: QuoteId,
    action: QuoteAction,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportPdfPayload<'a> {
    id: QuoteId,
    audience: PdfAudience,
    /// `None` asks with the native save dialog.
    path: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartOrderPayload {
    quote_id: QuoteId,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrderFormPayload<'a> {
    id: OrderId,
    form: &'a OrderForm,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AttachPayload<'a> {
    order_id: Option<OrderId>,
    file_name: &'a str,
    content_type: &'a str,
    /// Sent as an array of numbers (serde serializes a byte slice as a sequence).
    bytes: &'a [u8],
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

async fn call_raw(cmd: &str, args: &impl Serialize) -> ApiResult<JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|e| internal(format!("Could not send {cmd}: {e}")))?;
    invoke(cmd, args).await.map_err(to_api_error)
}

async fn call<T: DeserializeOwned>(cmd: &str, args: &impl Serialize) -> ApiResult<T> {
    let value = call_raw(cmd, args).await?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| internal(format!("The answer to {cmd} could not be read: {e}")))
}

/// For commands that answer with nothing.
async fn call_unit(cmd: &str, args: &impl Serialize) -> ApiResult<()> {
    call_raw(cmd, args).await.map(drop)
}

/// Preferences and any remembered session, as the app opens.
pub async fn start() -> ApiResult<StartState> {
    call("start", &NoArgs {}).await
}

pub async fn sign_in(args: &SignInArgs) -> ApiResult<SessionView> {
    call("sign_in", &SignInPayload { args }).await
}

#[derive(Serialize)]
struct SignOutPayload {
    force: bool,
}

/// Signs out. Without `force` the shell refuses (kind `conflict`) while changes made on this
/// computer have not reached the server, since signing out discards them.
pub async fn sign_out(force: bool) -> ApiResult<()> {
    call_unit("sign_out", &SignOutPayload { force }).await
}

/// The vendor's branding as the server at `server_url` describes it (no sign-in needed).
pub async fn branding(server_url: &str) -> ApiResult<Branding> {
    call("branding", &BrandingPayload { server_url }).await
}

pub async fn partner_details() -> ApiResult<Snapshot<PartnerDetails>> {
    call("partner_details", &NoArgs {}).await
}

/// The firm's users (administrators only).
pub async fn users() -> ApiResult<Snapshot<Vec<UserProfile>>> {
    call("users", &NoArgs {}).await
}

pub async fn news() -> ApiResult<Snapshot<Vec<NewsItem>>> {
    call("news", &NoArgs {}).await
}

/// The Dashboard's figures from the local cache, dated by its last sync.
pub async fn dashboard() -> ApiResult<portal_core::dashboard::Dashboard> {
    call("dashboard", &NoArgs {}).await
}

pub async fn save_preferences(preferences: &Preferences) -> ApiResult<()> {
    call_unit("save_preferences", &PreferencesPayload { preferences }).await
}

/// Opens a vendor site in the system browser.
pub async fn open_external(link: ExternalLink) -> ApiResult<()> {
    call_unit("open_external", &LinkPayload { link }).await
}

/// Whether the shell reached the server at its last attempt.
pub async fn connection() -> ApiResult<Connection> {
    call("connection", &NoArgs {}).await
}

/// One page of the prospects that match, from the local cache.
pub async fn prospects(query: &ProspectQuery) -> ApiResult<ProspectList> {
    call("prospects", &QueryPayload { query }).await
}

pub async fn prospect(id: ProspectId) -> ApiResult<ProspectDetail> {
    call("prospect", &IdPayload { id }).await
}

/// Creates (`id` of `None`) or updates a prospect; a rule broken is `invalid_input` with its field.
pub async fn save_prospect(
    id: Option<ProspectId>,
    form: &ProspectForm,
) -> ApiResult<ProspectDetail> {
    call("save_prospect", &SavePayload { id, form }).await
}

pub async fn delete_prospect(id: ProspectId) -> ApiResult<()> {
    call_unit("delete_prospect", &IdPayload { id }).await
}

/// Whether a domain is free: among the firm's prospects (other than `except_id`) and, when the
/// server can be reached, among other firms' registrations.
pub async fn check_domain(domain: &str, except_id: Option<ProspectId>) -> ApiResult<DomainCheck> {
    call("check_domain", &DomainPayload { domain, except_id }).await
}

pub async fn deals(query: &DealQuery) -> ApiResult<DealList> {
    call("deals", &QueryPayload { query }).await
}

pub async fn deal(id: DealId) -> ApiResult<DealDetail> {
    call("deal", &IdPayload { id }).await
}

/// Creates (`id` of `None`, as a draft) or updates a draft deal registration.
pub async fn save_deal(id: Option<DealId>, form: &DealForm) -> ApiResult<DealDetail> {
    call("save_deal", &SavePayload { id, form }).await
}

/// A step in the deal's life cycle (submit, withdraw, mark won, mark lost).
pub async fn deal_action(id: DealId, action: DealAction) -> ApiResult<DealDetail> {
    call("deal_action", &DealActionPayload { id, action }).await
}

/// Deletes a draft.
pub async fn delete_deal(id: DealId) -> ApiResult<()> {
    call_unit("delete_deal", &IdPayload { id }).await
}

/// The products of the cached price book, by name, for the deal form.
pub async fn product_names() -> ApiResult<Vec<String>> {
    call("product_names", &NoArgs {}).await
}

/// The user's changes, newest first, with where each stands.
pub async fn pending_changes() -> ApiResult<Vec<PendingChange>> {
    call("pending_changes", &NoArgs {}).await
}

pub async fn resolve_change(mutation_id: i64, resolution: Resolution) -> ApiResult<()> {
    call_unit(
        "resolve_change",
        &ResolvePayload {
            mutation_id,
            resolution,
        },
    )
    .await
}

/// Removes a refused change from the list (the record keeps the server's state).
pub async fn dismiss_change(mutation_id: i64) -> ApiResult<()> {
    call_unit("dismiss_change", &MutationPayload { mutation_id }).await
}

/// Syncs at once and answers when the sync ends.
pub async fn sync_now() -> ApiResult<SyncStatus> {
    call("sync_now", &NoArgs {}).await
}

pub async fn sync_status() -> ApiResult<SyncStatus> {
    call("sync_status", &NoArgs {}).await
}

/// One page of the quotes that match, from the local cache. The default sort (`created`) is newest
/// first; `descending` turns any sort round.
pub async fn quotes(query: &QuoteQuery) -> ApiResult<QuoteList> {
    call("quotes", &QueryPayload { query }).await
}

/// One quote, priced with the cached price book, with its revisions and its order.
pub async fn quote(id: QuoteId) -> ApiResult<QuoteDetail> {
    call("quote", &IdPayload { id }).await
}

/// The cached price book (products and the firm's margin), to price the quote form as it is typed.
pub async fn price_book() -> ApiResult<PriceBook> {
    call("price_book", &NoArgs {}).await
}

/// A page of the firm's customers whose company name or domain contains `search`, from the local
/// cache, for the quote builder; empty for a user whose cache holds no customers (sales users).
pub async fn customer_options(search: &str) -> ApiResult<Vec<CustomerOption>> {
    call("customer_options", &SearchPayload { search }).await
}

/// Creates (`id` of `None`) or updates a draft quote; a broken rule is `invalid_input` with its
/// field (the first of them: `QuoteForm::apply` gives them all).
pub async fn save_quote(id: Option<QuoteId>, form: &QuoteForm) -> ApiResult<QuoteDetail> {
    call("save_quote", &SavePayload { id, form }).await
}

/// Deletes a draft quote.
pub async fn delete_quote(id: QuoteId) -> ApiResult<()> {
    call_unit("delete_quote", &IdPayload { id }).await
}

/// Marks a quote as sent, accepted or declined (refused with kind `conflict` when the quote's
/// status, approval or validity does not allow it).
pub async fn quote_action(id: QuoteId, action: QuoteAction) -> ApiResult<QuoteDetail> {
    call("quote_action", &QuoteActionPayload { id, action }).await
}

/// A new draft revision of a sent, accepted, declined or expired quote; answers with the revision.
pub async fn revise_quote(id: QuoteId) -> ApiResult<QuoteDetail> {
    call("revise_quote", &IdPayload { id }).await
}

/// Saves the quote's PDF: where the user chooses in a save dialog, or at `path` without one. The
/// path written, or `None` when the user cancelled.
pub async fn export_quote_pdf(
    id: QuoteId,
    audience: PdfAudience,
    path: Option<&str>,
) -> ApiResult<Option<String>> {
    call("export_quote_pdf", &ExportPdfPayload { id, audience, path }).await
}

/// The orders that match, in their two sections. The default sort (`created`) is newest first.
pub async fn orders(query: &OrderQuery) -> ApiResult<OrderList> {
    call("orders", &QueryPayload { query }).await
}

pub async fn order(id: OrderId) -> ApiResult<OrderDetail> {
    call("order", &IdPayload { id }).await
}

/// Starts an order from an accepted quote, prefilled from its prospect or customer.
pub async fn start_order(quote_id: QuoteId) -> ApiResult<OrderDetail> {
    call("start_order", &StartOrderPayload { quote_id }).await
}

/// Saves an order's details while it waits for the customer's approval.
pub async fn save_order(id: OrderId, form: &OrderForm) -> ApiResult<OrderDetail> {
    call("save_order", &OrderFormPayload { id, form }).await
}

/// Submits an order to the vendor (every missing detail refused first, as `invalid_input`).
pub async fn submit_order(id: OrderId) -> ApiResult<OrderDetail> {
    call("submit_order", &IdPayload { id }).await
}

/// Keeps a purchase-order file and describes it for the order form's `po_attachment`; with
/// `order_id`, also attaches it to that order at once.
pub async fn attach_po(
    order_id: Option<OrderId>,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> ApiResult<Attachment> {
    call(
        "attach_po",
        &AttachPayload {
            order_id,
            file_name,
            content_type,
            bytes,
        },
    )
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RenewalsCsvPayload<'a> {
    query: &'a RenewalQuery,
    /// `None` asks with the native save dialog.
    path: Option<&'a str>,
}

/// The firm's customers that match, by company name (administrators only: none for others).
pub async fn customers(query: &CustomerQuery) -> ApiResult<CustomerList> {
    call("customers", &QueryPayload { query }).await
}

pub async fn customer(id: CustomerId) -> ApiResult<CustomerDetail> {
    call("customer", &IdPayload { id }).await
}

/// The renewals due in the query's window, soonest first, with their total value.
pub async fn renewals(query: &RenewalQuery) -> ApiResult<RenewalList> {
    call("renewals", &QueryPayload { query }).await
}

/// Saves every renewal that matches as CSV (at `path`, or where the save dialog says); the path
/// written, or `None` when the user cancelled.
pub async fn renewals_csv(query: &RenewalQuery, path: Option<&str>) -> ApiResult<Option<String>> {
    call("renewals_csv", &RenewalsCsvPayload { query, path }).await
}

/// The invoices that match, newest first.
pub async fn invoices(query: &InvoiceQuery) -> ApiResult<InvoiceList> {
    call("invoices", &QueryPayload { query }).await
}

pub async fn invoice(id: InvoiceId) -> ApiResult<InvoiceDetail> {
    call("invoice", &IdPayload { id }).await
}

/// The open or closed support cases that match, newest first.
pub async fn support_cases(query: &SupportCaseQuery) -> ApiResult<SupportCaseList> {
    call("support_cases", &QueryPayload { query }).await
}

pub async fn support_case(id: SupportCaseId) -> ApiResult<SupportCaseDetail> {
    call("support_case", &IdPayload { id }).await
}

#[derive(Serialize)]
struct CaseFormPayload<'a> {
    form: &'a portal_core::support::SupportCaseForm,
}

/// Opens a support case (queued until the server numbers it).
pub async fn open_support_case(
    form: &portal_core::support::SupportCaseForm,
) -> ApiResult<SupportCaseDetail> {
    call("open_support_case", &CaseFormPayload { form }).await
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
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
