//! The order form (Start Order opens it prefilled from the accepted quote): company, sector,
//! address, the partner's PO number and PO file. "Save details" keeps the order pending the
//! customer's approval and needs only the company; "Submit order" needs everything the vendor
//! provisions from, saves and sends it. A refusal keeps everything typed.

use super::po_file::PoFile;
use crate::{
    api,
    components::{attention_note, icons, ready, ErrorBanner, FormSection, PageHeader, TextField},
    hooks::{
        field_errors,
        form::{field_message, forget, setter, use_focus_invalid, Refusal},
        use_fetch, use_sync_state, Apply, Edit, Editing, Fetch, FieldErrors,
    },
};
use portal_core::{
    ids::OrderId,
    menu::Page,
    order::{Address, Attachment, OrderForm},
    prospect::SECTORS,
    quoting::OrderDetail,
    shell::commands as cmd,
    sync::Entity,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrderEditorProps {
    pub id: OrderId,
    pub on_saved: Callback<OrderId>,
    pub on_cancel: Callback<()>,
}

/// Loads the order, then the form; and the order again whenever a sync changes orders, so that
/// the title gives the number the server assigned. What the user typed is the form's own state,
/// so a sync does not pull it from under them, nor does a reload that fails once the form is
/// showing: the order last read stays.
#[component]
pub fn OrderEditor(props: &OrderEditorProps) -> Html {
    let sync = use_sync_state();
    let (loaded, retry) = use_fetch(
        (props.id, sync.data_version(&[Entity::Order])),
        |(id, _)| api::invoke(cmd::GetOrder { id }),
    );
    let last = use_mut_ref(|| None::<Rc<OrderDetail>>);
    if let Fetch::Ready(detail) = &loaded {
        *last.borrow_mut() = Some(detail.clone());
    }
    let shown = last.borrow().clone();
    let header = html! {
        <PageHeader page={Page::Orders} title="Order details" back={props.on_cancel.clone()} />
    };
    let detail = match shown {
        Some(detail) => detail,
        None => match ready(loaded, header, retry) {
            Err(page) => return page,
            Ok(detail) => detail,
        },
    };
    html! {
        <OrderFormView {detail} on_saved={props.on_saved.clone()} on_cancel={props.on_cancel.clone()} />
    }
}

#[derive(Properties)]
struct OrderFormViewProps {
    detail: Rc<OrderDetail>,
    on_saved: Callback<OrderId>,
    on_cancel: Callback<()>,
}

impl PartialEq for OrderFormViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.detail, &other.detail)
            && self.on_saved == other.on_saved
            && self.on_cancel == other.on_cancel
    }
}

const ADDRESS_PARTS: [(&str, &str, &str, bool, bool); 6] = [
    // (part, label, autocomplete, wide, needed to submit)
    ("line1", "Street address", "address-line1", true, true),
    ("line2", "Address line 2", "address-line2", true, false),
    ("city", "City", "address-level2", false, true),
    ("region", "State or region", "address-level1", false, false),
    ("postal_code", "Postal code", "postal-code", false, true),
    ("country", "Country", "country-name", false, true),
];

fn address_part<'a>(a: &'a Address, part: &str) -> &'a String {
    match part {
        "line1" => &a.line1,
        "line2" => &a.line2,
        "city" => &a.city,
        "region" => &a.region,
        "postal_code" => &a.postal_code,
        _ => &a.country,
    }
}

fn address_part_mut<'a>(a: &'a mut Address, part: &str) -> &'a mut String {
    match part {
        "line1" => &mut a.line1,
        "line2" => &mut a.line2,
        "city" => &mut a.city,
        "region" => &mut a.region,
        "postal_code" => &mut a.postal_code,
        _ => &mut a.country,
    }
}

/// The form's field for a field the shell named (its first line for the whole address).
fn form_field(field: &str) -> Option<String> {
    match field {
        "address" => Some("address.line1".to_owned()),
        "company_name" | "sector" | "po_number" | "po_attachment" => Some(field.to_owned()),
        _ => match field.split_once('.') {
            Some(("address", part)) if ADDRESS_PARTS.iter().any(|(p, ..)| *p == part) => {
                Some(field.to_owned())
            }
            _ => None,
        },
    }
}

/// Which button is at work.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Saving {
    Details,
    Submit,
}

#[component]
fn OrderFormView(props: &OrderFormViewProps) -> Html {
    let sync = use_sync_state();
    let d = &props.detail;
    let editing = {
        let form = OrderForm::from_order(&d.order);
        use_reducer(move || Editing::new(form))
    };
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    let saving = use_state(|| None::<Saving>);
    // The user tried to submit: every rule of a submission shows, not only a draft's.
    let tried_submit = use_state(|| false);
    let (form_ref, focus_invalid) = use_focus_invalid();

    let form = &editing.form;
    let order = form.apply(d.order.clone());
    let draft_errors = order.check_draft().err().unwrap_or_default();
    let submit_errors = order.check_submit().err().unwrap_or_default();
    let local = field_errors(if *tried_submit {
        &submit_errors
    } else {
        &draft_errors
    });
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set =
        |field: String, apply: Apply<OrderForm>| setter(&editing, &server_errors, field, apply);
    let text = |field: &'static str, apply: fn(&mut OrderForm, String)| -> Callback<String> {
        set(field.to_owned(), Rc::new(apply))
    };

    let save = {
        let dispatch = editing.dispatcher();
        let form = form.clone();
        let (draft_ok, submit_ok) = (draft_errors.is_empty(), submit_errors.is_empty());
        let saving = saving.clone();
        let tried_submit = tried_submit.clone();
        let refusal = Refusal::new(&server_errors, &save_error, &focus_invalid);
        let id = d.order.id;
        let on_saved = props.on_saved.clone();
        let refresh = sync.refresh.clone();
        Callback::from(move |what: Saving| {
            if saving.is_some() {
                return;
            }
            dispatch.dispatch(Edit::Submitted);
            if what == Saving::Submit {
                tried_submit.set(true);
            }
            let valid = match what {
                Saving::Details => draft_ok,
                Saving::Submit => submit_ok,
            };
            if !valid {
                refusal.focus_invalid.emit(());
                return;
            }
            saving.set(Some(what));
            refusal.save_error.set(None);
            let form = form.clone();
            let (saving, refusal) = (saving.clone(), refusal.clone());
            let on_saved = on_saved.clone();
            let refresh = refresh.clone();
            spawn_local(async move {
                let mut answer = api::invoke(cmd::SaveOrder { id, form }).await;
                if what == Saving::Submit && answer.is_ok() {
                    answer = api::invoke(cmd::SubmitOrder { id }).await;
                }
                saving.set(None);
                match answer {
                    Ok(detail) => {
                        refresh.emit(());
                        on_saved.emit(detail.order.id);
                    }
                    Err(e) => refusal.show(e, form_field),
                }
            });
        })
    };
    let onsubmit = save.reform(|e: SubmitEvent| {
        e.prevent_default();
        Saving::Details
    });
    let submit = save.reform(|_: MouseEvent| Saving::Submit);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let on_attachment = {
        let dispatch = editing.dispatcher();
        let server_errors = server_errors.clone();
        Callback::from(move |a: Option<Attachment>| {
            forget(&server_errors, &["po_attachment"]);
            dispatch.dispatch(Edit::Change {
                field: "po_attachment".to_owned(),
                apply: Rc::new(move |e: &mut Editing<OrderForm>| e.form.po_attachment = a.clone()),
            });
        })
    };

    let address_fields = ADDRESS_PARTS.iter().map(|&(part, label, autocomplete, wide, needed)| {
        let field = format!("address.{part}");
        let apply: Apply<OrderForm> =
            Rc::new(move |f: &mut OrderForm, v: String| *address_part_mut(&mut f.address, part) = v);
        html! {
            <TextField id={format!("order-address-{part}")} field={field.clone()} label={label}
                value={address_part(&form.address, part).clone()} error={error_for(&field)} {wide}
                required={needed} autocomplete={autocomplete}
                on_input={set(field, apply)} />
        }
    });
    let busy = saving.is_some();
    let editable = d.order.status.is_with_partner();
    let lead = format!(
        "{} from quote {}. Fields marked * are needed to submit it to the vendor.",
        d.order.total, d.quote.reference
    );

    html! {
        <>
            <PageHeader page={Page::Orders} title={AttrValue::from(format!("{} details", d.order.reference()))}
                back={props.on_cancel.clone()} lead={AttrValue::from(lead)} />
            if let Some(e) = &*save_error {
                <div id="order-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            if !editable {
                <div class="banner banner-info" role="status" id="order-form-locked">
                    { icons::info() }
                    <span class="banner-text">{ "This order has been submitted to the vendor; its details can no longer be changed." }</span>
                </div>
            }
            <form id="order-form" class="record-form" ref={form_ref} {onsubmit} novalidate=true
                data-order-id={d.order.id.to_string()}>
                <FormSection id="order-company-section" title="Company"
                    description="The customer as the vendor will provision it.">
                    <TextField id="order-company_name" field="company_name" label="Company name" required=true
                        wide=true autocomplete="organization" value={form.company_name.clone()}
                        error={error_for("company_name")}
                        on_input={text("company_name", |f, v| f.company_name = v)} />
                    <TextField id="order-sector" field="sector" label="Sector" list="order-sector-options"
                        required=true value={form.sector.clone()} error={error_for("sector")}
                        hint="Pick one or type your own."
                        on_input={text("sector", |f, v| f.sector = v)} />
                    <datalist id="order-sector-options">
                        { for SECTORS.iter().map(|s| html! { <option value={*s} /> }) }
                    </datalist>
                </FormSection>
                <FormSection id="order-address-section" title="Address">
                    { for address_fields }
                </FormSection>
                <FormSection id="order-po-section" title="Purchase order"
                    description="Your purchase order to the vendor for this customer.">
                    <TextField id="order-po_number" field="po_number" label="PO number" required=true
                        value={form.po_number.clone()} error={error_for("po_number")}
                        placeholder="PO-2026-0142"
                        on_input={text("po_number", |f, v| f.po_number = v)} />
                    <PoFile attachment={form.po_attachment.clone()} on_change={on_attachment}
                        error={error_for("po_attachment")} disabled={busy || !editable} />
                </FormSection>
                <div class="form-actions">
                    <div class="form-actions-start"></div>
                    { attention_note(&editing, &local) }
                    <button id="cancel-order" type="button" class="button" onclick={cancel} disabled={busy}>
                        { "Cancel" }
                    </button>
                    <button id="save-order" type="submit" class="button" disabled={busy || !editable}
                        aria-busy={(*saving == Some(Saving::Details)).to_string()}>
                        if *saving == Some(Saving::Details) {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Saving…" }
                        } else {
                            { icons::check() }{ "Save details" }
                        }
                    </button>
                    <button id="submit-order" type="button" class="button button-primary" disabled={busy || !editable}
                        aria-busy={(*saving == Some(Saving::Submit)).to_string()} onclick={submit}>
                        if *saving == Some(Saving::Submit) {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Submitting…" }
                        } else {
                            { icons::send() }{ "Submit order" }
                        }
                    </button>
                </div>
            </form>
        </>
    }
}
