//! The prospect form, for a new prospect or an existing one: every field, checked as the user
//! types with the same rules the client and server apply ([`ProspectForm::parse`]), the email
//! domain verified on request, and Save, Cancel and Delete (after a confirmation).

use super::{
    delete::use_delete_prospect,
    domain_check::{domain_check_view, Check},
    form_fields::{
        address_part_mut, contact_mut, contact_part, contact_part_mut, form_field, ADDRESS_PARTS,
        CONTACT_PARTS,
    },
};
use crate::{
    api,
    components::{
        attention_note, icons, ready, ErrorBanner, FormSection, PageHeader, SelectField, TextField,
    },
    hooks::{
        field_errors,
        form::{field_message, setter, use_focus_invalid, Refusal, Save},
        use_fetch, use_portal, use_sync_state, Apply, Editing, FieldErrors, Users,
    },
};
use portal_core::{
    ids::ProspectId,
    menu::Page,
    prospect::{ProspectForm, ProspectStatus, SECTORS},
    shell::commands as cmd,
    ApiError, Domain,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProspectEditorProps {
    /// `None` for a new prospect.
    pub id: Option<ProspectId>,
    pub users: Users,
    pub on_saved: Callback<ProspectId>,
    pub on_cancel: Callback<()>,
    pub on_deleted: Callback<()>,
}

/// Loads the prospect being edited (once: a sync does not pull the form from under the user),
/// then shows the form.
#[component]
pub fn ProspectEditor(props: &ProspectEditorProps) -> Html {
    let (loaded, retry) = use_fetch(props.id, |id| async move {
        match id {
            Some(id) => api::invoke(cmd::GetProspect { id }).await.map(Some),
            None => Ok(None),
        }
    });
    let back = props.on_cancel.clone();
    let header = html! { <PageHeader page={Page::Prospects} title="Edit prospect" {back} /> };
    match ready(loaded, header, retry) {
        Err(page) => page,
        Ok(detail) => {
            let (initial, title) = match detail.as_ref() {
                Some(d) => (
                    ProspectForm::from_prospect(&d.prospect),
                    format!("Edit {}", d.prospect.company_name),
                ),
                None => (
                    ProspectForm {
                        status: Some(ProspectStatus::New),
                        ..ProspectForm::default()
                    },
                    "New prospect".to_owned(),
                ),
            };
            html! {
                <ProspectFormView id={props.id} initial={Rc::new(initial)} title={AttrValue::from(title)}
                    users={props.users.clone()} on_saved={props.on_saved.clone()}
                    on_cancel={props.on_cancel.clone()} on_deleted={props.on_deleted.clone()} />
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct ProspectFormViewProps {
    id: Option<ProspectId>,
    initial: Rc<ProspectForm>,
    title: AttrValue,
    users: Users,
    on_saved: Callback<ProspectId>,
    on_cancel: Callback<()>,
    on_deleted: Callback<()>,
}

#[component]
fn ProspectFormView(props: &ProspectFormViewProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let me = &portal.session.profile.user;
    let is_admin = me.role.sees_all_firm_records();
    let editing = {
        let initial = props.initial.clone();
        use_reducer(move || Editing::new((*initial).clone()))
    };
    // Messages from the shell about fields, until the field is edited again.
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    let saving = use_state(|| false);
    let check = use_state(|| Check::Idle);
    let delete = use_delete_prospect(props.on_deleted.clone(), save_error.clone());
    let (form_ref, focus_invalid) = use_focus_invalid();

    let form = &editing.form;
    // A prospect not born yet is checked under a nil id.
    let unborn = ProspectId::from_uuid(Default::default());
    let local = match form.parse(props.id.unwrap_or(unborn), me.id) {
        Ok(_) => FieldErrors::new(),
        Err(errors) => field_errors(&errors),
    };
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set =
        |field: String, apply: Apply<ProspectForm>| setter(&editing, &server_errors, field, apply);
    let text = |field: &'static str, apply: fn(&mut ProspectForm, String)| -> Callback<String> {
        set(field.to_owned(), Rc::new(apply))
    };

    // ---- Verify the domain ----
    let domain_text = form.domain.trim().to_owned();
    let parsed_domain = Domain::parse(&domain_text).ok();
    let domain_ok = parsed_domain.is_some();
    let verify = {
        let check = check.clone();
        let except = props.id;
        let domain_text = domain_text.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(domain) = parsed_domain.clone() else {
                return;
            };
            let check = check.clone();
            let text = domain_text.clone();
            check.set(Check::Checking(text.clone()));
            spawn_local(async move {
                let asked = cmd::CheckDomain {
                    domain: domain.as_str().to_owned(),
                    except_id: except,
                };
                check.set(match api::invoke(asked).await {
                    Ok(answer) => Check::Done(text, Rc::new(answer)),
                    Err(e) => Check::Failed(text, e),
                });
            });
        })
    };
    let checking = matches!(&*check, Check::Checking(t) if *t == domain_text);
    let verify_button = html! {
        <button id="verify-domain" type="button" class="button" onclick={verify}
            disabled={!domain_ok || checking} aria-busy={checking.to_string()}
            title={if domain_ok { "Check whether this domain is already taken" } else { "Enter a valid domain first" }}>
            if checking {
                <span class="spinner spinner-sm" aria-hidden="true"></span>
            } else {
                { icons::shield() }
            }
            { "Verify" }
        </button>
    };
    let check_result = domain_check_view(&check, &domain_text, &portal.open);

    // ---- Save ----
    let onsubmit = Save {
        saving: saving.clone(),
        refusal: Refusal::new(&server_errors, &save_error, &focus_invalid),
        refresh: sync.refresh.clone(),
        on_saved: props.on_saved.clone(),
    }
    .on_submit(&editing, local.is_empty(), form_field, {
        let (id, form) = (props.id, form.clone());
        move || {
            let form = form.clone();
            async move {
                api::invoke(cmd::SaveProspect { id, form })
                    .await
                    .map(|d| d.prospect.id)
            }
        }
    });
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());

    // ---- Fields ----
    let contact_section = |which: &'static str, title: &'static str, description: &'static str| {
        let c = if which == "primary_contact" {
            &form.primary_contact
        } else {
            &form.implementation_lead
        };
        let fields = CONTACT_PARTS.iter().map(|&(part, label, autocomplete)| {
            let field = format!("{which}.{part}");
            let apply: Apply<ProspectForm> = Rc::new(move |f: &mut ProspectForm, v: String| {
                *contact_part_mut(contact_mut(f, which), part) = v
            });
            let (input_type, inputmode) = match part {
                "email" => ("email", Some("email")),
                "phone" => ("tel", Some("tel")),
                _ => ("text", None),
            };
            html! {
                <TextField id={format!("prospect-{which}-{part}")} field={field.clone()} label={label}
                    value={contact_part(c, part).to_owned()} error={error_for(&field)}
                    input_type={input_type} inputmode={inputmode.map(AttrValue::Static)}
                    autocomplete={format!("section-{which} {autocomplete}")}
                    on_input={set(field, apply)} />
            }
        });
        html! {
            <FormSection id={format!("prospect-{which}-section")} title={title} description={description}>
                { for fields }
            </FormSection>
        }
    };
    let address_fields = ADDRESS_PARTS.iter().map(|&(part, label, autocomplete, wide)| {
        let field = format!("address.{part}");
        let apply: Apply<ProspectForm> =
            Rc::new(move |f: &mut ProspectForm, v: String| *address_part_mut(f, part) = v);
        let a = &form.address;
        let value = match part {
            "line1" => &a.line1,
            "line2" => &a.line2,
            "city" => &a.city,
            "region" => &a.region,
            "postal_code" => &a.postal_code,
            _ => &a.country,
        };
        html! {
            <TextField id={format!("prospect-address-{part}")} field={field.clone()} label={label}
                value={value.clone()} error={error_for(&field)} {wide} autocomplete={autocomplete}
                on_input={set(field, apply)} />
        }
    });
    let status_options = ProspectStatus::ALL
        .iter()
        .map(|s| (AttrValue::Static(s.as_str()), AttrValue::Static(s.label())))
        .collect::<Vec<_>>();
    let owner_field = match (&props.users, is_admin) {
        (Some(users), true) => {
            let options = users
                .iter()
                .map(|u| {
                    let label = if u.id == me.id {
                        format!("{} (you)", u.full_name())
                    } else {
                        u.full_name()
                    };
                    (AttrValue::from(u.id.to_string()), AttrValue::from(label))
                })
                .collect::<Vec<_>>();
            html! {
                <SelectField id="prospect-owner_id" field="owner_id" label="Owner"
                    value={form.owner_id.unwrap_or(me.id).to_string()} {options}
                    error={error_for("owner_id")}
                    hint="The salesperson who works this prospect."
                    on_change={text("owner_id", |f, v| f.owner_id = v.parse().ok())} />
            }
        }
        _ => html! {},
    };
    let busy = *saving;
    let is_new = props.id.is_none();

    html! {
        <>
            <PageHeader page={Page::Prospects} title={props.title.clone()} back={props.on_cancel.clone()}
                lead={if is_new { "Add a company you are selling to. Fields marked * are required." } else { "Change what you know about this prospect. Fields marked * are required." }} />
            if let Some(e) = &*save_error {
                <div id="prospect-form-error">
                    <ErrorBanner error={e.clone()} />
                </div>
            }
            <form id="prospect-form" class="record-form" ref={form_ref} {onsubmit} novalidate=true
                data-mode={if is_new { "new" } else { "edit" }}>
                <FormSection id="prospect-company-section" title="Company">
                    <TextField id="prospect-company_name" field="company_name" label="Company name" required=true
                        wide=true autocomplete="organization" value={form.company_name.clone()}
                        error={error_for("company_name")}
                        on_input={text("company_name", |f, v| f.company_name = v)} />
                    <TextField id="prospect-domain" field="domain" label="Email domain" required=true wide=true
                        value={form.domain.clone()} error={error_for("domain")} inputmode="url"
                        placeholder="company.com"
                        hint="The part after the @ in the company's email addresses. A web or email address works too."
                        addon={verify_button}
                        on_input={text("domain", |f, v| f.domain = v)}>
                        { check_result }
                    </TextField>
                    <TextField id="prospect-sector" field="sector" label="Sector" list="sector-options"
                        value={form.sector.clone()} error={error_for("sector")}
                        hint="Pick one or type your own."
                        on_input={text("sector", |f, v| f.sector = v)} />
                    <TextField id="prospect-mailboxes" field="mailboxes" label="Number of mailboxes"
                        inputmode="numeric" placeholder="0"
                        value={form.mailboxes.clone()} error={error_for("mailboxes")}
                        on_input={text("mailboxes", |f, v| f.mailboxes = v)} />
                    <SelectField id="prospect-status" field="status" label="Status"
                        value={form.status.unwrap_or(ProspectStatus::New).as_str()} options={status_options}
                        error={error_for("status")}
                        on_change={text("status", |f, v| f.status = ProspectStatus::parse(&v))} />
                    { owner_field }
                    <datalist id="sector-options">
                        { for SECTORS.iter().map(|s| html! { <option value={*s} /> }) }
                    </datalist>
                </FormSection>
                <FormSection id="prospect-address-section" title="Address">
                    { for address_fields }
                </FormSection>
                { contact_section("primary_contact", "Primary contact", "The person you are talking to about buying.") }
                { contact_section("implementation_lead", "Implementation lead", "The person who will roll the product out.") }
                <FormSection id="prospect-notes-section" title="Notes">
                    <TextField id="prospect-infrastructure_notes" field="infrastructure_notes"
                        label="Infrastructure notes" multiline=true wide=true
                        placeholder="Current mail platform, gateways, number of sites…"
                        value={form.infrastructure_notes.clone()} error={error_for("infrastructure_notes")}
                        on_input={text("infrastructure_notes", |f, v| f.infrastructure_notes = v)} />
                    <TextField id="prospect-notes" field="notes" label="Notes" multiline=true wide=true
                        value={form.notes.clone()} error={error_for("notes")}
                        on_input={text("notes", |f, v| f.notes = v)} />
                </FormSection>
                <div class="form-actions">
                    <div class="form-actions-start">
                        if !is_new {
                            <button id="delete-prospect" type="button" class="button button-danger-quiet"
                                onclick={delete.ask.clone()} disabled={busy}>
                                { icons::trash() }{ "Delete" }
                            </button>
                        }
                    </div>
                    { attention_note(&editing, &local) }
                    <button id="cancel-prospect" type="button" class="button" onclick={cancel} disabled={busy}>
                        { "Cancel" }
                    </button>
                    <button id="save-prospect" type="submit" class="button button-primary"
                        disabled={busy} aria-busy={busy.to_string()}>
                        if busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                            { "Saving…" }
                        } else if is_new {
                            { icons::check() }{ "Create prospect" }
                        } else {
                            { icons::check() }{ "Save changes" }
                        }
                    </button>
                </div>
            </form>
            { delete.dialog(props.id, &props.initial.company_name) }
        </>
    }
}
