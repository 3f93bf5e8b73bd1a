//! A combobox that searches the firm's customers as the user types and offers them in a list, for
//! the quote builder (an upsell or a renewal is quoted to an existing customer).

use super::next;
use crate::{api, components::icons, format};
use portal_core::{ids::CustomerId, quoting::CustomerOption};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A chosen customer as the picker shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PickedCustomer {
    pub id: CustomerId,
    pub name: String,
    pub domain: String,
    /// The mailboxes the customer's subscriptions cover, when known.
    pub mailboxes: Option<u32>,
}

impl From<CustomerOption> for PickedCustomer {
    fn from(c: CustomerOption) -> Self {
        Self {
            id: c.id,
            name: c.company_name,
            domain: c.domain,
            mailboxes: c.mailboxes,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CustomerPickerProps {
    /// The input's id; the list is `{id}-options`, its options `{id}-option-{i}`.
    pub id: AttrValue,
    /// The form's field, for `data-field`.
    pub field: AttrValue,
    #[prop_or(AttrValue::Static("Customer"))]
    pub label: AttrValue,
    pub picked: Option<PickedCustomer>,
    pub on_pick: Callback<Option<PickedCustomer>>,
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

/// A combobox (`#{id}`) that searches the customers as the user types and offers them in a list
/// (`#{id}-options li[data-customer-id]`).
#[component]
pub fn CustomerPicker(props: &CustomerPickerProps) -> Html {
    let text = use_state(|| {
        props
            .picked
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let open = use_state(|| false);
    let options = use_state(|| Rc::new(Vec::<CustomerOption>::new()));
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
                let answer = api::customer_options(&search).await;
                if *latest.borrow() != request {
                    return;
                }
                searching.set(false);
                let rows = answer.unwrap_or_default();
                active.set((!rows.is_empty()).then_some(0));
                options.set(Rc::new(rows));
            });
        })
    };
    let pick = {
        let (text, open) = (text.clone(), open.clone());
        let on_pick = props.on_pick.clone();
        Callback::from(move |row: CustomerOption| {
            let choice = PickedCustomer::from(row);
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
                // The text no longer names the chosen customer.
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
                aria-selected={is_active.to_string()} data-customer-id={row.id.to_string()}
                {onclick} {onmousedown}>
                <span class="picker-option-name">{ row.company_name.clone() }</span>
                <span class="picker-option-domain">{ row.domain.clone() }</span>
            </li>
        }
    });
    let invalid = props.error.as_ref().map(|_| "true");
    html! {
        <div class={classes!("field", props.wide.then_some("field-wide"), "picker")} data-field={props.field.clone()}>
            <label for={id.to_owned()}>{ props.label.clone() }<span class="required" aria-hidden="true">{ " *" }</span></label>
            <div class="picker-control">
                { icons::search() }
                <input id={id.to_owned()} type="text" role="combobox" autocomplete="off" spellcheck="false"
                    placeholder="Search your customers by company or domain"
                    aria-autocomplete="list" aria-expanded={expanded.to_string()} aria-controls={format!("{id}-options")}
                    aria-activedescendant={active_id} aria-invalid={invalid}
                    aria-describedby={props.error.as_ref().map(|_| format!("{id}-error"))}
                    data-customer-id={props.picked.as_ref().map(|p| p.id.to_string())}
                    value={(*text).clone()} {oninput} {onfocus} {onblur} {onkeydown} />
                if *searching && *open {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                }
                if expanded {
                    <ul id={format!("{id}-options")} class="picker-list" role="listbox" aria-label="Customers">
                        if options.is_empty() {
                            <li class="picker-empty" role="presentation">{ "No customer matches." }</li>
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
