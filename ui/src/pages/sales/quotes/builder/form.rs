//! The builder's form: who the quote is for and which deal it prices, its lines, validity and
//! notes, the live figures, and Save; a refused save keeps everything typed.

use super::{
    figures::{summary, totals_card},
    lines::{line_field, new_line, remove_line, renumbered, Builder, LinesEditor},
    pricing::{base_quote, form_errors, price_form},
    start::{Start, Who},
    who::{deal_options, fill_empty_quantities, kind_choice, no_deal_for_a_customer, Kind},
};
use crate::{
    api,
    components::{
        attention_note, icons, ErrorBanner, FormSection, PageHeader, Picked, PickedCustomer,
        RecordPicker, SelectField, TextField,
    },
    format,
    hooks::{
        form::{field_message, forget, setter, use_focus_invalid, Refusal, Save},
        latest::next,
        use_portal, use_sync_state, Apply, Edit, Editing, FieldErrors,
    },
};
use chrono::NaiveDate;
use portal_core::{
    ids::{CustomerId, DealId, ProspectId, QuoteId},
    menu::Page,
    quote::{Approval, QuoteFor},
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties)]
pub struct QuoteFormViewProps {
    pub id: Option<QuoteId>,
    pub start: Rc<Start>,
    pub on_saved: Callback<QuoteId>,
    pub on_cancel: Callback<()>,
}

impl PartialEq for QuoteFormViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && Rc::ptr_eq(&self.start, &other.start)
            && self.on_saved == other.on_saved
            && self.on_cancel == other.on_cancel
    }
}

/// Whether the form has a field the shell named (a line's only while the line is there).
fn is_form_field(field: &str, lines: usize) -> bool {
    match line_field(field) {
        Some((i, part)) => {
            i < lines && matches!(part, "product_id" | "quantity" | "term_months" | "discount")
        }
        None => matches!(
            field,
            "quote_for" | "deal_id" | "lines" | "valid_until" | "notes"
        ),
    }
}

/// "Valid for 30 days" under the validity date.
fn validity_hint(text: &str, today: NaiveDate) -> AttrValue {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) if d >= today => {
            let days = (d - today).num_days();
            AttrValue::from(match days {
                0 => "Valid until the end of today.".to_owned(),
                1 => "Valid for 1 day.".to_owned(),
                n => format!("Valid for {n} days."),
            })
        }
        _ => AttrValue::Static("The last day the customer may accept these prices."),
    }
}

/// Focuses a line's product choice (after "Add a product").
fn focus_line_product(index: usize) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("quote-line-{index}-product")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn QuoteFormView(props: &QuoteFormViewProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let me = portal.session.profile.user.id;
    let start = &props.start;
    let editing = {
        let form = start.form.clone();
        use_reducer(move || Editing::new(Builder::new(form)))
    };
    let kind = use_state(|| match start.who {
        Some(Who::Customer(_)) => Kind::Customer,
        _ => Kind::Prospect,
    });
    // Each side keeps its pick while the other is shown.
    let prospect = use_state(|| match &start.who {
        Some(Who::Prospect(p)) => Some(p.clone()),
        _ => None,
    });
    let customer = use_state(|| match &start.who {
        Some(Who::Customer(c)) => Some(c.clone()),
        _ => None,
    });
    // The prospect's deal registration, put back when the prospect side is shown again.
    let prospect_deal = use_mut_ref(|| None::<DealId>);
    let deals = use_state(|| start.deals.clone());
    let deals_request = use_mut_ref(|| 0_u32);
    let server_errors = use_state(FieldErrors::new);
    let save_error = use_state(|| None::<ApiError>);
    let saving = use_state(|| false);
    let (form_ref, focus_invalid) = use_focus_invalid();

    let builder = &editing.form;
    let form = &builder.form;
    let today = format::today();
    let book = &start.book;
    let live = price_form(book, form);
    let local = form_errors(
        base_quote(start.existing.as_ref(), me, today),
        book,
        form,
        today,
    );
    let error_for = |field: &str| field_message(&editing, &server_errors, &local, field);
    let set = |field: String, apply: Apply<Builder>| setter(&editing, &server_errors, field, apply);

    {
        // A line just added: its product is the next thing to choose.
        let count = form.lines.len();
        let last = use_mut_ref(move || count);
        use_effect_with(count, move |count| {
            let grew = *count > *last.borrow();
            *last.borrow_mut() = *count;
            if grew {
                focus_line_product(count - 1);
            }
        });
    }

    // ---- Who and which deal ----
    let is_new = props.id.is_none();
    let on_pick = {
        let (prospect, deals) = (prospect.clone(), deals.clone());
        let dispatch = editing.dispatcher();
        let server_errors = server_errors.clone();
        Callback::from(move |choice: Option<Picked>| {
            forget(&server_errors, &["quote_for", "deal_id"]);
            let id = choice.as_ref().map(|p| p.id);
            let mailboxes = choice.as_ref().and_then(|p| p.mailboxes).unwrap_or(0);
            dispatch.dispatch(Edit::Change {
                field: "quote_for".to_owned(),
                apply: Rc::new(move |e: &mut Editing<Builder>| {
                    let f = &mut e.form.form;
                    f.quote_for = id.map(QuoteFor::Prospect);
                    f.deal_id = None;
                    // The prospect's size is the likely quantity of lines not filled in yet.
                    fill_empty_quantities(f, mailboxes);
                }),
            });
            prospect.set(choice);
            deals.set(Rc::new(Vec::new()));
            if let Some(p) = id {
                let request = next(&deals_request);
                let deals_request = deals_request.clone();
                let deals = deals.clone();
                spawn_local(async move {
                    let answer = api::invoke(cmd::GetProspect { id: p }).await;
                    if *deals_request.borrow() == request {
                        if let Ok(d) = answer {
                            deals.set(Rc::new(d.deals));
                        }
                    }
                });
            }
        })
    };
    let on_pick_customer = {
        let customer = customer.clone();
        let dispatch = editing.dispatcher();
        let server_errors = server_errors.clone();
        Callback::from(move |choice: Option<PickedCustomer>| {
            forget(&server_errors, &["quote_for"]);
            let id = choice.as_ref().map(|c| c.id);
            let mailboxes = choice.as_ref().and_then(|c| c.mailboxes).unwrap_or(0);
            dispatch.dispatch(Edit::Change {
                field: "quote_for".to_owned(),
                apply: Rc::new(move |e: &mut Editing<Builder>| {
                    let f = &mut e.form.form;
                    f.quote_for = id.map(QuoteFor::Customer);
                    f.deal_id = None;
                    // The mailboxes the customer has are the likely quantity of empty lines.
                    fill_empty_quantities(f, mailboxes);
                }),
            });
            customer.set(choice);
        })
    };
    let on_kind = {
        let kind = kind.clone();
        let dispatch = editing.dispatcher();
        let server_errors = server_errors.clone();
        let picked_prospect = prospect.as_ref().map(|p| p.id);
        let picked_customer = customer.as_ref().map(|c| c.id);
        let shown_deal = form.deal_id;
        let prospect_deal = prospect_deal.clone();
        Callback::from(move |to: Kind| {
            if *kind == to {
                return;
            }
            forget(&server_errors, &["quote_for", "deal_id"]);
            let (quote_for, deal_id) = match to {
                Kind::Prospect => (
                    picked_prospect.map(QuoteFor::Prospect),
                    *prospect_deal.borrow(),
                ),
                Kind::Customer => {
                    *prospect_deal.borrow_mut() = shown_deal;
                    (picked_customer.map(QuoteFor::Customer), None)
                }
            };
            // Not `quote_for`: switching alone does not call for "Choose…" under an empty picker.
            dispatch.dispatch(Edit::Change {
                field: "quote_kind".to_owned(),
                apply: Rc::new(move |e: &mut Editing<Builder>| {
                    e.form.form.quote_for = quote_for;
                    e.form.form.deal_id = deal_id;
                }),
            });
            kind.set(to);
        })
    };
    // A draft keeps its kind; a new quote chooses it (customers only when the cache has some).
    let kind_choice = is_new.then(|| kind_choice(*kind, start.has_customers, &on_kind));
    let who_field = match *kind {
        Kind::Customer => html! {
            <RecordPicker<CustomerId> id="quote-customer" field="quote_for" wide=false
                picked={(*customer).clone()} on_pick={on_pick_customer}
                error={error_for("quote_for")} />
        },
        Kind::Prospect => html! {
            <RecordPicker<ProspectId> id="quote-prospect" field="quote_for" wide=false
                picked={(*prospect).clone()} {on_pick}
                error={error_for("quote_for")} />
        },
    };
    let deal_field = if *kind == Kind::Customer {
        no_deal_for_a_customer()
    } else {
        html! {
            <SelectField id="quote-deal" field="deal_id" label="Deal registration"
                value={form.deal_id.map(|d| d.to_string()).unwrap_or_default()}
                options={deal_options(prospect.is_some(), &deals)}
                error={error_for("deal_id")}
                hint="The registration this quote prices, if any."
                on_change={set("deal_id".to_owned(), Rc::new(|b: &mut Builder, v: String| b.form.deal_id = v.parse().ok()))} />
        }
    };

    // ---- Lines ----
    let on_add = {
        let dispatch = editing.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Edit::Change {
                field: "lines".to_owned(),
                apply: Rc::new(|e: &mut Editing<Builder>| {
                    // Most quotes cover the same mailboxes and term on every line.
                    let last = e.form.form.lines.last().cloned();
                    let mut line = new_line(
                        last.as_ref()
                            .map(|l| l.quantity.clone())
                            .unwrap_or_default(),
                    );
                    if let Some(l) = last {
                        line.term_months = l.term_months;
                    }
                    e.form.add_line(line);
                }),
            });
        })
    };
    let on_remove = {
        let dispatch = editing.dispatcher();
        let server_errors = server_errors.clone();
        Callback::from(move |index: usize| {
            let rest: FieldErrors = server_errors
                .iter()
                .filter_map(|(f, m)| renumbered(f, index).map(|f| (f, m.clone())))
                .collect();
            server_errors.set(rest);
            dispatch.dispatch(Edit::Change {
                field: "lines".to_owned(),
                apply: Rc::new(move |e: &mut Editing<Builder>| remove_line(e, index)),
            });
        })
    };
    let message = |field: &str| error_for(field);
    let set_line = |field: String, apply: Apply<Builder>| set(field, apply);
    let lines_editor = LinesEditor {
        builder,
        book,
        live: &live,
        message: &message,
        set: &set_line,
        on_add,
        on_remove,
        lines_error: error_for("lines"),
    }
    .view();

    // ---- Save ----
    let lines = form.lines.len();
    let onsubmit = Save {
        saving: saving.clone(),
        refusal: Refusal::new(&server_errors, &save_error, &focus_invalid),
        refresh: sync.refresh.clone(),
        on_saved: props.on_saved.clone(),
    }
    .on_submit(
        &editing,
        local.is_empty(),
        move |field| is_form_field(field, lines).then(|| field.to_owned()),
        {
            let (id, form) = (props.id, form.clone());
            move || {
                let form = form.clone();
                async move {
                    api::invoke(cmd::SaveQuote { id, form })
                        .await
                        .map(|d| d.quote.id)
                }
            }
        },
    );
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let busy = *saving;

    let rejected = start
        .existing
        .as_ref()
        .filter(|q| q.approval == Approval::Rejected)
        .map(|q| {
            let reason = q
                .approval_reason
                .clone()
                .filter(|r| !r.trim().is_empty())
                .map(|r| format!(" The vendor says: {r}"))
                .unwrap_or_default();
            html! {
                <div class="banner banner-error" role="status" id="quote-form-rejected">
                    { icons::alert() }
                    <span class="banner-text">
                        { format!("The vendor did not approve this quote's discount. Lower it, then save.{reason}") }
                    </span>
                </div>
            }
        });
    let lead = match start.existing.as_ref().filter(|q| q.revision > 1) {
        Some(q) => AttrValue::from(format!(
            "Revision {} of this quote: change what the customer asked for; the figures update as you type.",
            q.revision
        )),
        None => AttrValue::Static(
            "Prices come from the vendor's price book with volume, term and your own discounts; the figures update as you type.",
        ),
    };
    html! {
        <>
            <PageHeader page={Page::Quotes} title={AttrValue::from(start.title.clone())}
                back={props.on_cancel.clone()} lead={lead} />
            if let Some(e) = &*save_error {
                <div id="quote-form-error"><ErrorBanner error={e.clone()} /></div>
            }
            { rejected.unwrap_or_default() }
            <form id="quote-form" class="record-form record-form-wide" ref={form_ref} {onsubmit} novalidate=true
                data-mode={if is_new { "new" } else { "edit" }}>
                <FormSection id="quote-for-section" title="Customer">
                    { kind_choice.unwrap_or_default() }
                    { who_field }
                    { deal_field }
                </FormSection>
                <section class="card form-section" id="quote-lines-section" aria-labelledby="quote-lines-title">
                    <header class="form-section-header">
                        <h2 class="card-title" id="quote-lines-title">{ "Products" }</h2>
                        <p class="form-section-description">
                            { "Mailboxes are priced per month over the term. A discount above a product's cap needs the vendor's approval before the quote can be sent." }
                        </p>
                    </header>
                    { lines_editor }
                </section>
                <div class="quote-form-bottom">
                    <FormSection id="quote-terms-section" title="Validity and notes">
                        <TextField id="quote-valid_until" field="valid_until" label="Valid until" required=true
                            input_type="date" min={today.to_string()} value={form.valid_until.clone()}
                            error={error_for("valid_until")} hint={validity_hint(&form.valid_until, today)}
                            wide=true
                            on_input={set("valid_until".to_owned(), Rc::new(|b: &mut Builder, v: String| b.form.valid_until = v))} />
                        <TextField id="quote-notes" field="notes" label="Notes" multiline=true wide=true
                            placeholder="Assumptions, delivery, anything the customer should know…"
                            value={form.notes.clone()} error={error_for("notes")}
                            on_input={set("notes".to_owned(), Rc::new(|b: &mut Builder, v: String| b.form.notes = v))} />
                    </FormSection>
                    { totals_card(&live, !form.lines.is_empty()) }
                </div>
                <div class="form-actions">
                    { summary(&live) }
                    { attention_note(&editing, &local) }
                    <button id="cancel-quote" type="button" class="button" onclick={cancel} disabled={busy}>
                        { "Cancel" }
                    </button>
                    <button id="save-quote" type="submit" class="button button-primary" disabled={busy}
                        aria-busy={busy.to_string()}>
                        if busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Saving…" }
                        } else {
                            { icons::check() }{ if is_new { "Save draft" } else { "Save changes" } }
                        }
                    </button>
                </div>
            </form>
        </>
    }
}
