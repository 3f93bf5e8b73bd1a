//! Preferences in tauri-plugin-store: a JSON file in the app's data folder, never holding secrets.

use crate::error::ShellResult;
use portal_core::shell::Preferences;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

const FILE: &str = "preferences.json";
const KEY: &str = "preferences";

pub fn load<R: Runtime>(app: &AppHandle<R>) -> ShellResult<Preferences> {
    let store = app.store(FILE)?;
    Ok(store
        .get(KEY)
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

pub fn save<R: Runtime>(app: &AppHandle<R>, prefs: &Preferences) -> ShellResult<()> {
    let store = app.store(FILE)?;
    store.set(
        KEY,
        serde_json::to_value(prefs).expect("preferences always serialize"),
    );
    store.save()?;
    Ok(())
}
