//! The combobox a form names a record with: it searches as the user types and offers the matches
//! in a list — the user's prospects (a deal registration, a quote) or the firm's customers (a
//! quote: an upsell or a renewal goes to an existing customer). One component for both; what
//! differs is the [`Pickable`] id's.

use super::icons;
use crate::{api, format, hooks::latest::next};
use portal_core::{
    ids::{CustomerId, ProspectId},
    sales::{ProspectQuery, ProspectSort},
    shell::commands as cmd,
};
use std::{fmt::Display, future::Future, pin::Pin, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A record the picker offers, or the one chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice<Id> {
    pub id: Id,
    pub name: String,
    pub domain: String,
    /// The mailboxes the record covers or declares, when known.
    pub mailboxes: Option<u32>,
}

/// A chosen prospect.
pub type Picked = Choice<ProspectId>;
/// A chosen customer.
pub type PickedCustomer = Choice<CustomerId>;

/// The matches of a search, in the order offered.
type Found<Id> = Pin<Box<dyn Future<Output = Vec<Choice<Id>>>>>;

/// The kind of record a picker names: how it searches them and what it calls them.
pub trait Pickable: Copy + PartialEq + Display + 'static {
    /// The label's default.
    const LABEL: &'static str;
    const PLACEHOLDER: &'static str;
    /// The list's accessible name.
    const PLURAL: &'static str;
    /// What the open list says when nothing matches.
    const NO_MATCH: &'static str;
    /// Whether the records are prospects (`data-prospect-id`) or customers (`data-customer-id`).
    const PROSPECT: bool;
    fn search(text: String) -> Found<Self>;
}

/// How many prospects the picker offers at a time.
const PICKER_SIZE: u32 = 8;

impl Pickable for ProspectId {
    const LABEL: &'static str = "Prospect";
    const PLACEHOLDER: &'static str = "Search your prospects by company or domain";
    const PLURAL: &'static str = "Prospects";
    const NO_MATCH: &'static str = "No prospect matches. Add it on the Prospects page first.";
    const PROSPECT: bool = true;

    fn search(search: String) -> Found<Self> {
        Box::pin(async move {
            let query = ProspectQuery {
                search,
                sort: ProspectSort::CompanyName,
                limit: PICKER_SIZE,
                ..ProspectQuery::default()
            };
            let rows = api::invoke(cmd::ListProspects { query })
                .await
                .map(|l| l.rows);
            rows.unwrap_or_default()
                .into_iter()
                .map(|p| Choice {
                    id: p.id,
                    name: p.company_name,
                    domain: p.domain,
                    mailboxes: (p.mailboxes > 0).then_some(p.mailboxes),
                })
                .collect()
        })
    }
}

impl Pickable for CustomerId {
    const LABEL: &'static str = "Customer";
    const PLACEHOLDER: &'static str = "Search your customers by company or domain";
    const PLURAL: &'static str = "Customers";
    const NO_MATCH: &'static str = "No customer matches.";
    const PROSPECT: bool = false;

    fn search(search: String) -> Found<Self> {
        Box::pin(async move {
            let rows = api::invoke(cmd::CustomerOptions { search }).await;
            rows.unwrap_or_default()
                .into_iter()
                .map(|c| Choice {
                    id: c.id,
                    name: c.company_name,
                    domain: c.domain,
                    mailboxes: c.mailboxes,
                })
                .collect()
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct PickerProps<Id: Pickable> {
    /// The input's id; the list is `{id}-options`, its options `{id}-option-{i}`.
    pub id: AttrValue,
    /// The form's field, for `data-field`.
    pub field: AttrValue,
    /// The kind's own ([`Pickable::LABEL`]) when not given.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    pub picked: Option<Choice<Id>>,
    pub on_pick: Callback<Option<Choice<Id>>>,
    pub error: Option<AttrValue>,
    /// Spans both columns of the form grid.
    #[prop_or(true)]
    pub wide: bool,
}

/// "Contoso · contoso.example · 250 mailboxes", with what is known.
fn described(name: &str, domain: &str, mailboxes: Option<u32>) -> String {
    let mailboxes = mailboxes.map(|n| format::plural(n.into(), "mailbox", "mailboxes"));
    [Some(name.to_owned()), Some(domain.to_owned()), mailboxes]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A combobox (`#{id}`) that searches the records as the user types and offers them in a list
/// (`#{id}-options li[data-prospect-id]` or `li[data-customer-id]`).
#[component]
pub fn RecordPicker<Id: Pickable>(props: &PickerProps<Id>) -> Html {
    let text = use_state(|| {
        props
            .picked
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let open = use_state(|| false);
    let options = use_state(|| Rc::new(Vec::<Choice<Id>>::new()));
    let active = use_state(|| None::<usize>);
    let searching = use_state(|| false);
    let latest = use_mut_ref(|| 0_u32);

    let search = {
        let (options, active, searching) = (options.clone(), active.clone(), searching.clone());
        Callback::from(move |search: String| {
            let request = next(&latest);
            let latest = latest.clone();
            let (options, active, searching) = (options.clone(), active.clone(), searching.clone());
            searching.set(true);
            spawn_local(async move {
                let rows = Id::search(search).await;
                if *latest.borrow() != request {
                    return;
                }
                searching.set(false);
                active.set((!rows.is_empty()).then_some(0));
                options.set(Rc::new(rows));
            });
        })
    };
    let pick = {
        let (text, open) = (text.clone(), open.clone());
        let on_pick = props.on_pick.clone();
        Callback::from(move |choice: Choice<Id>| {
            text.set(choice.name.clone());
            open.set(false);
            on_pick.emit(Some(choice));
        })
    };
    let oninput = {
        let (text, open) = (text.clone(), open.clone());
        let search = search.clone();
        let on_pick = props.on_pick.clone();
        let had_pick = props.picked.is_some();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(value.clone());
            open.set(true);
            if had_pick {
                // The text no longer names the chosen record.
                on_pick.emit(None);
            }
            search.emit(value);
        })
    };
    let onfocus = {
        let open = open.clone();
        let search = search.clone();
        let text = text.clone();
        let picked = props.picked.is_some();
        Callback::from(move |_: FocusEvent| {
            open.set(true);
            search.emit(if picked {
                String::new()
            } else {
                (*text).clone()
            });
        })
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    let onkeydown = {
        let (open, active, options) = (open.clone(), active.clone(), options.clone());
        let pick = pick.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = options.len();
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    open.set(true);
                    if n > 0 {
                        active.set(Some(active.map_or(0, |i| (i + 1) % n)));
                    }
                }
                "ArrowUp" => {
                    e.prevent_default();
                    if n > 0 {
                        active.set(Some(active.map_or(n - 1, |i| (i + n - 1) % n)));
                    }
                }
                "Enter" if *open => {
                    // Choosing, not saving the form.
                    e.prevent_default();
                    if let Some(row) = active.and_then(|i| options.get(i)) {
                        pick.emit(row.clone());
                    }
                }
                "Escape" if *open => {
                    e.prevent_default();
                    e.stop_propagation();
                    open.set(false);
                }
                _ => {}
            }
        })
    };

    let id = props.id.as_str();
    let expanded = *open && (!options.is_empty() || !*searching);
    let active_id = active
        .filter(|_| expanded)
        .map(|i| AttrValue::from(format!("{id}-option-{i}")));
    let list = options.iter().enumerate().map(|(i, row)| {
        let row_owned = row.clone();
        let onclick = pick.reform(move |_: MouseEvent| row_owned.clone());
        // Keeps the focus in the input, so choosing does not first close the list.
        let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
        let is_active = *active == Some(i);
        html! {
            <li id={format!("{id}-option-{i}")} role="option" class={classes!("picker-option", is_active.then_some("active"))}
                aria-selected={is_active.to_string()}
                data-prospect-id={Id::PROSPECT.then(|| row.id.to_string())}
                data-customer-id={(!Id::PROSPECT).then(|| row.id.to_string())}
                {onclick} {onmousedown}>
                <span class="picker-option-name">{ row.name.clone() }</span>
                <span class="picker-option-domain">{ row.domain.clone() }</span>
            </li>
        }
    });
    let invalid = props.error.as_ref().map(|_| "true");
    html! {
        <div class={classes!("field", props.wide.then_some("field-wide"), "picker")} data-field={props.field.clone()}>
            <label for={id.to_owned()}>{ props.label.clone().unwrap_or(AttrValue::Static(Id::LABEL)) }<span class="required" aria-hidden="true">{ " *" }</span></label>
            <div class="picker-control">
                { icons::search() }
                <input id={id.to_owned()} type="text" role="combobox" autocomplete="off" spellcheck="false"
                    placeholder={Id::PLACEHOLDER}
                    aria-autocomplete="list" aria-expanded={expanded.to_string()} aria-controls={format!("{id}-options")}
                    aria-activedescendant={active_id} aria-invalid={invalid}
                    aria-describedby={props.error.as_ref().map(|_| format!("{id}-error"))}
                    data-prospect-id={props.picked.as_ref().filter(|_| Id::PROSPECT).map(|p| p.id.to_string())}
                    data-customer-id={props.picked.as_ref().filter(|_| !Id::PROSPECT).map(|p| p.id.to_string())}
                    value={(*text).clone()} {oninput} {onfocus} {onblur} {onkeydown} />
                if *searching && *open {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                }
                if expanded {
                    <ul id={format!("{id}-options")} class="picker-list" role="listbox" aria-label={Id::PLURAL}>
                        if options.is_empty() {
                            <li class="picker-empty" role="presentation">{ Id::NO_MATCH }</li>
                        }
                        { for list }
                    </ul>
                }
            </div>
            if let Some(p) = &props.picked {
                <p class="field-hint" id={format!("{id}-picked")}>
                    { icons::check() }{ described(&p.name, &p.domain, p.mailboxes) }
                </p>
            }
            if let Some(message) = &props.error {
                <p class="field-error" id={format!("{id}-error")} data-field={props.field.clone()}>{ message.clone() }</p>
            }
        </div>
    }
}
