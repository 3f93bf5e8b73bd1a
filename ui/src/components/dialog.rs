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
