//! Every command the desktop shell answers: its name, its arguments and its answer, declared once
//! and used by both sides. The UI sends `{"args": <the command>}` to [`Command::NAME`]; the shell's
//! command of that name takes `args: <the command>` and answers [`Command::Output`]. A renamed or
//! retyped argument fails to compile on both sides instead of failing at run time, and
//! [`NAMES`] is what the shell's build script grants the window, and nothing more.

use crate::api::{branding::Branding, news::NewsItem, partner::PartnerDetails, user::UserProfile};
use crate::customers::{
    CustomerDetail, CustomerList, CustomerQuery, InvoiceDetail, InvoiceList, InvoiceQuery,
    RenewalList, RenewalQuery, SupportCaseDetail, SupportCaseList, SupportCaseQuery,
};
use crate::dashboard::Dashboard;
use crate::deal::DealAction;
use crate::ids::{CampaignId, CampaignKitId, LeadId};
use crate::ids::{
    CustomerId, DealId, InvoiceId, OrderId, ProspectId, QuoteId, ResourceId, SupportCaseId,
};
use crate::order::{Attachment, OrderForm};
use crate::pending::{PendingChange, Resolution, SyncStatus};
use crate::pims::app::{
    AcceptForm, CampaignForm, CampaignView, DeclineForm, KitList, LeadDetail, LeadList, LeadQuery,
    NewLeads, ProfileForm, ProfileView, ResultsView,
};
use crate::pims::campaign::CampaignStep;
use crate::pims::logo::LogoKind;
use crate::pricebook::PriceBook;
use crate::prospect::ProspectForm;
use crate::quote::{QuoteAction, QuoteForm};
use crate::quoting::{
    CustomerOption, OrderDetail, OrderList, OrderQuery, PdfAudience, QuoteDetail, QuoteList,
    QuoteQuery,
};
use crate::registration::DealForm;
use crate::resources::library::{
    Briefcase, FileRef, KeepTarget, NewResources, Preview, ResourceDetail, ResourceList,
    ResourceQuery,
};
use crate::resources::UseKind;
use crate::sales::{
    DealDetail, DealList, DealQuery, DomainCheck, ProspectDetail, ProspectList, ProspectQuery,
};
use crate::secret::Password;
use crate::shell::{Connection, ExternalLink, Preferences, SessionView, Snapshot, StartState};
use crate::support::SupportCaseForm;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// A command of the shell: its arguments are the value itself.
pub trait Command: Serialize + DeserializeOwned {
    /// The command's name, as the shell registers it.
    const NAME: &'static str;
    /// What it answers.
    type Output: Serialize + DeserializeOwned;
}

/// The name of the one argument every command takes.
pub const ARGS: &str = "args";

macro_rules! commands {
    (
        $(
            $(#[$meta:meta])*
            $name:ident = $wire:literal { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)? } -> $out:ty;
        )+
    ) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            pub struct $name {
                $($(#[$fmeta])* pub $field: $ty,)*
            }

            impl Command for $name {
                const NAME: &'static str = $wire;
                type Output = $out;
            }
        )+

        /// Every command's name, for the shell's build script (its permissions) and its tests.
        pub const NAMES: &[&str] = &[$($wire),+];
    };
}

commands! {
    // ---- The session and the app ----

    /// What the app knows as it opens: preferences, and the remembered session resumed online or
    /// offline.
    Start = "start" {} -> StartState;
    /// Signs in; with `remember`, the session is kept in the OS keychain.
    SignIn = "sign_in" {
        server_url: String,
        email: String,
        password: Password,
        remember: bool,
    } -> SessionView;
    /// Revokes the session, removes the keychain entry and forgets the user's cached data. With
    /// changes the server has not taken, refused (kind `conflict`) unless `force`.
    SignOut = "sign_out" { force: bool } -> ();
    /// The vendor's branding as the server at `server_url` gives it (the sign-in screen's).
    GetBranding = "branding" { server_url: String } -> Branding;
    SavePreferences = "save_preferences" { preferences: Preferences } -> ();
    /// Opens one of the vendor's sites in the system browser.
    OpenExternal = "open_external" { link: ExternalLink } -> ();
    GetConnection = "connection" {} -> Connection;

    // ---- Home and Company ----

    /// The Dashboard's figures from the local cache, dated by its last sync.
    GetDashboard = "dashboard" {} -> Dashboard;
    GetNews = "news" {} -> Snapshot<Vec<NewsItem>>;

    // ---- My Account ----

    GetPartnerDetails = "partner_details" {} -> Snapshot<PartnerDetails>;
    ListUsers = "users" {} -> Snapshot<Vec<UserProfile>>;

    // ---- Sales: prospects and deals ----

    ListProspects = "prospects" { query: ProspectQuery } -> ProspectList;
    GetProspect = "prospect" { id: ProspectId } -> ProspectDetail;
    /// Creates (`id` of `None`) or edits a prospect.
    SaveProspect = "save_prospect" { id: Option<ProspectId>, form: ProspectForm } -> ProspectDetail;
    DeleteProspect = "delete_prospect" { id: ProspectId } -> ();
    /// Whether another prospect (or another firm's registration) holds the domain.
    CheckDomain = "check_domain" { domain: String, except_id: Option<ProspectId> } -> DomainCheck;
    ListDeals = "deals" { query: DealQuery } -> DealList;
    GetDeal = "deal" { id: DealId } -> DealDetail;
    /// Creates (`id` of `None`, as a draft) or edits a draft deal registration.
    SaveDeal = "save_deal" { id: Option<DealId>, form: DealForm } -> DealDetail;
    ActOnDeal = "deal_action" { id: DealId, action: DealAction } -> DealDetail;
    DeleteDeal = "delete_deal" { id: DealId } -> ();
    /// The price book's product names, for the deal form.
    ProductNames = "product_names" {} -> Vec<String>;

    // ---- Sales: quotes ----

    ListQuotes = "quotes" { query: QuoteQuery } -> QuoteList;
    GetQuote = "quote" { id: QuoteId } -> QuoteDetail;
    /// The cached price book (products and the firm's margin), for the quote builder.
    GetPriceBook = "price_book" {} -> PriceBook;
    /// The firm's customers matching `search` (company name or domain), for the quote builder.
    CustomerOptions = "customer_options" { search: String } -> Vec<CustomerOption>;
    /// Creates (`id` of `None`) or edits a draft quote.
    SaveQuote = "save_quote" { id: Option<QuoteId>, form: QuoteForm } -> QuoteDetail;
    DeleteQuote = "delete_quote" { id: QuoteId } -> ();
    ActOnQuote = "quote_action" { id: QuoteId, action: QuoteAction } -> QuoteDetail;
    /// A new revision (a draft) of a sent, accepted, declined or expired quote.
    ReviseQuote = "revise_quote" { id: QuoteId } -> QuoteDetail;
    /// Writes the quote's PDF where the user chooses in a save dialog, or at `path` when given.
    /// The path written, or `None` when the user cancelled the dialog.
    ExportQuotePdf = "export_quote_pdf" {
        id: QuoteId,
        audience: PdfAudience,
        path: Option<String>,
    } -> Option<String>;

    // ---- Pending Changes and sync ----

    ListPendingChanges = "pending_changes" {} -> Vec<PendingChange>;
    ResolveChange = "resolve_change" { mutation_id: i64, resolution: Resolution } -> ();
    DismissChange = "dismiss_change" { mutation_id: i64 } -> ();
    /// Syncs at once and answers when the sync ends.
    SyncNow = "sync_now" {} -> SyncStatus;
    GetSyncStatus = "sync_status" {} -> SyncStatus;

    // ---- Customers area: orders ----

    ListOrders = "orders" { query: OrderQuery } -> OrderList;
    GetOrder = "order" { id: OrderId } -> OrderDetail;
    /// Starts an order (pending the customer's approval) from an accepted quote.
    StartOrder = "start_order" { quote_id: QuoteId } -> OrderDetail;
    SaveOrder = "save_order" { id: OrderId, form: OrderForm } -> OrderDetail;
    /// Sends the order to the vendor (again, once a refused one is corrected).
    SubmitOrder = "submit_order" { id: OrderId } -> OrderDetail;
    /// Keeps a purchase-order file and describes it for the order form; with `order_id`, also
    /// attaches it to that order at once.
    AttachPo = "attach_po" {
        order_id: Option<OrderId>,
        file_name: String,
        content_type: String,
        /// The file's bytes (a JSON array of numbers).
        bytes: Vec<u8>,
    } -> Attachment;

    // ---- Customers area: customers, renewals, invoices, support cases ----

    ListCustomers = "customers" { query: CustomerQuery } -> CustomerList;
    GetCustomer = "customer" { id: CustomerId } -> CustomerDetail;
    ListRenewals = "renewals" { query: RenewalQuery } -> RenewalList;
    /// Saves the renewals that match `query` as CSV, to `path` or where the user picks. The path
    /// written, or `None` when the user cancelled the dialog.
    ExportRenewalsCsv = "renewals_csv" { query: RenewalQuery, path: Option<String> } -> Option<String>;
    ListInvoices = "invoices" { query: InvoiceQuery } -> InvoiceList;
    GetInvoice = "invoice" { id: InvoiceId } -> InvoiceDetail;
    ListSupportCases = "support_cases" { query: SupportCaseQuery } -> SupportCaseList;
    GetSupportCase = "support_case" { id: SupportCaseId } -> SupportCaseDetail;
    /// Opens a support case for a customer (queued; the server numbers it when it syncs).
    OpenSupportCase = "open_support_case" { form: SupportCaseForm } -> SupportCaseDetail;

    // ---- Resources: the library, the briefcase, What's New ----

    /// A page of What's New (`category: None`) or of one category, from the items a sync pulled.
    ListResources = "resources" { query: ResourceQuery } -> ResourceList;
    GetResource = "resource" { id: ResourceId } -> ResourceDetail;
    /// An image, or the first `pages` pages of a PDF, as pictures for the item's page (from the
    /// briefcase when kept, else fetched and checked against its hash).
    PreviewResourceFile = "preview_resource_file" { file: FileRef, pages: u32 } -> Preview;
    /// Saves a file where the user picks in a save dialog, or at `path` when given, and counts the
    /// download (queued when offline). The path written, or `None` when the user cancelled.
    SaveResourceFile = "save_resource_file" { file: FileRef, path: Option<String> } -> Option<String>;
    /// Hands a file to the system's viewer (from the briefcase when kept) and counts it as `kind`
    /// (`open`, or `share` when the user shares it).
    OpenResourceFile = "open_resource_file" { file: FileRef, kind: UseKind } -> ();
    /// Keeps an item or a whole category offline (`keep`), or stops keeping it; downloads start in
    /// the background and report through the `briefcase` event.
    KeepOffline = "keep_offline" { target: KeepTarget, keep: bool } -> Briefcase;
    GetBriefcase = "briefcase" {} -> Briefcase;
    /// Removes everything from the briefcase and frees its space.
    EmptyBriefcase = "empty_briefcase" {} -> Briefcase;
    /// How many items were published since the user last looked at What's New.
    CountNewResources = "new_resources" {} -> NewResources;
    /// The user looked at What's New now: the "New" marks and the menu count start again from here.
    MarkResourcesSeen = "mark_resources_seen" {} -> NewResources;

    // ---- PIMS: marketing profile, campaigns, the lead inbox, results ----

    GetMarketingProfile = "marketing_profile" {} -> ProfileView;
    /// Saves the profile's text fields (queued when offline); every field's error at once when
    /// the form is wrong (an `invalid_input` error per field, in `ApiError`s joined by the shell).
    SaveMarketingProfile = "save_marketing_profile" { form: ProfileForm } -> ProfileView;
    /// Uploads a logo from `path`, or from a file the user picks when `path` is None (needs the
    /// server; checked here first with the server's rules). The profile, or `None` when the user
    /// cancelled the dialog.
    UploadLogo = "upload_logo" { kind: LogoKind, path: Option<String> } -> Option<ProfileView>;
    /// The Campaigns page.
    ListCampaignKits = "campaign_kits" {} -> KitList;
    /// A kit opened: the firm's campaign from it and everything co-branded, rendered here.
    GetCampaign = "campaign" { kit_id: CampaignKitId } -> CampaignView;
    /// Saves the editor as the kit's draft (creating it the first time; queued when offline).
    SaveCampaignDraft = "save_campaign_draft" { kit_id: CampaignKitId, form: CampaignForm } -> CampaignView;
    /// Deletes a draft (queued when offline).
    DeleteCampaignDraft = "delete_campaign_draft" { id: CampaignId } -> ();
    /// Launches, pauses, resumes or ends a campaign on the server (after pushing its queued
    /// edits); refused offline.
    CampaignStepNow = "campaign_step" { id: CampaignId, step: CampaignStep } -> CampaignView;
    /// Saves the campaign's email co-branded, as `.eml` (or `.html` when `path` ends so), to `path`
    /// or where the user picks. The path written, or `None` when cancelled.
    ExportCampaignEmail = "export_campaign_email" { kit_id: CampaignKitId, path: Option<String> } -> Option<String>;
    /// Saves a co-branded asset (PDF or PNG), rendered here, to `path` or where the user picks.
    SaveCampaignAsset = "save_campaign_asset" { kit_id: CampaignKitId, index: u32, path: Option<String> } -> Option<String>;
    ListLeads = "leads" { query: LeadQuery } -> LeadList;
    GetLead = "lead" { id: LeadId } -> LeadDetail;
    /// Accepts a lead into a prospect (queued when offline; the server's answer wins).
    AcceptLead = "accept_lead" { id: LeadId, form: AcceptForm } -> LeadDetail;
    /// Declines a lead with a reason (queued when offline).
    DeclineLead = "decline_lead" { id: LeadId, form: DeclineForm } -> LeadDetail;
    /// Pending leads the user has not looked at, for the menu and the Dashboard.
    CountNewLeads = "new_leads" {} -> NewLeads;
    /// Per campaign: views, leads, accepted, prospects, deals, quotes (fetched when online, else
    /// the last counts kept).
    GetCampaignResults = "campaign_results" {} -> ResultsView;
}

/// What the UI sends for `command`: `{"args": <command>}`.
pub fn payload<C: Command>(command: &C) -> serde_json::Value {
    serde_json::json!({ ARGS: command })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn names_are_unique_snake_case() {
        let unique: BTreeSet<_> = NAMES.iter().collect();
        assert_eq!(unique.len(), NAMES.len());
        for n in NAMES {
            assert!(
                n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{n}"
            );
        }
    }

    #[test]
    fn a_command_travels_under_args() {
        let c = SignOut { force: true };
        assert_eq!(
            payload(&c),
            serde_json::json!({ "args": { "force": true } })
        );
        assert_eq!(SignOut::NAME, "sign_out");
        let p = SignIn {
            server_url: "http://x".into(),
            email: "a@b.example".into(),
            password: "secret-words".into(),
            remember: false,
        };
        assert!(!format!("{p:?}").contains("secret-words"));
    }
}
