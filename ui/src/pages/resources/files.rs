//! An item's files on its page: name, type, size and whether it is here for offline use, with
//! Download (the native save dialog), Open (the system's viewer) and Share (not offered once the
//! item has expired); and what became of the last of those steps.

use super::offline::type_icon;
use crate::{
    api,
    components::{icons, status_banner, ErrorBanner},
    format,
};
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{FileRef, FileRow},
        Sha256, UseKind,
    },
    shell::commands as cmd,
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileListProps {
    pub id: ResourceId,
    pub files: Vec<FileRow>,
    /// Whether the item may still be handed on (not expired).
    pub may_share: bool,
    /// The whole item is in the briefcase and verified (newer than the files' own flags).
    pub all_offline: bool,
}

/// What the last step did.
#[derive(Clone, PartialEq)]
enum Outcome {
    Saved(String),
    Opened(String),
    Shared(String),
    Failed(ApiError),
}

/// Which step is under way: the file's hash and the step.
type Busy = Option<(Sha256, &'static str)>;

#[component]
pub fn FileList(props: &FileListProps) -> Html {
    let busy = use_state(|| None::<(Sha256, &'static str)>);
    let outcome = use_state(|| None::<Outcome>);
    let run = {
        let busy = busy.clone();
        let outcome = outcome.clone();
        let id = props.id;
        Callback::from(move |(row, step): (FileRow, &'static str)| {
            if busy.is_some() {
                return;
            }
            busy.set(Some((row.file.sha256.clone(), step)));
            outcome.set(None);
            let (busy, outcome) = (busy.clone(), outcome.clone());
            let file = FileRef {
                id,
                sha256: row.file.sha256.clone(),
            };
            let name = row.file.name.clone();
            spawn_local(async move {
                let done = match step {
                    "save" => api::invoke(cmd::SaveResourceFile { file, path: None })
                        .await
                        .map(|path| path.map(Outcome::Saved)),
                    "share" => api::invoke(cmd::OpenResourceFile {
                        file,
                        kind: UseKind::Share,
                    })
                    .await
                    .map(|()| Some(Outcome::Shared(name))),
                    _ => api::invoke(cmd::OpenResourceFile {
                        file,
                        kind: UseKind::Open,
                    })
                    .await
                    .map(|()| Some(Outcome::Opened(name))),
                };
                // A cancelled save dialog says nothing.
                outcome.set(done.unwrap_or_else(|e| Some(Outcome::Failed(e))));
                busy.set(None);
            });
        })
    };
    let message = match &*outcome {
        None => html! {},
        Some(Outcome::Failed(e)) => html! { <ErrorBanner error={e.clone()} /> },
        Some(Outcome::Saved(path)) => status_banner(
            "banner-success",
            "file-saved",
            icons::check_circle(),
            html! { <>{ "Saved to " }<span class="path selectable">{ path.clone() }</span></> },
        ),
        Some(Outcome::Opened(name)) => status_banner(
            "banner-info",
            "file-opened",
            icons::open_in(),
            html! { { format!("{name} opened in its own program.") } },
        ),
        Some(Outcome::Shared(name)) => status_banner(
            "banner-info",
            "file-shared",
            icons::share(),
            html! { { format!("{name} opened to send on; counted as shared.") } },
        ),
    };
    html! {
        <>
            <ul class="resource-files" role="list" id="resource-files">
                { for props.files.iter().map(|row| file_row(row, props, &busy, &run)) }
            </ul>
            { message }
        </>
    }
}

fn file_row(
    row: &FileRow,
    props: &FileListProps,
    busy: &Busy,
    run: &Callback<(FileRow, &'static str)>,
) -> Html {
    let f = &row.file;
    let offline = row.offline || props.all_offline;
    let waiting = busy.is_some();
    let button = |step: &'static str, label: &'static str, icon: Html, hint: &'static str| {
        let this = busy
            .as_ref()
            .is_some_and(|(h, s)| h == &f.sha256 && *s == step);
        let onclick = {
            let row = row.clone();
            run.reform(move |_: MouseEvent| (row.clone(), step))
        };
        html! {
            <button type="button" class="button button-small" data-step={step}
                disabled={waiting} aria-busy={this.to_string()} title={hint}
                aria-label={format!("{label} {}", f.name)} {onclick}>
                if this {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                } else {
                    { icon }
                }
                { label }
            </button>
        }
    };
    html! {
        <li class="file-card resource-file" data-sha256={f.sha256.to_string()}
            data-offline={offline.to_string()}>
            <span class="file-card-icon">{ type_icon(row.file_type) }</span>
            <span class="file-card-text">
                <span class="file-card-name selectable">{ f.name.clone() }</span>
                <span class="file-card-meta">
                    { format!("{} · {}", row.file_type.label(), format::file_size(f.size)) }
                    if offline {
                        <span class="file-offline">{ icons::check() }{ "Available offline" }</span>
                    }
                </span>
            </span>
            <span class="file-actions">
                { button("save", "Download", icons::download(), "Save a copy where you choose") }
                { button("open", "Open", icons::open_in(), "Open in the program your computer uses for it") }
                if props.may_share {
                    { button("share", "Share", icons::share(), "Open the file to send it on to a customer (counted as a share)") }
                }
            </span>
        </li>
    }
}
