//! The top bar: Menu button, portal name, the sync line (connection, last sync, changes waiting,
//! Sync now, a first sync's progress), Help, and the account menu.

use super::profile_menu::ProfileMenu;
use crate::{
    api,
    components::icons,
    format,
    hooks::{use_portal, use_sync_state},
};
use gloo_timers::callback::Interval;
use portal_core::{
    menu::Page,
    pending::SyncStatus,
    shell::{Connection, ExternalLink},
    ErrorKind,
};
use web_sys::HtmlElement;
use yew::prelude::*;

/// How often "Synced 2 min ago" is brought up to date.
const CLOCK_MS: u32 = 20_000;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub menu_open: bool,
    pub menu_button: NodeRef,
    pub on_toggle_menu: Callback<()>,
    pub current: Page,
}

/// "Synced 2 min ago", "Syncing 12,000 of 200,000", "Not synced yet"…
fn last_synced_text(s: &SyncStatus) -> String {
    if s.running {
        return match s.progress {
            Some(p) if p.total > 0 => format!(
                "Syncing {} of {}",
                format::count(p.done.max(0) as u64),
                format::count(p.total.max(0) as u64)
            ),
            _ => "Syncing…".to_owned(),
        };
    }
    match s.last_synced {
        Some(at) => format!("Synced {}", format::ago(at)),
        None => "Not synced yet".to_owned(),
    }
}

/// The last sync's failure, when it is worth showing (being offline is said by the indicator).
fn sync_failure(s: &SyncStatus) -> Option<&str> {
    s.last_error
        .as_ref()
        .filter(|e| {
            !s.running && e.kind != ErrorKind::Offline && s.connection == Connection::Online
        })
        .map(|e| e.message.as_str())
}

#[derive(Properties, PartialEq)]
struct SyncLineProps {
    status: std::rc::Rc<SyncStatus>,
    sync_now: Callback<()>,
}

/// The connection indicator with the sync's state beside it.
#[component]
fn SyncLine(props: &SyncLineProps) -> Html {
    let portal = use_portal();
    let s = &*props.status;
    {
        // Re-render now and then so "2 min ago" stays true.
        let update = use_force_update();
        use_effect_with((), move |_| {
            let clock = Interval::new(CLOCK_MS, move || update.force_update());
            move || drop(clock)
        });
    }
    let online = s.connection == Connection::Online;
    let (status_class, status_text) = if online {
        ("connection online", "Online")
    } else {
        ("connection offline", "Offline — showing saved data")
    };
    let failure = sync_failure(s);
    let last_title = match (failure, s.last_synced) {
        (Some(why), _) => Some(format!("The last sync did not finish: {why}")),
        (None, Some(at)) => Some(format!("Last synced {}", format::local_date_time(at))),
        (None, None) => None,
    };
    let waiting = s.pending + s.needs_attention;
    let need = |n: u32| {
        let verb = if n == 1 { "needs" } else { "need" };
        format!("{} {verb} you", format::count(n))
    };
    let pending_text = match (s.pending, s.needs_attention) {
        (_, 0) => format!("{} pending", format::count(s.pending)),
        (0, n) => need(n),
        (p, n) => format!("{} pending · {}", format::count(p), need(n)),
    };
    let open_pending = {
        let navigate = portal.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(Page::PendingChanges))
    };
    let sync_now = props.sync_now.reform(|_: MouseEvent| ());
    html! {
        <div id="sync-status" class="sync-status"
            data-connection={s.connection.as_str()}
            data-running={s.running.to_string()}>
            <span id="connection-status" class={status_class} role="status"
                data-connection={s.connection.as_str()}>
                <span class="connection-dot" aria-hidden="true"></span>
                { status_text }
            </span>
            <span id="last-synced" class={classes!("last-synced", failure.map(|_| "sync-failed"))}
                title={last_title} aria-live="polite">
                if failure.is_some() { { icons::alert() } }
                { if failure.is_some() { "Sync failed".to_owned() } else { last_synced_text(s) } }
            </span>
            <button id="pending-count" type="button"
                class={classes!("pending-count", (s.needs_attention > 0).then_some("needs-attention"))}
                hidden={waiting == 0}
                data-count={s.pending.to_string()} data-attention={s.needs_attention.to_string()}
                title="Open Pending Changes" onclick={open_pending}>
                { pending_text }
            </button>
            <button id="sync-now" type="button" class="icon-button sync-now"
                disabled={s.running} aria-busy={s.running.to_string()}
                title={if online { "Sync now" } else { "Try to reach the server and sync now" }}
                onclick={sync_now}>
                if s.running {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                } else {
                    { icons::refresh() }
                }
                <span class="icon-button-label">{ if s.running { "Syncing…" } else { "Sync now" } }</span>
            </button>
        </div>
    }
}

/// A thin bar along the toolbar's lower edge while a long sync (a first sync) pulls changes.
fn progress_bar(s: &SyncStatus) -> Html {
    let Some(p) = s.progress.filter(|_| s.running) else {
        return html! {};
    };
    let total = p.total.max(0);
    let done = p.done.clamp(0, total.max(p.done));
    let percent = if total > 0 {
        (done as f64 / total as f64 * 100.0).min(100.0)
    } else {
        0.0
    };
    let text = format!(
        "Syncing {} of {}",
        format::count(done as u64),
        format::count(total as u64)
    );
    html! {
        <div id="sync-progress" class="sync-progress" role="progressbar"
            aria-label="Sync progress" aria-valuemin="0" aria-valuemax={total.to_string()}
            aria-valuenow={done.to_string()} aria-valuetext={text.clone()}
            data-done={done.to_string()} data-total={total.to_string()}>
            <div class="sync-progress-track">
                <div class="sync-progress-bar" style={format!("width: {percent:.1}%")}></div>
            </div>
            <span class="sync-progress-label">{ text }</span>
        </div>
    }
}

/// Up to two initials for the avatar.
fn initials(first: &str, last: &str) -> String {
    first
        .chars()
        .next()
        .into_iter()
        .chain(last.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let profile_open = use_state(|| false);
    let account_button = use_node_ref();
    let session = &portal.session;
    let user = &session.profile.user;
    let branding = &session.branding;

    let close_profile = {
        let profile_open = profile_open.clone();
        let account_button = account_button.clone();
        Callback::from(move |refocus: bool| {
            profile_open.set(false);
            if refocus {
                if let Some(b) = account_button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let toggle_profile = {
        let profile_open = profile_open.clone();
        Callback::from(move |_: MouseEvent| profile_open.set(!*profile_open))
    };
    let toggle_menu = props.on_toggle_menu.reform(|_: MouseEvent| ());
    let help = Callback::from(|_: MouseEvent| {
        api::open_external_in_background(ExternalLink::KnowledgeBase)
    });

    html! {
        <header class="toolbar">
            <div class="toolbar-start">
                <button id="menu-button" type="button" class="icon-button toolbar-menu-button"
                    ref={props.menu_button.clone()}
                    aria-expanded={props.menu_open.to_string()} aria-controls="main-menu"
                    aria-label="Menu" title="Menu" onclick={toggle_menu}>
                    if props.menu_open { { icons::close() } } else { { icons::menu() } }
                    <span class="toolbar-menu-label">{ "Menu" }</span>
                </button>
                <div class="toolbar-brand">
                    <span class="brand-mark" aria-hidden="true">
                        { branding.vendor_name.chars().next().unwrap_or('P').to_string() }
                    </span>
                    <span class="toolbar-brand-text">
                        <span class="toolbar-vendor">{ branding.vendor_name.clone() }</span>
                        <span class="toolbar-portal">{ branding.portal_name.clone() }</span>
                    </span>
                </div>
            </div>
            <div class="toolbar-end">
                <SyncLine status={sync.status.clone()} sync_now={sync.sync_now.clone()} />
                <button id="help-button" type="button" class="icon-button" title="Help (opens the knowledge base)"
                    onclick={help}>
                    { icons::help() }<span class="icon-button-label">{ "Help" }</span>
                </button>
                <div class="account">
                    <button id="account-button" type="button" class="account-button"
                        ref={account_button}
                        aria-haspopup="menu" aria-expanded={profile_open.to_string()}
                        aria-controls="profile-menu" onclick={toggle_profile}>
                        <span class="avatar" aria-hidden="true">{ initials(&user.first_name, &user.last_name) }</span>
                        <span class="account-text">
                            <span class="account-name">{ user.full_name() }</span>
                            <span class="account-firm">{ session.profile.partner.name.clone() }</span>
                        </span>
                        { icons::chevron_down() }
                    </button>
                    if *profile_open {
                        <ProfileMenu current={props.current} on_close={close_profile} />
                    }
                </div>
            </div>
            { progress_bar(&sync.status) }
        </header>
    }
}
