//! Who a quote is for, as the builder asks it: new business or an existing customer, the deal
//! registrations a prospect's quote may price, and the quantity a pick suggests.

use portal_core::{quote::QuoteForm, sales::DealRow};
use yew::prelude::*;

/// New business (a prospect) or an existing customer (an upsell or a renewal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Prospect,
    Customer,
}

/// The size of who was picked is the likely quantity of the lines not filled in yet.
pub fn fill_empty_quantities(form: &mut QuoteForm, mailboxes: u32) {
    if mailboxes > 0 {
        for l in form
            .lines
            .iter_mut()
            .filter(|l| l.quantity.trim().is_empty())
        {
            l.quantity = mailboxes.to_string();
        }
    }
}

/// The choice between new business and an existing customer (`#quote-kind`); customers only
/// when the cache has some.
pub fn kind_choice(kind: Kind, has_customers: bool, on_kind: &Callback<Kind>) -> Html {
    let segment = |k: Kind, label: &'static str, id: &'static str, enabled: bool| {
        let selected = kind == k;
        let onclick = on_kind.reform(move |_: MouseEvent| k);
        html! {
            <button type="button" {id} class={classes!("segment", selected.then_some("selected"))}
                aria-pressed={selected.to_string()} disabled={!enabled}
                aria-describedby={(!enabled).then_some("quote-kind-hint")} {onclick}>
                { label }
            </button>
        }
    };
    html! {
        <div class="field field-wide quote-kind" data-field="quote_kind">
            <span class="field-label" id="quote-kind-label">{ "Quote for" }</span>
            <div class="segmented" id="quote-kind" role="group" aria-labelledby="quote-kind-label">
                { segment(Kind::Prospect, "New business (prospect)", "quote-kind-prospect", true) }
                { segment(Kind::Customer, "Existing customer (upsell or renewal)", "quote-kind-customer", has_customers) }
            </div>
            if !has_customers {
                <p class="field-hint quote-kind-hint" id="quote-kind-hint">
                    { "No customers to choose from: the customer list syncs to your firm's administrators only." }
                </p>
            }
        </div>
    }
}

/// The deal registration choice's options: none, then the prospect's registrations.
pub fn deal_options(has_prospect: bool, deals: &[DealRow]) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((
        AttrValue::Static(""),
        AttrValue::Static(if has_prospect && !deals.is_empty() {
            "No deal registration"
        } else if has_prospect {
            "The prospect has no deal registration"
        } else {
            "Choose the prospect first"
        }),
    ))
    .chain(deals.iter().map(|d| {
        let number = d
            .number
            .clone()
            .unwrap_or_else(|| "Draft registration".to_owned());
        (
            AttrValue::from(d.id.to_string()),
            AttrValue::from(format!(
                "{number} · {} · {}",
                d.status.label(),
                d.estimated_value
            )),
        )
    }))
    .collect()
}

/// In place of the deal registration choice: registrations protect new business, and an existing
/// customer's quote prices none.
pub fn no_deal_for_a_customer() -> Html {
    html! {
        <div class="field" data-field="deal_id">
            <span class="field-label">{ "Deal registration" }</span>
            <p class="field-static field-static-muted" id="quote-deal-none">
                { "Not needed for an existing customer." }
            </p>
        </div>
    }
}
