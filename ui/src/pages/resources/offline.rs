//! What the Resources pages show of the briefcase: an item's offline state as a badge, a
//! download's progress, the step behind the "Keep offline" switches, and a file type's icon or an
//! item's thumbnail.

use crate::{
    api,
    components::{icons, StatusBadge, Tone},
    format,
    hooks::BriefcaseState,
};
use portal_core::{
    resources::{
        library::{KeepTarget, Offline, OfflineState},
        FileType,
    },
    shell::commands as cmd,
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The icon of a file type.
pub fn type_icon(file_type: FileType) -> Html {
    match file_type {
        FileType::Pdf | FileType::Document => icons::file_text(),
        FileType::Image => icons::image(),
        FileType::Archive => icons::archive(),
        FileType::Spreadsheet => icons::table_sheet(),
        FileType::Presentation => icons::presentation(),
        FileType::Video => icons::video(),
        FileType::Other => icons::file(),
    }
}

/// An item's picture in a list: its thumbnail, or its type's icon on a tinted square. Decorative:
/// the title beside it says what it is.
pub fn thumb(thumbnail: Option<&str>, file_type: FileType) -> Html {
    match thumbnail {
        Some(src) => html! {
            <img class="resource-thumb" src={src.to_owned()} alt="" loading="lazy" />
        },
        None => html! {
            <span class="resource-thumb resource-thumb-icon" data-type={file_type.as_str()}>
                { type_icon(file_type) }
            </span>
        },
    }
}

/// Whole percent of `done` in `total` (100 when there is nothing to do).
pub fn percent(done: u64, total: u64) -> u64 {
    (done.min(total) * 100).checked_div(total).unwrap_or(100)
}

/// How an item's files stand, as a badge (nothing when it is not kept). `data-state` carries the
/// wire name for tests.
pub fn offline_badge(offline: &Offline, id: Option<AttrValue>) -> Html {
    let (tone, label, icon) = match offline.state {
        OfflineState::NotKept => return html! {},
        OfflineState::Waiting => (
            Tone::Neutral,
            offline.state.label().to_owned(),
            icons::clock(),
        ),
        OfflineState::Downloading => (
            Tone::Info,
            format!(
                "Downloading {}%",
                percent(offline.bytes_done, offline.bytes_total)
            ),
            icons::download(),
        ),
        OfflineState::Ready => (
            Tone::Success,
            offline.state.label().to_owned(),
            icons::check_circle(),
        ),
        OfflineState::Failed => (
            Tone::Danger,
            offline.state.label().to_owned(),
            icons::alert(),
        ),
    };
    html! {
        <StatusBadge {id} {tone} label={label} icon={icon}
            status={AttrValue::Static(offline.state.as_str())}
            class={classes!("offline-badge")}
            title={offline.message.clone().map(AttrValue::from)} />
    }
}

/// A bar of `done` in `total` bytes, named by `label` for screen readers, with "1.2 MB of 4 MB".
pub fn progress(id: Option<&'static str>, label: &str, done: u64, total: u64) -> Html {
    let pct = percent(done, total);
    html! {
        <div class="progress" {id}>
            <div class="progress-track" role="progressbar" aria-label={label.to_owned()}
                aria-valuemin="0" aria-valuemax="100" aria-valuenow={pct.to_string()}>
                <div class="progress-bar" style={format!("width: {pct}%")}></div>
            </div>
            <span class="progress-label">
                { format!("{} of {}", format::file_size(done), format::file_size(total)) }
            </span>
        </div>
    }
}

/// Keeping something offline, or no longer: the step under way and its failure.
pub struct Keep {
    pub busy: bool,
    pub error: Option<ApiError>,
    /// Keep (`true`) or stop keeping the target.
    pub run: Callback<(KeepTarget, bool)>,
}

/// Asks the shell to keep or stop keeping a target; its answer (the briefcase) shows at once,
/// and the `briefcase` event reports the downloads that follow.
#[hook]
pub fn use_keep(briefcase: &BriefcaseState) -> Keep {
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let run = {
        let busy = busy.clone();
        let error = error.clone();
        let set = briefcase.set.clone();
        Callback::from(move |(target, keep): (KeepTarget, bool)| {
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (busy, error, set) = (busy.clone(), error.clone(), set.clone());
            spawn_local(async move {
                match api::invoke(cmd::KeepOffline { target, keep }).await {
                    Ok(b) => set.emit(b),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    Keep {
        busy: *busy,
        error: (*error).clone(),
        run,
    }
}
