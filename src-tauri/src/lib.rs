//! The Tauri shell of Reseller Portal: the window, plugins, state and thin commands.
//!
//! - [`commands`]: what the UI may invoke, one module per menu group; each takes the arguments
//!   `portal_core::shell::commands` declares, calls one `portal-client` method and maps the error.
//! - [`credentials`]: the session token in the OS keychain (never a plain file).
//! - [`preferences`]: server address, last email, theme and menu state in tauri-plugin-store.
//! - [`events`]: the sync engine's status and data changes, forwarded to the UI as events; and
//!   after each completed sync, the renewal reminder (a desktop notification).
//! - [`resources`]: the briefcase filled in the background (progress as the `briefcase` event),
//!   and new marketing resources announced by desktop notifications.
//! - [`pims`]: after each sync, the PIMS files fetched and new leads announced (the `leads` event
//!   and a desktop notification).
//! - [`error`]: the shell's error enum, serialized for the UI as `portal_core::ApiError`.

mod commands;
mod credentials;
mod error;
mod events;
mod open_dialog;
mod pims;
mod preferences;
mod resources;
mod save_dialog;

use portal_client::Portal;
use tauri::Manager;

/// What every command can reach.
pub struct AppState {
    pub portal: Portal,
    pub credentials: credentials::Credentials,
}

/// The handler of every command the UI may invoke, and their names.
fn registered() -> (
    impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static,
    &'static [&'static str],
) {
    use portal_core::shell::commands::*;
    commands::handlers![
        session::start => Start,
        session::sign_in => SignIn,
        session::sign_out => SignOut,
        session::branding => GetBranding,
        session::save_preferences => SavePreferences,
        session::open_external => OpenExternal,
        session::connection => GetConnection,
        home::dashboard => GetDashboard,
        company::news => GetNews,
        account::partner_details => GetPartnerDetails,
        account::users => ListUsers,
        sales::prospects => ListProspects,
        sales::prospect => GetProspect,
        sales::save_prospect => SaveProspect,
        sales::delete_prospect => DeleteProspect,
        sales::check_domain => CheckDomain,
        sales::deals => ListDeals,
        sales::deal => GetDeal,
        sales::save_deal => SaveDeal,
        sales::deal_action => ActOnDeal,
        sales::delete_deal => DeleteDeal,
        sales::product_names => ProductNames,
        quotes::quotes => ListQuotes,
        quotes::quote => GetQuote,
        quotes::price_book => GetPriceBook,
        quotes::customer_options => CustomerOptions,
        quotes::save_quote => SaveQuote,
        quotes::delete_quote => DeleteQuote,
        quotes::quote_action => ActOnQuote,
        quotes::revise_quote => ReviseQuote,
        quotes::export_quote_pdf => ExportQuotePdf,
        pending::pending_changes => ListPendingChanges,
        pending::resolve_change => ResolveChange,
        pending::dismiss_change => DismissChange,
        pending::sync_now => SyncNow,
        pending::sync_status => GetSyncStatus,
        customers::orders => ListOrders,
        customers::order => GetOrder,
        customers::start_order => StartOrder,
        customers::save_order => SaveOrder,
        customers::submit_order => SubmitOrder,
        customers::attach_po => AttachPo,
        customers::customers => ListCustomers,
        customers::customer => GetCustomer,
        customers::renewals => ListRenewals,
        customers::renewals_csv => ExportRenewalsCsv,
        customers::invoices => ListInvoices,
        customers::invoice => GetInvoice,
        customers::support_cases => ListSupportCases,
        customers::support_case => GetSupportCase,
        customers::open_support_case => OpenSupportCase,
        resources::resources => ListResources,
        resources::resource => GetResource,
        resources::preview_resource_file => PreviewResourceFile,
        resources::save_resource_file => SaveResourceFile,
        resources::open_resource_file => OpenResourceFile,
        resources::keep_offline => KeepOffline,
        resources::briefcase => GetBriefcase,
        resources::empty_briefcase => EmptyBriefcase,
        resources::new_resources => CountNewResources,
        resources::mark_resources_seen => MarkResourcesSeen,
        pims::marketing_profile => GetMarketingProfile,
        pims::save_marketing_profile => SaveMarketingProfile,
        pims::upload_logo => UploadLogo,
        pims::campaign_kits => ListCampaignKits,
        pims::campaign => GetCampaign,
        pims::save_campaign_draft => SaveCampaignDraft,
        pims::delete_campaign_draft => DeleteCampaignDraft,
        pims::campaign_step => CampaignStepNow,
        pims::export_campaign_email => ExportCampaignEmail,
        pims::save_campaign_asset => SaveCampaignAsset,
        pims::leads => ListLeads,
        pims::lead => GetLead,
        pims::accept_lead => AcceptLead,
        pims::decline_lead => DeclineLead,
        pims::new_leads => CountNewLeads,
        pims::campaign_results => GetCampaignResults,
    ]
}

/// Starts the app; returns when the last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PORTAL_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let (handler, _) = registered();
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let portal = tauri::async_runtime::block_on(Portal::open(&data_dir))?;
            tracing::info!(data_dir = %data_dir.display(), "local cache open");
            events::forward(app.handle(), &portal);
            app.manage(AppState {
                portal,
                credentials: credentials::Credentials::new(app.config().identifier.clone()),
            });
            Ok(())
        })
        .invoke_handler(handler)
        .run(tauri::generate_context!())
        .expect("the Reseller Portal window failed to run");
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every command the core declares is registered, and nothing else.
    #[test]
    fn the_handlers_are_exactly_the_declared_commands() {
        let (_, names) = super::registered();
        let registered: BTreeSet<&str> = names.iter().copied().collect();
        let declared: BTreeSet<&str> = portal_core::shell::commands::NAMES
            .iter()
            .copied()
            .collect();
        assert_eq!(
            registered.len(),
            names.len(),
            "a handler is registered twice"
        );
        assert_eq!(registered, declared);
    }

    /// The window's capability allows exactly the app's commands (and the plugins it uses).
    #[test]
    fn the_capability_allows_exactly_the_commands() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src-tauri/capabilities/default.json"
        ))
        .unwrap();
        let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
        let allowed: BTreeSet<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(str::to_owned)
            .collect();
        let declared: BTreeSet<String> = portal_core::shell::commands::NAMES
            .iter()
            .map(|n| n.replace('_', "-"))
            .collect();
        assert_eq!(allowed, declared);
    }
}
