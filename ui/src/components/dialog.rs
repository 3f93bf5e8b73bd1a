//! A confirmation step before something that cannot be undone (deleting, withdrawing…).

use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    /// The consequence, in a sentence or two.
    pub children: Html,
    pub confirm_label: AttrValue,
    #[prop_or(AttrValue::Static("Cancel"))]
    pub cancel_label: AttrValue,
    /// The confirm button is red: the step destroys or ends something.
    #[prop_or_default]
    pub danger: bool,
    /// The step is under way: both buttons wait.
    #[prop_or_default]
    pub busy: bool,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// A modal dialog (`#confirm-dialog`, buttons `#confirm-ok` and `#confirm-cancel`). Focus starts
/// on Cancel, stays inside, and Escape cancels.
#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let cancel_ref = use_node_ref();
    let ok_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = cancel_ref.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        let busy = props.busy;
        let (cancel_ref, ok_ref) = (cancel_ref.clone(), ok_ref.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                // Handled here so the shell does not also close its menu.
                e.prevent_default();
                e.stop_propagation();
                if !busy {
                    on_cancel.emit(());
                }
            }
            "Tab" => {
                // Two buttons: Tab moves between them and never leaves the dialog.
                e.prevent_default();
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let on_cancel_button = active
                    .zip(cancel_ref.cast::<HtmlElement>())
                    .is_some_and(|(a, c)| a.is_same_node(Some(&c)));
                let next = if on_cancel_button {
                    &ok_ref
                } else {
                    &cancel_ref
                };
                if let Some(b) = next.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
            _ => {}
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let confirm = props.on_confirm.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-layer" {onkeydown}>
            <div class="dialog-backdrop"></div>
            <div id="confirm-dialog" class="dialog" role="alertdialog" aria-modal="true"
                aria-labelledby="confirm-title" aria-describedby="confirm-message">
                <h2 id="confirm-title" class="dialog-title">{ props.title.clone() }</h2>
                <div id="confirm-message" class="dialog-body">{ props.children.clone() }</div>
                <div class="dialog-actions">
                    <button id="confirm-cancel" type="button" class="button" ref={cancel_ref}
                        disabled={props.busy} onclick={cancel}>
                        { props.cancel_label.clone() }
                    </button>
                    <button id="confirm-ok" type="button" ref={ok_ref}
                        class={classes!("button", if props.danger { "button-danger" } else { "button-primary" })}
                        disabled={props.busy} aria-busy={props.busy.to_string()} onclick={confirm}>
                        if props.busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                        }
                        { props.confirm_label.clone() }
                    </button>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// `id` of the dialog; its title is `{id}-title`, its buttons `{id}-submit` and `{id}-cancel`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The fields (and anything the user should read before submitting).
    pub children: Html,
    pub submit_label: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    /// The step is under way: the buttons wait.
    #[prop_or_default]
    pub busy: bool,
    pub on_submit: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The elements Tab moves between inside `root`, in order.
fn focusables(root: &web_sys::Element) -> Vec<HtmlElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(
        "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// A modal dialog holding a small form (`#{id}`): focus starts on its first field, Tab stays
/// inside, Escape cancels, Enter in a one-line field submits.
#[component]
pub fn FormDialog(props: &FormDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| {
            if let Some(first) = dialog_ref
                .cast::<web_sys::Element>()
                .and_then(|d| focusables(&d).into_iter().next())
            {
                let _ = first.focus();
            }
        });
    }
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        let busy = props.busy;
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                if !busy {
                    on_cancel.emit(());
                }
            }
            "Tab" => {
                let Some(dialog) = dialog_ref.cast::<web_sys::Element>() else {
                    return;
                };
                let items = focusables(&dialog);
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let at = active.and_then(|a| items.iter().position(|el| el.is_same_node(Some(&a))));
                let (first, last) = (items.first(), items.last());
                // Wrap around at either end; elsewhere the browser moves as usual.
                let wrap_to = match (at, e.shift_key()) {
                    (Some(0), true) | (None, true) => last,
                    (Some(i), false) if i + 1 == items.len() => first,
                    (None, false) => first,
                    _ => None,
                };
                if let Some(el) = wrap_to {
                    e.prevent_default();
                    let _ = el.focus();
                }
            }
            _ => {}
        })
    };
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        let busy = props.busy;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !busy {
                on_submit.emit(());
            }
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let id = props.id.as_str();
    html! {
        <div class="dialog-layer" {onkeydown}>
            <div class="dialog-backdrop"></div>
            <form id={props.id.clone()} class="dialog dialog-form" role="dialog" aria-modal="true"
                aria-labelledby={format!("{id}-title")} ref={dialog_ref} novalidate=true {onsubmit}>
                <h2 id={format!("{id}-title")} class="dialog-title">{ props.title.clone() }</h2>
                <div class="dialog-body">{ props.children.clone() }</div>
                <div class="dialog-actions">
                    <button id={format!("{id}-cancel")} type="button" class="button"
                        disabled={props.busy} onclick={cancel}>
                        { "Cancel" }
                    </button>
                    <button id={format!("{id}-submit")} type="submit"
                        class={classes!("button", if props.danger { "button-danger" } else { "button-primary" })}
                        disabled={props.busy} aria-busy={props.busy.to_string()}>
                        if props.busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                        }
                        { props.submit_label.clone() }
                    </button>
                </div>
            </form>
        </div>
    }
}
