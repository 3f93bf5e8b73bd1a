//! How a queued change is named on the Pending Changes page: what was done, and to which record.

use portal_core::deal::DealAction;
use serde_json::{Map, Value};

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

/// A deal as a person names it: its number, or whose deal it is before it has one.
pub fn deal_label(number: Option<&str>, prospect_name: &str) -> String {
    match number {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ if prospect_name.is_empty() => "New deal registration".into(),
        _ => format!("Deal for {prospect_name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summaries_read_as_sentences() {
        let fields = json!({"notes": 1, "status": 2, "company_name": 3});
        assert_eq!(
            edited(fields.as_object().unwrap()),
            "Edited company name, notes, status"
        );
        assert_eq!(deal_label(None, "Contoso"), "Deal for Contoso");
        assert_eq!(deal_label(Some("DR-000042"), "Contoso"), "DR-000042");
    }
}
