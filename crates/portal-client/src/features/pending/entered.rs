//! The values a change carries, as the Pending Changes page lists them: in the form's order, a
//! create without what was left empty.

use portal_core::{
    order::ORDER_FIELDS,
    pending::EnteredValue,
    prospect::PROSPECT_FIELDS,
    quote::QUOTE_FIELDS,
    registration::DEAL_FIELDS,
    sync::{Entity, MutationOp},
};
use serde_json::Value;

/// The values a create or an edit carries, in the form's order. A create leaves out what was left
/// empty and an owner who is the user themself (the form's default, not something typed); an edit
/// shows every field it changes, emptied ones too.
pub fn entered(entity: Entity, op: &MutationOp, me: &str) -> Vec<EnteredValue> {
    let (values, creating) = match op {
        MutationOp::Create { body } => match body.as_object() {
            Some(body) => (body, true),
            None => return Vec::new(),
        },
        MutationOp::Update { fields, .. } => (fields, false),
        _ => return Vec::new(),
    };
    let order: &[&str] = match entity {
        Entity::Prospect => &PROSPECT_FIELDS,
        Entity::Deal => &DEAL_FIELDS,
        Entity::Quote => &QUOTE_FIELDS,
        Entity::Order => &ORDER_FIELDS,
        Entity::SupportCase => &portal_core::support::SUPPORT_CASE_FIELDS,
        Entity::MarketingProfile => &portal_core::pims::profile::PROFILE_FIELDS,
        Entity::Campaign => &portal_core::pims::campaign::CAMPAIGN_FIELDS,
        Entity::LeadDecision => &["next_step", "reason", "note"],
        _ => &[],
    };
    // A create's body is the whole record; only the fields a user sets are theirs.
    let typed = |field: &str| !creating || order.contains(&field);
    let known = order.iter().filter_map(|f| values.get_key_value(*f));
    let others = values.iter().filter(|(f, _)| !order.contains(&f.as_str()));
    known
        .chain(others)
        .filter(|(field, value)| {
            typed(field)
                && !(creating && (is_blank(value) || (*field == "owner_id" && *value == me)))
        })
        .map(|(field, value)| EnteredValue {
            field: field.clone(),
            value: value.clone(),
        })
        .collect()
}

/// Nothing entered: no value, blank text, or a list or object of such.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(map) => map.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(entered: &[EnteredValue]) -> Vec<(&str, &Value)> {
        entered
            .iter()
            .map(|e| (e.field.as_str(), &e.value))
            .collect()
    }

    #[test]
    fn a_create_shows_what_was_typed_in_the_forms_order() {
        let body = json!({
            "id": "0190a0a0-0000-7000-8000-000000000001",
            "notes": "Met at the fair.",
            "company_name": "Quince Foods",
            "domain": "quincefoods.example",
            "sector": "",
            "mailboxes": 120,
            "address": {"line1": "", "city": ""},
            "primary_contact": {"first_name": "Zelda", "email": ""},
            "owner_id": "me",
        });
        let op = MutationOp::Create { body };
        let shown = entered(Entity::Prospect, &op, "me");
        assert_eq!(
            fields(&shown),
            [
                ("company_name", &json!("Quince Foods")),
                ("domain", &json!("quincefoods.example")),
                ("mailboxes", &json!(120)),
                (
                    "primary_contact",
                    &json!({"first_name": "Zelda", "email": ""})
                ),
                ("notes", &json!("Met at the fair.")),
            ]
        );
        // Somebody else made the owner: that was chosen, so it shows.
        assert!(entered(Entity::Prospect, &op, "another user")
            .iter()
            .any(|e| e.field == "owner_id"));
    }

    #[test]
    fn an_edit_shows_every_field_it_changes_and_a_step_shows_none() {
        let op = MutationOp::Update {
            base_version: 3,
            fields: json!({"notes": "", "estimated_value": {"minor": 100, "currency": "USD"}})
                .as_object()
                .unwrap()
                .clone(),
        };
        let shown = entered(Entity::Deal, &op, "me");
        assert_eq!(
            fields(&shown),
            [
                ("estimated_value", &json!({"minor": 100, "currency": "USD"})),
                ("notes", &json!("")),
            ]
        );
        assert!(entered(Entity::Deal, &MutationOp::Delete { base_version: 3 }, "me").is_empty());
    }
}
