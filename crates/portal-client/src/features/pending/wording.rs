//! How the Pending Changes page words a change: what was done ("Created", "Edited notes, status",
//! "Submitted to the vendor"…), from what the change does. The outbox stores what a change does;
//! only a change with words of its own (a conflict settled by keeping mine) stores them.

use portal_core::{
    deal::DealAction,
    order::OrderAction,
    pims::lead::{Decision, LeadDecision},
    quote::QuoteAction,
    resources::UseKind,
    sync::{Entity, MutationOp},
};
use serde_json::{Map, Value};

/// What a change did, in words: `stored` when the feature that queued it gave words of its own,
/// else from its op.
pub fn summary(entity: Entity, op: &MutationOp, stored: &str) -> String {
    if !stored.is_empty() {
        return stored.to_owned();
    }
    match op {
        MutationOp::Create { body } => match entity {
            Entity::SupportCase => "Opened".into(),
            Entity::ResourceUse => used(body),
            Entity::LeadDecision => lead_decided(body),
            Entity::Campaign => "Created as a draft".into(),
            Entity::Quote => match body.get("revision").and_then(Value::as_u64) {
                Some(revision) if revision > 1 => format!("Created revision {revision}"),
                _ => "Created".into(),
            },
            _ => "Created".into(),
        },
        MutationOp::Update { fields, .. } => edited(fields),
        MutationOp::Delete { .. } => match entity {
            Entity::Campaign => "Deleted the draft".into(),
            _ => "Deleted".into(),
        },
        MutationOp::Act { action, .. } => {
            let words = match entity {
                Entity::Deal => action.deal().map(acted),
                Entity::Quote => action.quote().map(quote_acted),
                Entity::Order => action.order().map(order_acted),
                _ => None,
            };
            words.map_or_else(|| action.as_str().replace('_', " "), str::to_owned)
        }
    }
}

/// A recorded use of a marketing resource's file: "Downloaded", "Opened in its viewer", "Shared"
/// (the record's label names the item and the file).
fn used(body: &Value) -> String {
    let kind = body
        .get("kind")
        .and_then(Value::as_str)
        .and_then(UseKind::parse);
    match kind {
        Some(UseKind::Download) => "Downloaded (counted for the vendor)".into(),
        Some(UseKind::Open) => "Opened (counted for the vendor)".into(),
        Some(UseKind::Share) => "Shared (counted for the vendor)".into(),
        None => "Used (counted for the vendor)".into(),
    }
}

/// A decision on a lead: "Accepted into a prospect (next step: …)" or "Declined: Not a fit for
/// us" (the record's label names the lead). When the server refuses it, the Pending Changes page
/// shows the server's words beside it: why it came too late.
fn lead_decided(body: &Value) -> String {
    match serde_json::from_value::<LeadDecision>(body.clone()).map(|d| d.decision) {
        Ok(Decision::Accept { next_step, .. }) if !next_step.trim().is_empty() => {
            format!("Accepted into a prospect (next step: {})", next_step.trim())
        }
        Ok(Decision::Accept { .. }) => "Accepted into a prospect".into(),
        Ok(Decision::Decline { reason, note }) if !note.trim().is_empty() => {
            format!("Declined: {} ({})", reason.label(), note.trim())
        }
        Ok(Decision::Decline { reason, .. }) => format!("Declined: {}", reason.label()),
        Err(_) => "Decided".into(),
    }
}

/// A field as a person calls it.
pub fn field_label(field: &str) -> String {
    match field {
        "company_name" => "company name".into(),
        "primary_contact" => "primary contact".into(),
        "implementation_lead" => "implementation lead".into(),
        "infrastructure_notes" => "infrastructure notes".into(),
        "owner_id" => "owner".into(),
        "prospect_id" => "prospect".into(),
        "estimated_value" => "estimated value".into(),
        "expected_close" => "expected close date".into(),
        "quote_for" => "prospect or customer".into(),
        "deal_id" => "deal registration".into(),
        "valid_until" => "validity date".into(),
        "po_number" => "PO number".into(),
        "po_attachment" => "purchase order file".into(),
        "contact_name" => "contact name".into(),
        "brand_colour" => "brand colour".into(),
        "unsubscribe" => "unsubscribe address".into(),
        "social" => "social links".into(),
        "regions" => "text".into(),
        other => other.replace('_', " "),
    }
}

/// "Edited notes, status".
pub fn edited(fields: &Map<String, Value>) -> String {
    let names: Vec<String> = fields.keys().map(|k| field_label(k)).collect();
    format!("Edited {}", names.join(", "))
}

/// "Kept my notes" (after a conflict).
pub fn kept(fields: &Map<String, Value>) -> String {
    let names: Vec<String> = fields.keys().map(|k| field_label(k)).collect();
    format!("Kept my {}", names.join(", "))
}

pub fn acted(action: DealAction) -> &'static str {
    match action {
        DealAction::Submit => "Submitted",
        DealAction::Withdraw => "Withdrew",
        DealAction::MarkWon => "Marked as won",
        DealAction::MarkLost => "Marked as lost",
        DealAction::Approve => "Approved",
        DealAction::Reject => "Rejected",
        DealAction::Expire => "Expired",
    }
}

pub fn quote_acted(action: QuoteAction) -> &'static str {
    match action {
        QuoteAction::Send => "Marked as sent",
        QuoteAction::Accept => "Marked as accepted by the customer",
        QuoteAction::Decline => "Marked as declined by the customer",
    }
}

pub fn order_acted(action: OrderAction) -> &'static str {
    match action {
        OrderAction::Submit => "Submitted to the vendor",
        OrderAction::Process => "Taken in hand by the vendor",
        OrderAction::Provision => "Provisioned by the vendor",
        OrderAction::Refuse => "Refused by the vendor",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::outbox;
    use portal_core::sync::Step;
    use serde_json::json;

    #[test]
    fn summaries_read_as_sentences() {
        let fields = json!({"notes": 1, "status": 2, "company_name": 3});
        assert_eq!(
            edited(fields.as_object().unwrap()),
            "Edited company name, notes, status"
        );
        // An edit queued by the outbox's rule is worded from its fields.
        let op = outbox::edit(4, json!({"notes": 1}).as_object().unwrap().clone()).unwrap();
        assert_eq!(summary(Entity::Prospect, &op, ""), "Edited notes");
    }

    #[test]
    fn each_op_is_worded_by_its_record_and_stored_words_win() {
        let create = |body| MutationOp::Create { body };
        let act = |action| MutationOp::Act {
            base_version: 1,
            action,
        };
        assert_eq!(summary(Entity::Deal, &create(json!({})), ""), "Created");
        assert_eq!(
            summary(Entity::Quote, &create(json!({"revision": 2})), ""),
            "Created revision 2"
        );
        assert_eq!(
            summary(Entity::SupportCase, &create(json!({})), ""),
            "Opened"
        );
        assert_eq!(
            summary(
                Entity::ResourceUse,
                &create(json!({"kind": "download"})),
                ""
            ),
            "Downloaded (counted for the vendor)"
        );
        assert_eq!(
            summary(Entity::ResourceUse, &create(json!({"kind": "open"})), ""),
            "Opened (counted for the vendor)"
        );
        let decision = |d: Value| {
            let mut body = json!({"lead_id": "0190a000-0000-7000-8000-000000000001",
                                  "at": "2026-12-07T10:00:00Z"});
            body.as_object_mut()
                .unwrap()
                .extend(d.as_object().unwrap().clone());
            create(body)
        };
        assert_eq!(
            summary(
                Entity::LeadDecision,
                &decision(
                    json!({"decision": "accept", "owner_id": "0190a000-0000-7000-8000-000000000002",
                                 "prospect_id": "0190a000-0000-7000-8000-000000000003",
                                 "next_step": "Call on Tuesday"})
                ),
                ""
            ),
            "Accepted into a prospect (next step: Call on Tuesday)"
        );
        assert_eq!(
            summary(
                Entity::LeadDecision,
                &decision(json!({"decision": "decline", "reason": "not_a_fit", "note": ""})),
                ""
            ),
            "Declined: Not a fit for us"
        );
        assert_eq!(
            summary(Entity::Campaign, &create(json!({})), ""),
            "Created as a draft"
        );
        let delete = MutationOp::Delete { base_version: 1 };
        assert_eq!(summary(Entity::Prospect, &delete, ""), "Deleted");
        assert_eq!(summary(Entity::Deal, &act(Step::Submit), ""), "Submitted");
        assert_eq!(
            summary(Entity::Order, &act(Step::Submit), ""),
            "Submitted to the vendor"
        );
        assert_eq!(
            summary(Entity::Quote, &act(Step::Send), ""),
            "Marked as sent"
        );
        let fields = json!({"notes": "n"}).as_object().unwrap().clone();
        assert_eq!(kept(&fields), "Kept my notes");
        let update = MutationOp::Update {
            base_version: 1,
            fields,
        };
        assert_eq!(
            summary(Entity::Prospect, &update, "Kept my notes"),
            "Kept my notes"
        );
    }
}
