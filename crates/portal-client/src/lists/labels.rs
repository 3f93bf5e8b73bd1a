//! How a record is named where it has no name of its own yet: a quote (`Q-000042 rev 2`, or
//! `Quote for Contoso` before the server numbered it), an order, a deal registration. The lists
//! show these, and a queued change keeps the one its record had when it was made.

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

/// A quote's reference in the lists: `Q-000042 rev 2`, or `New quote` before the server numbered
/// it (as [`portal_core::quote::Quote::reference`]).
pub fn quote_reference(number: Option<&str>, revision: u32) -> String {
    match number {
        Some(n) if revision > 1 => format!("{n} rev {revision}"),
        Some(n) => n.to_owned(),
        None if revision > 1 => format!("New quote rev {revision}"),
        None => "New quote".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_named_by_number_or_by_whom_they_are_for() {
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
        assert_eq!(quote_reference(None, 2), "New quote rev 2");
    }
}
