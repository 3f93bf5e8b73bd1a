//! What the record forms share: a field's message (the shell's until the field is edited again,
//! else the form's own once the user has been at it), the callback an input edits the form with,
//! focusing the first invalid field, showing a refused save, and the save itself.

use super::{Apply, Edit, Editing, FieldErrors};
use portal_core::{ApiError, ErrorKind};
use std::{future::Future, rc::Rc};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The message to show for `field`: the shell's (`server`) until the user edits the field again
/// ([`setter`] drops it then), else the form's own check (`local`) once the user has been at it or
/// tried to save.
pub fn field_message<F>(
    editing: &Editing<F>,
    server: &FieldErrors,
    local: &FieldErrors,
    field: &str,
) -> Option<AttrValue> {
    // Not filtered by `touched`: a refusal is mostly about a field the user has typed in already.
    server
        .get(field)
        .or_else(|| local.get(field).filter(|_| editing.shows(field)))
        .map(|m| AttrValue::from(m.clone()))
}

/// Drops the shell's messages about `fields` (the user changed them).
pub fn forget(server_errors: &UseStateHandle<FieldErrors>, fields: &[&str]) {
    if fields.iter().any(|f| server_errors.contains_key(*f)) {
        let mut rest = (**server_errors).clone();
        for f in fields {
            rest.remove(*f);
        }
        server_errors.set(rest);
    }
}

/// The callback an input of `field` edits the form with; editing drops the shell's message.
pub fn setter<F: Clone + 'static>(
    editing: &UseReducerHandle<Editing<F>>,
    server_errors: &UseStateHandle<FieldErrors>,
    field: impl Into<String>,
    apply: Apply<F>,
) -> Callback<String> {
    let field = field.into();
    let dispatch = editing.dispatcher();
    let server_errors = server_errors.clone();
    Callback::from(move |value: String| {
        forget(&server_errors, &[&field]);
        dispatch.dispatch(Edit::Set {
            field: field.clone(),
            apply: apply.clone(),
            value,
        });
    })
}

/// The form's node, and a callback that focuses its first field marked invalid once the page has
/// rendered the messages (after a refused save).
#[hook]
pub fn use_focus_invalid() -> (NodeRef, Callback<()>) {
    let form_ref = use_node_ref();
    let focus_invalid = use_state(|| 0_u32);
    {
        let form_ref = form_ref.clone();
        use_effect_with(*focus_invalid, move |n| {
            if *n > 0 {
                focus_first_invalid(&form_ref);
            }
        });
    }
    let focus = Callback::from(move |()| focus_invalid.set(focus_invalid.wrapping_add(1)));
    (form_ref, focus)
}

/// Focuses the first field marked invalid inside `container`.
fn focus_first_invalid(container: &NodeRef) {
    if let Some(el) = container
        .cast::<web_sys::Element>()
        .and_then(|c| c.query_selector("[aria-invalid='true']").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Where a refused save's message shows: beside the field it names when the form has that field,
/// else above the form.
#[derive(Clone)]
pub struct Refusal {
    pub server_errors: UseStateHandle<FieldErrors>,
    pub save_error: UseStateHandle<Option<ApiError>>,
    pub focus_invalid: Callback<()>,
}

impl Refusal {
    pub fn new(
        server_errors: &UseStateHandle<FieldErrors>,
        save_error: &UseStateHandle<Option<ApiError>>,
        focus_invalid: &Callback<()>,
    ) -> Self {
        Self {
            server_errors: server_errors.clone(),
            save_error: save_error.clone(),
            focus_invalid: focus_invalid.clone(),
        }
    }

    /// Shows `e`; `form_field` names the form's field for a field the shell named, if it has one.
    pub fn show(&self, e: ApiError, form_field: impl Fn(&str) -> Option<String>) {
        let field = e
            .field
            .as_deref()
            .filter(|_| e.kind == ErrorKind::InvalidInput)
            .and_then(form_field);
        match field {
            Some(field) => {
                self.server_errors
                    .set(FieldErrors::from([(field, e.message)]));
                self.focus_invalid.emit(());
            }
            None => self.save_error.set(Some(e)),
        }
    }
}

/// A form's one way to save: what it needs besides the form and the call.
pub struct Save<T: 'static> {
    /// A save is on its way (the button says so, and a second one waits for it).
    pub saving: UseStateHandle<bool>,
    pub refusal: Refusal,
    /// Asks the sync status again (the save queued a change).
    pub refresh: Callback<()>,
    pub on_saved: Callback<T>,
}

impl<T: 'static> Save<T> {
    /// The form's submit: the form is marked submitted, so every message shows; when its own
    /// checks failed (`valid` is false) the first invalid field takes focus; else `save` runs, one
    /// at a time, and its answer goes to `on_saved` or shows as the refusal (`form_field` names the
    /// form's field for a field the shell named).
    pub fn on_submit<F, Fut>(
        self,
        editing: &UseReducerHandle<Editing<F>>,
        valid: bool,
        form_field: impl Fn(&str) -> Option<String> + 'static,
        save: impl Fn() -> Fut + 'static,
    ) -> Callback<SubmitEvent>
    where
        F: Clone + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let dispatch = editing.dispatcher();
        let form_field = Rc::new(form_field);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *self.saving {
                return;
            }
            dispatch.dispatch(Edit::Submitted);
            if !valid {
                self.refusal.focus_invalid.emit(());
                return;
            }
            self.saving.set(true);
            self.refusal.save_error.set(None);
            let pending = save();
            let (saving, refusal) = (self.saving.clone(), self.refusal.clone());
            let (refresh, on_saved) = (self.refresh.clone(), self.on_saved.clone());
            let form_field = form_field.clone();
            spawn_local(async move {
                let answer = pending.await;
                saving.set(false);
                match answer {
                    Ok(saved) => {
                        refresh.emit(());
                        on_saved.emit(saved);
                    }
                    Err(e) => refusal.show(e, &*form_field),
                }
            });
        })
    }
}
