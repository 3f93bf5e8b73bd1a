//! What each audience may see: the customer never sees cost, RRP or margin.

use crate::*;

/// A (positive) margin share as printed: `27.9%`.
pub(crate) fn percent(bp: i64) -> String {
    Percent::from_basis_points(u32::try_from(bp).expect("positive margin")).to_string()
}

/// Every figure only the partner may see, as printed.
pub(crate) fn internal_figures(doc: &QuoteDocument) -> Vec<String> {
    let t = &doc.totals;
    let mut figures = vec![
        t.rrp_total.to_string(),
        t.cost_total.to_string(),
        t.margin.to_string(),
        percent(t.margin_bp),
        t.savings.to_string(),
    ];
    for l in &doc.lines {
        figures.extend([
            l.rrp_total.to_string(),
            l.cost_total.to_string(),
            l.margin.to_string(),
        ]);
    }
    figures
}

/// Every figure the customer sees, as printed.
pub(crate) fn customer_figures(doc: &QuoteDocument) -> Vec<String> {
    let mut figures = vec![doc.totals.total.to_string()];
    for l in &doc.lines {
        figures.extend([
            l.unit_monthly.to_string(),
            l.total.to_string(),
            l.discount.to_string(),
        ]);
    }
    figures
}

#[test]
fn the_customers_copy_never_shows_cost_rrp_or_margin() {
    let doc = quote(Audience::Customer, Currency::EUR, 6);
    let pdf = render(&doc);
    let text = text(&pdf, "customer.pdf");
    let last_page = format!("Page {0} of {0}", page_count(&pdf));
    let visible = customer_figures(&doc);
    for figure in internal_figures(&doc) {
        // A figure the customer legitimately sees elsewhere would prove nothing either way.
        if visible.iter().any(|v| v.contains(&figure)) {
            continue;
        }
        assert!(!text.contains(&figure), "customer copy shows {figure}");
    }
    for word in [
        "Cost", "Margin", "RRP", "cost", "margin", "Internal", "INTERNAL",
    ] {
        assert!(!text.contains(word), "customer copy says {word:?}");
    }
    for figure in visible {
        assert!(text.contains(&figure), "customer copy lacks {figure}");
    }
    for expected in [
        "Brightline IT Solutions",
        "Powered by Northwind Mail Cloud",
        "Harbour & Vale Architects",
        "PREPARED FOR",
        "Q-000123",
        "25 November 2026",
        "24 December 2026",
        "Conor Walsh",
        "Business Mail Plan 3",
        "12 months",
        "Total (EUR)",
        "Migration of all mailboxes is included (one weekend).",
        "Billed annually in advance.",
        &last_page,
    ] {
        assert!(
            text.contains(expected),
            "customer text lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn the_internal_copy_adds_cost_rrp_and_margin() {
    let doc = quote(Audience::Internal, Currency::EUR, 6);
    let text = text(&render(&doc), "internal.pdf");
    for word in ["Cost", "Margin", "RRP", "INTERNAL COPY", "Internal copy"] {
        assert!(text.contains(word), "internal copy lacks {word:?}");
    }
    for figure in internal_figures(&doc)
        .into_iter()
        .chain(customer_figures(&doc))
    {
        assert!(text.contains(&figure), "internal copy lacks {figure}");
    }
}

#[test]
fn a_margin_below_cost_shows_negative() {
    let mut doc = quote(Audience::Internal, Currency::EUR, 1);
    let cost = doc.totals.total.minor + 12_345;
    doc.lines[0].cost_total.minor = cost;
    doc.lines[0].margin.minor = -12_345;
    doc.totals.cost_total.minor = cost;
    doc.totals.margin.minor = -12_345;
    doc.totals.margin_bp = -12_345 * 10_000 / doc.totals.total.minor;
    let text = text(&render(&doc), "negative.pdf");
    assert!(text.contains("-€123.45"), "{text}");
    let share = format!("-{}", percent(-doc.totals.margin_bp));
    assert!(text.contains(&share), "{share}");
}

#[test]
fn the_customers_copy_has_an_acceptance_block_and_the_internal_one_does_not() {
    let customer = text(
        &render(&quote(Audience::Customer, Currency::EUR, 2)),
        "accept-c.pdf",
    );
    let internal = text(
        &render(&quote(Audience::Internal, Currency::EUR, 2)),
        "accept-i.pdf",
    );
    for expected in ["ACCEPTANCE", "Signature", "Name and position"] {
        assert!(customer.contains(expected), "{expected}");
        assert!(!internal.contains(expected), "{expected}");
    }
}
