//! The deal registration form: the prospect (searched as you type), the products of interest from
//! the cached price book, the estimated value and currency, the expected close and notes, checked
//! as the user types with [`DealForm::parse`]. Saving makes a draft; "Save and submit" also sends
//! it to the vendor.

use crate::{
    api,
    components::{
        attention_note, icons, ready, ErrorBanner, FormSection, PageHeader, Picked, RecordPicker,
        TextField,
    },
    format,
    hooks::{
        field_errors,
        form::{field_message, setter, use_focus_invalid, Refusal},
        use_fetch, use_portal, use_sync_state, Apply, Edit, Editing, FieldErrors,
    },
};
use portal_core::{
    deal::DealAction,
    ids::{DealId, ProspectId},
    menu::Page,
    money::{Currency, Money},
    registration::{parse_amount, DealForm},
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the form starts from.
struct Start {
    form: DealForm,
    picked: Option<Picked>,
    products: Vec<String>,
    title: String,
}

#[derive(Properties, PartialEq)]
pub struct DealEditorProps {
    /// `None` for a new registration.
    pub id: Option<DealId>,
    /// For a new registration: the prospect it is for, when chosen already.
    pub prospect: Option<ProspectId>,
    pub on_saved: Callback<DealId>,
    pub on_cancel: Callback<()>,
}

async fn start(id: Option<DealId>, prospect: Option<ProspectId>) -> Result<Start, ApiError> {
    let products = api::invoke(cmd::ProductNames {}).await?;
    match id {
        Some(id) => {
            let d = api::invoke(cmd::GetDeal { id }).await?;
            let mut form = DealForm::from_deal(&d.deal);
            // Grouped as a person types it ("12,600.00", as the placeholder shows), not as stored.
            let minor = d.deal.estimated_value.minor;
            form.estimated_value = format!(
                "{}.{:02}",
                format::count(u64::try_from(minor / 100).unwrap_or(0)),
                minor.rem_euclid(100)
            );
            Ok(Start {
                form,
                picked: Some(Picked {
                    id: d.deal.prospect_id,
                    name: d.prospect_name.clone(),
                    domain: d.domain.clone(),
                    mailboxes: None,
                }),
                products,
                title: format!(
                    "Edit {}",
                    d.deal.number.as_deref().unwrap_or("draft registration")
                ),
            })
        }
        None => {
            let picked = match prospect {
                Some(p) => {
                    let detail = api::invoke(cmd::GetProspect { id: p }).await?;
                    Some(Picked {
                        id: p,
                        name: detail.prospect.company_name.clone(),
                        domain: detail.prospect.domain.to_string(),
                        mailboxes: (detail.prospect.mailboxes > 0)
                            .then_some(detail.prospect.mailboxes),
                    })
                }
                None => None,
            };
            Ok(Start {
                form: DealForm {
                    prospect_id: prospect,
                    currency: Some(Currency::USD),
                    ..DealForm::default()
                },
                picked,
                products,
                title: "Register a deal".to_owned(),
            })
        }
    }
}

#[component]
pub fn DealEditor(props: &DealEditorProps) -> Html {
    let (loaded, retry) = use_fetch((props.id, props.prospect), |(id, prospect)| {
        start(id, prospect)
    });
    let back = props.on_cancel.clone();
    let title = if props.id.is_some() {
        "Edit deal registration"
    } else {
        "Register a deal"
    };
    let header = html! { <PageHeader page={Page::Deals} {title} {back} /> };
    match ready(loaded, header, retry) {
        Err(page) => page,
        Ok(start) => html! {
            <DealFormView id={props.id} start={start} on_saved={props.on_saved.clone()}
                on_cancel={props.on_cancel.clone()} />
        },
    }
}

#[derive(Properties)]
struct DealFormViewProps {
    id: Option<DealId>,
    start: Rc<Start>,
    on_saved: Callback<DealId>,
    on_cancel: Callback<()>,
}

impl PartialEq for DealFormViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && Rc::ptr_eq(&self.start, &other.start)
            && self.on_saved == other.on_saved
            && self.on_cancel == other.on_cancel
    }
}

/// The form's field for a field the shell named, if the form has it.
fn form_field(field: &str) -> Option<String> {
    matches!(
        field,
        "prospect_id" | "products" | "estimated_value" | "expected_close" | "notes"
    )
    .then(|| field.to_owned())
}

#[component]
fn DealFormView(props: &DealFormViewProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let me = portal.session.profile.user.id;
    let editing = {
        let form = props.start.form.clone();
        use_reducer(move || Editing::new(form))
    };
    let picked = use_state(|| props.start.picked.clone());
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    // Which button is saving: the plain save or save-and-submit.
    let saving = use_state(|| None::<bool>);
    // A new draft saved whose submission then failed: saving again updates it, not a second one.
    let saved_id = use_state(|| None::<DealId>);
    let (form_ref, focus_invalid) = use_focus_invalid();

    let form = &editing.form;
    let today = format::today();
    // A registration not born yet is checked under a nil id.
    let unborn = DealId::from_uuid(Default::default());
    let local = match form.parse(props.id.unwrap_or(unborn), me, today) {
        Ok(_) => FieldErrors::new(),
        Err(errors) => field_errors(&errors),
    };
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set = |field: &'static str, apply: Apply<DealForm>| {
        setter(&editing, &server_errors, field, apply)
    };

    // ---- Prospect ----
    let on_pick = {
        let picked = picked.clone();
        let set_prospect = set(
            "prospect_id",
            Rc::new(|f: &mut DealForm, v: String| f.prospect_id = v.parse().ok()),
        );
        Callback::from(move |choice: Option<Picked>| {
            set_prospect.emit(
                choice
                    .as_ref()
                    .map(|p| p.id.to_string())
                    .unwrap_or_default(),
            );
            picked.set(choice);
        })
    };

    // ---- Products ----
    let mut offered = props.start.products.clone();
    for p in &form.products {
        if !offered.contains(p) {
            offered.push(p.clone());
        }
    }
    let product_options = offered.iter().enumerate().map(|(i, name)| {
        let checked = form.products.contains(name);
        let toggle = set(
            "products",
            Rc::new(|f: &mut DealForm, v: String| {
                if let Some(at) = f.products.iter().position(|p| *p == v) {
                    f.products.remove(at);
                } else {
                    f.products.push(v);
                }
            }),
        );
        let name_owned = name.clone();
        let onchange = toggle.reform(move |_: Event| name_owned.clone());
        let id = format!("deal-product-{i}");
        html! {
            <label class={classes!("product-option", checked.then_some("selected"))} for={id.clone()}>
                <input type="checkbox" {id} name="products" value={name.clone()} {checked} {onchange} />
                <span>{ name.clone() }</span>
            </label>
        }
    });
    let products_error = error_for("products");

    // ---- Value ----
    let currency = form.currency.unwrap_or(Currency::USD);
    let on_currency = set(
        "currency",
        Rc::new(|f: &mut DealForm, v: String| f.currency = Currency::parse(&v)),
    )
    .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let currency_select = html! {
        <select id="deal-currency" name="currency" class="currency-select" aria-label="Currency"
            onchange={on_currency}>
            { for [Currency::USD, Currency::EUR, Currency::GBP].into_iter().map(|c| html! {
                <option value={c.code()} selected={c == currency}>{ c.code() }</option>
            }) }
        </select>
    };
    let value_hint = parse_amount(&form.estimated_value)
        .filter(|minor| *minor > 0)
        .map(|minor| format!("{} {}", Money::new(minor, currency), currency.code()))
        .unwrap_or_else(|| "Your best estimate of the deal's total value.".to_owned());

    // ---- Save ----
    let save = {
        let dispatch = editing.dispatcher();
        let form = form.clone();
        let valid = local.is_empty();
        let saving = saving.clone();
        let refusal = Refusal::new(&server_errors, &save_error, &focus_invalid);
        let id = props.id.or(*saved_id);
        let saved_id = saved_id.clone();
        let on_saved = props.on_saved.clone();
        let refresh = sync.refresh.clone();
        Callback::from(move |submit: bool| {
            if saving.is_some() {
                return;
            }
            dispatch.dispatch(Edit::Submitted);
            if !valid {
                refusal.focus_invalid.emit(());
                return;
            }
            saving.set(Some(submit));
            refusal.save_error.set(None);
            let form = form.clone();
            let (saving, refusal) = (saving.clone(), refusal.clone());
            let on_saved = on_saved.clone();
            let refresh = refresh.clone();
            let saved_id = saved_id.clone();
            spawn_local(async move {
                let mut answer = api::invoke(cmd::SaveDeal { id, form }).await;
                if submit {
                    if let Ok(saved) = &answer {
                        saved_id.set(Some(saved.deal.id));
                        let action = DealAction::Submit;
                        answer = api::invoke(cmd::ActOnDeal {
                            id: saved.deal.id,
                            action,
                        })
                        .await;
                    }
                }
                saving.set(None);
                match answer {
                    Ok(detail) => {
                        refresh.emit(());
                        on_saved.emit(detail.deal.id);
                    }
                    Err(e) => refusal.show(e, form_field),
                }
            });
        })
    };
    let onsubmit = save.reform(|e: SubmitEvent| {
        e.prevent_default();
        false
    });
    let save_and_submit = save.reform(|_: MouseEvent| true);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let busy = saving.is_some();
    let is_new = props.id.is_none();

    html! {
        <>
            <PageHeader page={Page::Deals} title={AttrValue::from(props.start.title.clone())}
                back={props.on_cancel.clone()}
                lead="A registration asks the vendor to protect your deal on a prospect. It stays a draft until you submit it." />
            if let Some(e) = &*save_error {
                <div id="deal-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            <form id="deal-form" class="record-form" ref={form_ref} {onsubmit} novalidate=true
                data-mode={if is_new { "new" } else { "edit" }}>
                <FormSection id="deal-main-section" title="Deal">
                    <RecordPicker<ProspectId> id="deal-prospect" field="prospect_id" picked={(*picked).clone()} {on_pick}
                        error={error_for("prospect_id")} />
                    <TextField id="deal-estimated_value" field="estimated_value" label="Estimated value" required=true
                        inputmode="decimal" placeholder="12,500" value={form.estimated_value.clone()}
                        error={error_for("estimated_value")} hint={AttrValue::from(value_hint)}
                        addon={currency_select}
                        on_input={set("estimated_value", Rc::new(|f: &mut DealForm, v| f.estimated_value = v))} />
                    <TextField id="deal-expected_close" field="expected_close" label="Expected close" required=true
                        input_type="date" min={today.to_string()} value={form.expected_close.clone()}
                        error={error_for("expected_close")}
                        on_input={set("expected_close", Rc::new(|f: &mut DealForm, v| f.expected_close = v))} />
                    <fieldset class="field field-wide product-options" id="deal-products" data-field="products"
                        aria-describedby={products_error.as_ref().map(|_| "deal-products-error")}>
                        <legend>{ "Products of interest" }<span class="required" aria-hidden="true">{ " *" }</span></legend>
                        if offered.is_empty() {
                            <p class="muted small" id="deal-products-none">
                                { "The price book has not been synced to this computer yet. Sync now, then come back to choose products." }
                            </p>
                        } else {
                            <div class="product-grid">{ for product_options }</div>
                        }
                        if let Some(message) = products_error {
                            <p class="field-error" id="deal-products-error" data-field="products">{ message }</p>
                        }
                    </fieldset>
                    <TextField id="deal-notes" field="notes" label="Notes" multiline=true wide=true
                        placeholder="Competition, timing, who decides…"
                        value={form.notes.clone()} error={error_for("notes")}
                        on_input={set("notes", Rc::new(|f: &mut DealForm, v| f.notes = v))} />
                </FormSection>
                <div class="form-actions">
                    <div class="form-actions-start"></div>
                    { attention_note(&editing, &local) }
                    <button id="cancel-deal" type="button" class="button" onclick={cancel} disabled={busy}>
                        { "Cancel" }
                    </button>
                    <button id="save-deal" type="submit" class="button" disabled={busy}
                        aria-busy={(*saving == Some(false)).to_string()}>
                        if *saving == Some(false) {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Saving…" }
                        } else {
                            { icons::check() }{ if is_new { "Save draft" } else { "Save changes" } }
                        }
                    </button>
                    <button id="save-submit-deal" type="button" class="button button-primary" disabled={busy}
                        aria-busy={(*saving == Some(true)).to_string()} onclick={save_and_submit}>
                        if *saving == Some(true) {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Submitting…" }
                        } else {
                            { icons::send() }{ "Save and submit" }
                        }
                    </button>
                </div>
            </form>
        </>
    }
}
