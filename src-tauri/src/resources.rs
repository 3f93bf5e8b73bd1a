//! Marketing resources in the background: filling the briefcase after each sync and after the user
//! keeps something offline (one fill at a time; a request during a fill runs one more after it),
//! reporting its progress as the `briefcase` event; and announcing new items with a desktop
//! notification when the user allows it.

use portal_core::{resources::Resource, shell::events::BRIEFCASE};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// Whether a fill runs, and whether another was asked for meanwhile.
static RUNNING: AtomicBool = AtomicBool::new(false);
static AGAIN: AtomicBool = AtomicBool::new(false);

/// Items announced one by one after a sync; past this, one more notification counts the rest.
const ANNOUNCED_ONE_BY_ONE: usize = 3;

/// Brings the briefcase up to date in the background: downloads what it lacks, replaces new
/// versions, lets go of withdrawn items. Returns at once.
pub fn fill_briefcase(app: &AppHandle) {
    AGAIN.store(true, Ordering::SeqCst);
    if RUNNING.swap(true, Ordering::SeqCst) {
        // The running fill sees `AGAIN` and goes round once more.
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            while AGAIN.swap(false, Ordering::SeqCst) {
                fill_once(&app).await;
            }
            RUNNING.store(false, Ordering::SeqCst);
            // A request between the last check and the line above found the fill still running
            // and left it to this one: take it, unless another fill has started since.
            if !AGAIN.load(Ordering::SeqCst) || RUNNING.swap(true, Ordering::SeqCst) {
                break;
            }
        }
    });
}

async fn fill_once(app: &AppHandle) {
    // The state is managed once the app is set up; nothing asks for a fill before.
    let Some(state) = app.try_state::<crate::AppState>() else {
        return;
    };
    let progress = |briefcase: &portal_core::resources::library::Briefcase| {
        if let Err(e) = app.emit(BRIEFCASE, briefcase) {
            tracing::warn!(error = %e, "briefcase progress not sent to the window");
        }
    };
    match state.portal.fill_briefcase(progress).await {
        Ok(briefcase) => progress(&briefcase),
        // Offline or signed out: the next sync tries again.
        Err(e) => tracing::info!(error = %e, "the briefcase was not filled"),
    }
}

/// After a sync: one desktop notification per item newly published that concerns the user's
/// products, when the user allows it in My Account. Each item is taken once either way, so
/// items published while notifications were off are not announced later in a flood. A failure
/// is logged, never shown: an announcement is a courtesy.
pub async fn announce_new(app: &AppHandle) {
    let prefs = match crate::preferences::load(app) {
        Ok(prefs) => prefs,
        Err(e) => {
            tracing::warn!(error = %e, "preferences not read for new resources");
            return;
        }
    };
    let Some(state) = app.try_state::<crate::AppState>() else {
        return;
    };
    let items = match state
        .portal
        .resources_to_announce(&prefs.alert_products)
        .await
    {
        Ok(items) => items,
        Err(e) => {
            tracing::warn!(error = %e, "new resources not read for announcements");
            return;
        }
    };
    if !prefs.resource_alerts || items.is_empty() {
        return;
    }
    for (title, body) in notifications(&items) {
        if let Err(e) = app.notification().builder().title(title).body(body).show() {
            tracing::warn!(error = %e, "new resource not announced");
            return;
        }
    }
}

/// The notifications for these items: one each up to [`ANNOUNCED_ONE_BY_ONE`], then one for the
/// rest.
fn notifications(items: &[Resource]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = items
        .iter()
        .take(ANNOUNCED_ONE_BY_ONE)
        .map(|r| {
            (
                format!("New in {}: {}", r.category.label(), r.title),
                r.summary.clone(),
            )
        })
        .collect();
    let rest = items.len().saturating_sub(ANNOUNCED_ONE_BY_ONE);
    if rest > 0 {
        out.push((
            portal_core::words::plural(
                rest as u64,
                "more new marketing resource",
                "more new marketing resources",
            ),
            "See What's New in the Resources menu.".to_owned(),
        ));
    }
    out
}
