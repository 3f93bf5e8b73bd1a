//! "Export PDF" on a quote: a small menu of the two PDFs (the customer's, with customer prices
//! only, and the partner's internal one with cost, RRP and margin); the shell asks where to save.

use crate::{api, components::icons};
use portal_core::{ids::QuoteId, quoting::PdfAudience, shell::commands as cmd, ApiError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// What the user is told about an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Exported {
    Saved(PdfAudience, String),
    Failed(ApiError),
}

#[derive(Properties, PartialEq)]
pub struct ExportPdfProps {
    pub quote: QuoteId,
    /// A PDF was saved (with its path) or could not be; a cancelled save dialog says nothing.
    pub on_done: Callback<Exported>,
    #[prop_or_default]
    pub disabled: bool,
}

fn focus_first_item(menu: &NodeRef) {
    if let Some(el) = menu
        .cast::<Element>()
        .and_then(|m| m.query_selector("[role=menuitem]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The button (`#export-pdf`) and its menu (`#export-pdf-customer`, `#export-pdf-internal`).
#[component]
pub fn ExportPdf(props: &ExportPdfProps) -> Html {
    let open = use_state(|| false);
    let busy = use_state(|| None::<PdfAudience>);
    let menu_ref = use_node_ref();
    let button_ref = use_node_ref();
    {
        let menu_ref = menu_ref.clone();
        use_effect_with(*open, move |open| {
            if *open {
                focus_first_item(&menu_ref);
            }
        });
    }
    let close = {
        let open = open.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |refocus: bool| {
            open.set(false);
            if refocus {
                if let Some(b) = button_ref.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let export = |audience: PdfAudience| {
        let busy = busy.clone();
        let close = close.clone();
        let on_done = props.on_done.clone();
        let quote = props.quote;
        Callback::from(move |_: MouseEvent| {
            close.emit(true);
            busy.set(Some(audience));
            let busy = busy.clone();
            let on_done = on_done.clone();
            spawn_local(async move {
                let answer = api::invoke(cmd::ExportQuotePdf {
                    id: quote,
                    audience,
                    path: None,
                })
                .await;
                busy.set(None);
                match answer {
                    Ok(Some(path)) => on_done.emit(Exported::Saved(audience, path)),
                    Ok(None) => {}
                    Err(e) => on_done.emit(Exported::Failed(e)),
                }
            });
        })
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close.emit(true);
            }
            "Tab" => close.emit(false),
            _ => {}
        })
    };
    let dismiss = close.reform(|_: MouseEvent| false);
    html! {
        <div class="menu-anchor">
            <button id="export-pdf" type="button" class="button" ref={button_ref}
                aria-haspopup="menu" aria-expanded={open.to_string()} aria-busy={busy.is_some().to_string()}
                disabled={props.disabled || busy.is_some()} onclick={toggle}>
                if busy.is_some() {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Exporting…" }
                } else {
                    { icons::download() }{ "Export PDF" }{ icons::chevron_down() }
                }
            </button>
            if *open {
                <div class="popover-backdrop" onclick={dismiss}></div>
                <div id="export-pdf-menu" class="popover export-menu" role="menu" aria-label="Export PDF"
                    ref={menu_ref} {onkeydown}>
                    <button id="export-pdf-customer" type="button" role="menuitem" class="menu-item"
                        onclick={export(PdfAudience::Customer)}>
                        { icons::user() }
                        <span class="menu-item-text">
                            <span>{ "Customer PDF" }</span>
                            <span class="menu-item-hint">{ "Customer prices only, to send" }</span>
                        </span>
                    </button>
                    <button id="export-pdf-internal" type="button" role="menuitem" class="menu-item"
                        onclick={export(PdfAudience::Internal)}>
                        { icons::shield() }
                        <span class="menu-item-text">
                            <span>{ "Internal PDF" }</span>
                            <span class="menu-item-hint">{ "With your cost, RRP and margin" }</span>
                        </span>
                    </button>
                </div>
            }
        </div>
    }
}
