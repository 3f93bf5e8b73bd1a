//! The layout as measured with the real fonts: aligned figures, wrapped names.

use crate::*;

/// The right edge of every word that reads exactly `text` on the first page.
fn right_edges(page: &[Word], text: &str) -> Vec<f32> {
    page.iter()
        .filter(|w| w.text == text)
        .map(|w| w.x_max)
        .collect()
}

#[test]
fn figures_in_a_column_end_at_the_same_edge_whatever_the_names_script() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 4);
    doc.lines[1].name = "東京商事 Mail Plan".to_owned();
    doc.lines[2].name = "Ελληνικά Mail Plan".to_owned();
    let pages = words(&render(&doc), "aligned.pdf");
    let page = &pages[0];
    let mut edges = Vec::new();
    for line in &doc.lines {
        edges.extend(right_edges(page, &line.total.to_string()));
    }
    assert_eq!(edges.len(), doc.lines.len(), "{edges:?}");
    for edge in &edges {
        assert!(
            (edge - edges[0]).abs() < 0.5,
            "line totals end at {edges:?}"
        );
    }
    // The grand total ends at the totals box's inner edge, right of the column above it.
    let total = right_edges(page, &doc.totals.total.to_string());
    assert!(
        total.iter().any(|x| (x - edges[0]).abs() < 6.0),
        "{total:?} vs {edges:?}"
    );
}

#[test]
fn long_names_in_any_script_wrap_inside_their_column() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 2);
    // The "Prepared for" column is 178 points wide from the left margin at 48.
    doc.customer.name = "東京商事株式会社情報システム事業本部西日本支社".to_owned();
    doc.lines[0].name = "Ελληνικά Συστήματα Ηλεκτρονικού Ταχυδρομείου Επιχειρήσεων ΑΕ".to_owned();
    let pdf = render(&doc);
    let text = text(&pdf, "wrapped.pdf");
    let page = &words(&pdf, "wrapped.pdf")[0];
    let cjk: Vec<&Word> = page
        .iter()
        .filter(|w| {
            w.text
                .chars()
                .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        })
        .collect();
    assert!(!cjk.is_empty());
    for w in &cjk {
        assert!(w.x_min >= 47.5 && w.x_max <= 226.5, "{w:?}");
    }
    // Wrapped over more than one line, all of it still there (a name may take two lines).
    let rows: std::collections::BTreeSet<i32> = cjk.iter().map(|w| w.y_min as i32).collect();
    assert!(rows.len() >= 2, "{rows:?}");
    for word in ["Ελληνικά", "Συστήματα", "Ταχυδρομείου"] {
        assert!(text.contains(word), "{word}");
    }
}
