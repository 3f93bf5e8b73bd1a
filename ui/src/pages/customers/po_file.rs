//! The purchase-order file of an order: choose a file, read its bytes here in wasm and hand them
//! to the shell (`attach_po`), then show the attached file's name and size with a way to remove
//! or replace it.

use crate::{api, components::icons, format};
use portal_core::{
    order::{Attachment, MAX_ATTACHMENT_BYTES},
    shell::commands as cmd,
    ApiError,
};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

/// The kinds of file the picker offers first (any file may still be chosen).
const ACCEPT: &str =
    ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.doc,.docx,.xls,.xlsx,application/pdf,image/*";

#[derive(Properties, PartialEq)]
pub struct PoFileProps {
    pub attachment: Option<Attachment>,
    pub on_change: Callback<Option<Attachment>>,
    /// The form's message about the attachment.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
}

/// A file's bytes, read in the webview.
async fn read_bytes(file: &File) -> Result<Vec<u8>, ApiError> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        ApiError::invalid(
            "po_attachment",
            "The file could not be read. Check that it is not open elsewhere, then try again.",
        )
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads `file` and attaches it through the shell.
async fn attach(file: File) -> Result<Attachment, ApiError> {
    let size = file.size() as u64;
    if size == 0 {
        return Err(ApiError::invalid("po_attachment", "The file is empty."));
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(ApiError::invalid(
            "po_attachment",
            format!(
                "The file is {}; the vendor accepts purchase orders of at most 10 MB.",
                format::file_size(size)
            ),
        ));
    }
    let bytes = read_bytes(&file).await?;
    let content_type = match file.type_() {
        t if t.trim().is_empty() => "application/octet-stream".to_owned(),
        t => t,
    };
    api::invoke(cmd::AttachPo {
        order_id: None,
        file_name: file.name(),
        content_type,
        bytes,
    })
    .await
}

/// The field (`#order-po-file`): a button that opens the file chooser, or the attached file.
#[component]
pub fn PoFile(props: &PoFileProps) -> Html {
    let input_ref = use_node_ref();
    // The file being read and attached, by name.
    let attaching = use_state(|| None::<String>);
    let failure = use_state(|| None::<ApiError>);

    let choose = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = {
        let (attaching, failure) = (attaching.clone(), failure.clone());
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            attaching.set(Some(file.name()));
            failure.set(None);
            let (attaching, failure) = (attaching.clone(), failure.clone());
            let on_change = on_change.clone();
            spawn_local(async move {
                let answer = attach(file).await;
                attaching.set(None);
                match answer {
                    Ok(a) => on_change.emit(Some(a)),
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let remove = {
        let on_change = props.on_change.clone();
        let failure = failure.clone();
        Callback::from(move |_: MouseEvent| {
            failure.set(None);
            on_change.emit(None);
        })
    };
    let message = failure
        .as_ref()
        .map(|e| AttrValue::from(e.message.clone()))
        .or_else(|| props.error.clone());
    let busy = attaching.is_some() || props.disabled;

    html! {
        <div class="field field-wide po-file" data-field="po_attachment">
            <span class="field-label" id="order-po-file-label">{ "Purchase-order file" }</span>
            <input id="order-po-file-input" type="file" class="visually-hidden" accept={ACCEPT}
                ref={input_ref} tabindex="-1" aria-hidden="true" {onchange} />
            if let Some(name) = &*attaching {
                <div class="file-card" id="order-po-file" data-state="attaching" role="status">
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                    <span class="file-card-text">
                        <span class="file-card-name">{ name.clone() }</span>
                        <span class="file-card-meta">{ "Attaching…" }</span>
                    </span>
                </div>
            } else if let Some(a) = &props.attachment {
                <div class="file-card" id="order-po-file" data-state="attached"
                    data-file-name={a.file_name.clone()}>
                    <span class="file-card-icon">{ icons::file() }</span>
                    <span class="file-card-text">
                        <span class="file-card-name selectable" id="order-po-file-name">{ a.file_name.clone() }</span>
                        <span class="file-card-meta" id="order-po-file-size">{ format::file_size(a.size) }</span>
                    </span>
                    <button type="button" class="button button-small" id="order-po-file-replace"
                        disabled={busy} onclick={choose.clone()}>
                        { "Replace" }
                    </button>
                    <button type="button" class="button button-small button-danger-quiet" id="order-po-file-remove"
                        disabled={busy} onclick={remove} aria-label={format!("Remove {}", a.file_name)}>
                        { icons::trash() }{ "Remove" }
                    </button>
                </div>
            } else {
                <div class="file-drop" id="order-po-file" data-state="empty">
                    <button type="button" class="button" id="order-po-file-choose" disabled={busy}
                        aria-describedby="order-po-file-hint" aria-invalid={message.as_ref().map(|_| "true")}
                        onclick={choose}>
                        { icons::paperclip() }{ "Attach the PO file" }
                    </button>
                    <span class="field-hint" id="order-po-file-hint">{ "PDF, image or document, up to 10 MB." }</span>
                </div>
            }
            if let Some(m) = message {
                <p class="field-error" id="order-po-file-error" data-field="po_attachment">{ m }</p>
            }
        </div>
    }
}
