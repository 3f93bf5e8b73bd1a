//! How a queued change is named on the Pending Changes page: what was done, and to which record.

use portal_core::{deal::DealAction, order::OrderAction, quote::QuoteAction};
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
        "quote_for" => "prospect or customer".into(),
        "deal_id" => "deal registration".into(),
        "valid_until" => "validity date".into(),
        "po_number" => "PO number".into(),
        "po_attachment" => "purchase order file".into(),
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

/// A quote as a person names it: `Q-000042 rev 2`, or whose quote it is before it has a number
/// (`Quote for Contoso`, `Quote for Contoso rev 2`).
pub fn quote_label(number: Option<&str>, revision: u32, for_name: &str) -> String {
    let base = match number {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ if for_name.is_empty() => "New quote".into(),
        _ => format!("Quote for {for_name}"),
    };
    if revision > 1 {
        format!("{base} rev {revision}")
    } else {
        base
    }
}

/// An order as a person names it: `SO-000042`, or `Order for Contoso` before it has a number.
pub fn order_label(number: Option<&str>, company_name: &str) -> String {
    match number {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ if company_name.is_empty() => "New order".into(),
        _ => format!("Order for {company_name}"),
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
        assert_eq!(
            quote_label(Some("Q-000042"), 2, "Contoso"),
            "Q-000042 rev 2"
        );
        assert_eq!(quote_label(Some("Q-000042"), 1, "Contoso"), "Q-000042");
        assert_eq!(quote_label(None, 1, "Contoso"), "Quote for Contoso");
        assert_eq!(order_label(None, "Contoso"), "Order for Contoso");
        assert_eq!(order_label(Some("SO-000007"), "Contoso"), "SO-000007");
    }
}
