//! The Tauri shell of Reseller Portal: the window, plugins, state and thin commands.
//!
//! - [`commands`]: what the UI may invoke; each calls one `portal-client` method and maps the error.
//! - [`credentials`]: the session token in the OS keychain (never a plain file).
//! - [`preferences`]: server address, last email, theme and menu state in tauri-plugin-store.
//! - [`events`]: the sync engine's status and data changes, forwarded to the UI as events; and
//!   after each completed sync, the renewal reminder (a desktop notification).
//! - [`error`]: the shell's error enum, serialized for the UI as `portal_core::ApiError`.

mod commands;
mod credentials;
mod error;
mod events;
mod preferences;
mod save_dialog;

use portal_client::Portal;
use tauri::Manager;

/// What every command can reach.
pub struct AppState {
    pub portal: Portal,
    pub credentials: credentials::Credentials,
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
        .invoke_handler(tauri::generate_handler![
            commands::start,
            commands::sign_in,
            commands::sign_out,
            commands::branding,
            commands::partner_details,
            commands::users,
            commands::news,
            commands::dashboard,
            commands::save_preferences,
            commands::open_external,
            commands::connection,
            commands::prospects,
            commands::prospect,
            commands::save_prospect,
            commands::delete_prospect,
            commands::check_domain,
            commands::deals,
            commands::deal,
            commands::save_deal,
            commands::deal_action,
            commands::delete_deal,
            commands::product_names,
            commands::pending_changes,
            commands::resolve_change,
            commands::dismiss_change,
            commands::sync_now,
            commands::sync_status,
            commands::quotes,
            commands::quote,
            commands::price_book,
            commands::customer_options,
            commands::save_quote,
            commands::delete_quote,
            commands::quote_action,
            commands::revise_quote,
            commands::export_quote_pdf,
            commands::orders,
            commands::order,
            commands::start_order,
            commands::save_order,
            commands::submit_order,
            commands::attach_po,
            commands::customers,
            commands::customer,
            commands::renewals,
            commands::renewals_csv,
            commands::invoices,
            commands::invoice,
            commands::support_cases,
            commands::support_case,
            commands::open_support_case,
        ])
        .run(tauri::generate_context!())
        .expect("the Reseller Portal window failed to run");
}
