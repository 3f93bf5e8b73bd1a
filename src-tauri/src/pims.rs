//! PIMS in the background, after each completed sync: the files the synced records need (the
//! profile's logos, the kits' asset backgrounds) fetched so previews work offline, and new leads
//! announced — the `leads` event for the window and one desktop notification, "N new leads".

use portal_core::{pims::app::NewLeads, shell::events::LEADS};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// After a sync: fetches the PIMS files, then announces the leads no one told the user of yet.
/// Failures are logged, never shown: the next sync tries again.
pub async fn after_sync(app: &AppHandle) {
    let Some(state) = app.try_state::<crate::AppState>() else {
        return;
    };
    if let Err(e) = state.portal.fetch_pims_files().await {
        tracing::info!(error = %e, "PIMS files not fetched");
    }
    let new = match state.portal.leads_to_announce().await {
        Ok(new) => new,
        Err(e) => {
            tracing::warn!(error = %e, "new leads not read for announcement");
            return;
        }
    };
    if new.count == 0 {
        return;
    }
    if let Err(e) = app.emit(LEADS, &new) {
        tracing::warn!(error = %e, "new leads not sent to the window");
    }
    let (title, body) = notification(&new);
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(error = %e, "new leads not announced");
    }
}

/// "1 new lead" / "3 new leads", and who they are from.
fn notification(new: &NewLeads) -> (String, String) {
    let title = portal_core::words::plural(u64::from(new.count), "new lead", "new leads");
    let names: Vec<String> = new
        .newest
        .iter()
        .map(|l| {
            if l.company.trim().is_empty() {
                l.name.clone()
            } else {
                format!("{} ({})", l.name, l.company)
            }
        })
        .collect();
    let mut body = match names.as_slice() {
        [] => String::new(),
        [one] => format!("From {one}."),
        more => format!("From {}.", more.join(", ")),
    };
    let rest = (new.count as usize).saturating_sub(names.len());
    if rest > 0 && !names.is_empty() {
        body.push_str(&format!(" And {rest} more."));
    }
    body.push_str(if new.count == 1 {
        " Open the Lead Inbox to accept or decline it."
    } else {
        " Open the Lead Inbox to accept or decline them."
    });
    (title, body.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::notification;
    use portal_core::pims::app::NewLeads;

    #[test]
    fn one_lead_is_counted_in_the_singular() {
        let (title, body) = notification(&NewLeads {
            count: 1,
            newest: vec![],
        });
        assert_eq!(title, "1 new lead");
        assert_eq!(body, "Open the Lead Inbox to accept or decline it.");
        let (title, _) = notification(&NewLeads {
            count: 3,
            newest: vec![],
        });
        assert_eq!(title, "3 new leads");
    }
}
