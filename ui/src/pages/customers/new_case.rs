//! The "New case" form: the customer (picked by name, or given by the customer page), a subject,
//! a priority and a description, checked with the same rules as the client and the server. The
//! case is queued at once and numbered by the server when it syncs. A refusal keeps what was typed.

use crate::{
    api,
    components::{
        icons, ErrorBanner, FormSection, PageHeader, PickedCustomer, RecordPicker, SelectField,
        TextField,
    },
    hooks::{field_errors, use_sync_state},
};
use portal_core::{
    customers::CasePriority,
    ids::{CustomerId, SupportCaseId},
    menu::Page,
    shell::commands as cmd,
    support::SupportCaseForm,
    ApiError, ErrorKind,
};
use std::collections::BTreeMap;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NewCaseProps {
    /// The customer the case is for, when the form is opened from that customer's page.
    #[prop_or_default]
    pub customer: Option<(CustomerId, AttrValue)>,
    /// The page the form belongs to, for its header.
    pub page: Page,
    pub on_opened: Callback<SupportCaseId>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn NewCaseForm(props: &NewCaseProps) -> Html {
    let sync = use_sync_state();
    let form = {
        let customer = props.customer.as_ref().map(|c| c.0);
        use_state(move || SupportCaseForm::for_customer(customer))
    };
    let tried = use_state(|| false);
    let saving = use_state(|| false);
    let server_errors = use_state(BTreeMap::<String, String>::new);
    let save_error = use_state(|| None::<ApiError>);
    // The customer picked, kept here so that a refused save still shows it.
    let picked = use_state(|| None::<PickedCustomer>);

    let local = match form.parse(SupportCaseId::from_uuid(Default::default())) {
        Ok(_) => BTreeMap::new(),
        Err(errors) => field_errors(&errors),
    };
    let error_for = |field: &str| -> Option<AttrValue> {
        server_errors
            .get(field)
            .or_else(|| local.get(field).filter(|_| *tried))
            .map(|m| AttrValue::from(m.clone()))
    };
    let set = |apply: fn(&mut SupportCaseForm, String), field: &'static str| {
        let form = form.clone();
        let server_errors = server_errors.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            apply(&mut next, v);
            form.set(next);
            if server_errors.contains_key(field) {
                let mut rest = (*server_errors).clone();
                rest.remove(field);
                server_errors.set(rest);
            }
        })
    };

    let onsubmit = {
        let form = form.clone();
        let (tried, saving) = (tried.clone(), saving.clone());
        let (server_errors, save_error) = (server_errors.clone(), save_error.clone());
        let valid = local.is_empty();
        let on_opened = props.on_opened.clone();
        let refresh = sync.refresh.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            if !valid || *saving {
                return;
            }
            saving.set(true);
            save_error.set(None);
            let form = (*form).clone();
            let (saving, server_errors, save_error) =
                (saving.clone(), server_errors.clone(), save_error.clone());
            let (on_opened, refresh) = (on_opened.clone(), refresh.clone());
            spawn_local(async move {
                let answer = api::invoke(cmd::OpenSupportCase { form }).await;
                saving.set(false);
                match answer {
                    Ok(detail) => {
                        refresh.emit(());
                        on_opened.emit(detail.case.id);
                    }
                    Err(e) if e.kind == ErrorKind::InvalidInput && e.field.is_some() => {
                        let field = e.field.clone().unwrap_or_default();
                        server_errors.set(BTreeMap::from([(field, e.message)]));
                    }
                    Err(e) => save_error.set(Some(e)),
                }
            });
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());

    let customer_field = match &props.customer {
        Some((_, name)) => html! {
            <TextField id="case-customer" field="customer_id" label="Customer" required=true
                value={name.clone()} disabled=true on_input={Callback::noop()} />
        },
        None => {
            let on_pick = {
                let set_customer = set(|f, v| f.customer_id = v, "customer_id");
                let picked = picked.clone();
                Callback::from(move |choice: Option<PickedCustomer>| {
                    set_customer.emit(
                        choice
                            .as_ref()
                            .map(|c| c.id.to_string())
                            .unwrap_or_default(),
                    );
                    picked.set(choice);
                })
            };
            html! {
                <RecordPicker<CustomerId> id="case-customer" field="customer_id" wide=false
                    picked={(*picked).clone()} {on_pick} error={error_for("customer_id")} />
            }
        }
    };
    let priorities: Vec<(AttrValue, AttrValue)> = CasePriority::ALL
        .iter()
        .map(|p| (AttrValue::from(p.as_str()), AttrValue::from(p.label())))
        .collect();
    let busy = *saving;

    html! {
        <>
            <PageHeader page={props.page} title="New support case" back={props.on_cancel.clone()}
                lead="The case is sent to the vendor's support team when the app next syncs." />
            if let Some(e) = &*save_error {
                <div id="case-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            <form id="case-form" class="record-form" {onsubmit} novalidate=true>
                <FormSection id="case-section" title="Case">
                    { customer_field }
                    <SelectField id="case-priority" field="priority" label="Priority" required=true
                        value={AttrValue::from(form.priority.clone())} options={priorities}
                        error={error_for("priority")}
                        on_change={set(|f, v| f.priority = v, "priority")} />
                    <TextField id="case-subject" field="subject" label="Subject" required=true wide=true
                        value={AttrValue::from(form.subject.clone())} error={error_for("subject")}
                        hint="5 to 200 characters."
                        on_input={set(|f, v| f.subject = v, "subject")} />
                    <TextField id="case-description" field="description" label="Description"
                        required=true wide=true multiline=true
                        value={AttrValue::from(form.description.clone())}
                        error={error_for("description")}
                        on_input={set(|f, v| f.description = v, "description")} />
                </FormSection>
                <div class="form-actions">
                    <div class="form-actions-start"></div>
                    <button id="cancel-case" type="button" class="button" onclick={cancel} disabled={busy}>
                        { "Cancel" }
                    </button>
                    <button id="open-case" type="submit" class="button button-primary" disabled={busy}
                        aria-busy={busy.to_string()}>
                        if busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Opening…" }
                        } else {
                            { icons::check() }{ "Open case" }
                        }
                    </button>
                </div>
            </form>
        </>
    }
}
