//! A change's values as a person reads them: each field by its name in words, text plain, a status
//! by its label, an owner by name, a date as a date, money as money, a contact or an address by its
//! non-empty parts; the conflicting values side by side, and what a create or an edit carried.

use crate::{
    context::PortalContext,
    format,
    hooks::{owner_name, Users},
};
use chrono::NaiveDate;
use portal_core::{
    api::partner::Address,
    deal::DealStatus,
    ids::UserId,
    money::Money,
    pending::EnteredValue,
    prospect::{Contact, ProspectStatus},
    sync::FieldConflict,
};
use serde_json::Value;
use yew::prelude::*;

/// A field of a record as people call it.
fn field_label(field: &str) -> String {
    let known = match field {
        "company_name" => "Company name",
        "domain" => "Email domain",
        "primary_contact" => "Primary contact",
        "implementation_lead" => "Implementation lead",
        "infrastructure_notes" => "Infrastructure notes",
        "owner_id" => "Owner",
        "prospect_id" => "Prospect",
        "estimated_value" => "Estimated value",
        "expected_close" => "Expected close",
        "mailboxes" => "Number of mailboxes",
        "products" => "Products",
        "sector" => "Sector",
        "address" => "Address",
        "quote_for" => "For",
        "deal_id" => "Deal registration",
        "currency" => "Currency",
        "lines" => "Lines",
        "totals" => "Totals",
        "valid_until" => "Valid until",
        "po_number" => "PO number",
        "po_attachment" => "Purchase order file",
        "notes" => "Notes",
        "status" => "Status",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let words = field.trim_end_matches("_id").replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn empty_value() -> Html {
    html! { <span class="muted">{ "(empty)" }</span> }
}

/// Who the users are, for owners' names.
pub struct People<'a> {
    pub portal: &'a PortalContext,
    pub users: &'a Users,
}

/// A value of a change as a person reads it: text plain, a status by its label, an owner by
/// name, a date as a date, an amount as money, a contact or address as its non-empty parts. The
/// client has already put a quote's lines and totals and an order's address and file into words.
fn value_view(field: &str, value: &Value, people: &People) -> Html {
    match value {
        Value::Null => empty_value(),
        Value::Bool(b) => html! { { if *b { "Yes" } else { "No" } } },
        Value::Number(n) => match (field, n.as_u64()) {
            ("mailboxes", Some(count)) => html! { { format::count(count) } },
            _ => html! { { n.to_string() } },
        },
        Value::String(s) if s.trim().is_empty() => empty_value(),
        Value::String(s) => {
            let text = match field {
                "status" => ProspectStatus::parse(s)
                    .map(|p| p.label().to_owned())
                    .or_else(|| {
                        serde_json::from_value::<DealStatus>(value.clone())
                            .ok()
                            .map(|d| d.label().to_owned())
                    }),
                "owner_id" => s
                    .parse::<UserId>()
                    .ok()
                    .map(|id| owner_name(people.portal, people.users, id)),
                "expected_close" | "valid_until" => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(format::date),
                _ => None,
            };
            html! { <span class="value-text">{ text.unwrap_or_else(|| s.clone()) }</span> }
        }
        // A quote's lines, each already in words: one per line.
        Value::Array(items) if field == "lines" => lines_view(
            items
                .iter()
                .map(plain_text)
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(plain_text)
                .filter(|t| !t.is_empty())
                .collect();
            if parts.is_empty() {
                empty_value()
            } else {
                html! { { parts.join(", ") } }
            }
        }
        Value::Object(_) => lines_view(object_lines(value)),
    }
}

/// Text one part per line.
fn lines_view(lines: Vec<String>) -> Html {
    if lines.is_empty() {
        return empty_value();
    }
    html! {
        <span class="value-lines">
            { for lines.into_iter().map(|l| html! { <span>{ l }</span> }) }
        </span>
    }
}

/// The non-empty parts of a contact, address, amount or other object, one per line.
fn object_lines(value: &Value) -> Vec<String> {
    if let Ok(money) = serde_json::from_value::<Money>(value.clone()) {
        return vec![money.to_string()];
    }
    if let Ok(contact) = serde_json::from_value::<Contact>(value.clone()) {
        let mut lines = Vec::new();
        let name = contact.full_name();
        match (name.is_empty(), contact.job_title.trim().is_empty()) {
            (false, false) => lines.push(format!("{name}, {}", contact.job_title.trim())),
            (false, true) => lines.push(name),
            (true, false) => lines.push(contact.job_title.trim().to_owned()),
            (true, true) => {}
        }
        lines.extend(
            [contact.email.trim(), contact.phone.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        return lines;
    }
    if let Ok(address) = serde_json::from_value::<Address>(value.clone()) {
        return address.lines();
    }
    match value {
        Value::Object(map) => map
            .values()
            .map(plain_text)
            .filter(|t| !t.is_empty())
            .collect(),
        other => vec![plain_text(other)],
    }
}

fn plain_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Bool(b) => if *b { "Yes" } else { "No" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => object_lines(value).join(", "),
    }
}

pub fn conflict_view(conflicts: &[FieldConflict], people: &People) -> Html {
    html! {
        <div class="conflict">
            <p class="conflict-lead">
                { "Somebody else changed the same " }
                { if conflicts.len() == 1 { "field" } else { "fields" } }
                { " on the server. Choose which values stay." }
            </p>
            <div class="conflict-grid" role="table" aria-label="Conflicting values">
                <div class="conflict-row conflict-head" role="row">
                    <span role="columnheader">{ "Field" }</span>
                    <span role="columnheader">{ "Yours" }</span>
                    <span role="columnheader">{ "Server's" }</span>
                </div>
                { for conflicts.iter().map(|c| html! {
                    <div class="conflict-row" role="row" data-field={c.field.clone()}>
                        <span class="conflict-field" role="rowheader">{ field_label(&c.field) }</span>
                        <span class="conflict-yours" role="cell">{ value_view(&c.field, &c.yours, people) }</span>
                        <span class="conflict-theirs" role="cell">{ value_view(&c.field, &c.theirs, people) }</span>
                    </div>
                }) }
            </div>
        </div>
    }
}

/// The values a create or an edit carried, field by field; open at once for a refusal, whose
/// values are nowhere else any more.
pub fn entered_view(entered: &[EnteredValue], open: bool, people: &People) -> Html {
    html! {
        <details class="entered" {open}>
            <summary>{ "What you entered" }</summary>
            <dl class="entered-list">
                { for entered.iter().map(|e| html! {
                    <div class="entered-row" data-field={e.field.clone()}>
                        <dt>{ field_label(&e.field) }</dt>
                        <dd>{ value_view(&e.field, &e.value, people) }</dd>
                    </div>
                }) }
            </dl>
        </details>
    }
}
