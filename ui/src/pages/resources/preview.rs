//! An item's preview on its page: an image as it is, or the first pages of a PDF as pictures,
//! read from the briefcase when the item is kept (else fetched and checked by the shell).

use crate::{
    api,
    components::{icons, loading},
    hooks::{use_fetch, Fetch},
};
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{FileRef, Preview},
        FileType, ResourceFile,
    },
    shell::commands as cmd,
    ErrorKind,
};
use yew::prelude::*;

/// The PDF pages shown.
const PAGES: u32 = 2;

#[derive(Properties, PartialEq)]
pub struct PreviewPaneProps {
    pub id: ResourceId,
    /// The first file the app can show, if any.
    pub file: Option<ResourceFile>,
}

#[component]
pub fn PreviewPane(props: &PreviewPaneProps) -> Html {
    let Some(file) = props.file.clone() else {
        return html! {
            <p class="card-note" id="resource-preview-none">
                { "No preview for this type of file: Open shows it in its own program." }
            </p>
        };
    };
    html! { <FilePreview id={props.id} {file} /> }
}

#[derive(Properties, PartialEq)]
struct FilePreviewProps {
    id: ResourceId,
    file: ResourceFile,
}

#[component]
fn FilePreview(props: &FilePreviewProps) -> Html {
    let file = FileRef {
        id: props.id,
        sha256: props.file.sha256.clone(),
    };
    let (fetched, retry) = use_fetch(file, |file| {
        api::invoke(cmd::PreviewResourceFile { file, pages: PAGES })
    });
    let name = props.file.name.clone();
    let pdf = props.file.file_type() == FileType::Pdf;
    match fetched {
        Fetch::Loading => loading(),
        Fetch::Failed(e) => {
            let text = if e.kind == ErrorKind::Offline {
                "The preview needs the connection, or the item kept offline.".to_owned()
            } else {
                e.message.clone()
            };
            let onclick = retry.reform(|_: MouseEvent| ());
            html! {
                <div class="preview-failed" id="resource-preview-failed" data-kind={e.kind.as_str()}>
                    { icons::alert() }
                    <span>{ text }</span>
                    <button type="button" class="button button-small" {onclick}>{ "Try again" }</button>
                </div>
            }
        }
        Fetch::Ready(p) => pictures(&p, &name, pdf),
    }
}

fn pictures(preview: &Preview, name: &str, pdf: bool) -> Html {
    let count = preview.page_count;
    let shown = preview.pages.len();
    html! {
        <div class={classes!("preview", pdf.then_some("preview-pdf"))} id="resource-preview"
            data-pages={shown.to_string()}>
            { for preview.pages.iter().enumerate().map(|(i, src)| {
                let alt = if pdf {
                    format!("Page {} of {count} of {name}", i + 1)
                } else {
                    name.to_owned()
                };
                html! {
                    <figure class="preview-page">
                        <img src={src.clone()} {alt} class="preview-image" />
                        if pdf {
                            <figcaption>{ format!("Page {} of {count}", i + 1) }</figcaption>
                        }
                    </figure>
                }
            }) }
            if pdf && (shown as u32) < count {
                <p class="card-note">
                    { format!("The first {shown} of {count} pages. Open the file to read it all.") }
                </p>
            }
        </div>
    }
}
