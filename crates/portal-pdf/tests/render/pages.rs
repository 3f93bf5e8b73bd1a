//! Drafts, currencies and page breaks.

use crate::*;

#[test]
fn a_draft_is_watermarked_on_every_page_and_a_final_quote_is_not() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 60);
    for page in words(&render(&doc), "final.pdf") {
        assert!(giant_words(&page).is_empty());
    }

    doc.draft = true;
    let pages = words(&render(&doc), "draft.pdf");
    assert!(pages.len() > 1);
    for (i, page) in pages.iter().enumerate() {
        let giant = giant_words(page);
        let letters: String = giant.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(letters, "DRAFT", "page {}", i + 1);
        // Rising from left to right across the middle of the page.
        let (first, last) = (giant[0], giant[giant.len() - 1]);
        assert!(first.y_min > last.y_min, "page {}", i + 1);
        let centre = (
            (first.x_min + last.x_max) / 2.0,
            (first.y_max + last.y_min) / 2.0,
        );
        assert!(
            (centre.0 - 297.5).abs() < 60.0 && (centre.1 - 421.0).abs() < 60.0,
            "page {}: centred at {centre:?}",
            i + 1
        );
    }
}

#[test]
fn euro_and_pound_amounts_read_back_with_their_signs() {
    let eur = quote(Audience::Customer, Currency::EUR, 3);
    let total = eur.totals.total.to_string();
    assert!(total.starts_with('€'));
    assert!(text(&render(&eur), "eur.pdf").contains(&total));

    let gbp = quote(Audience::Internal, Currency::GBP, 3);
    let cost = gbp.totals.cost_total.to_string();
    assert!(cost.starts_with('£'));
    assert!(text(&render(&gbp), "gbp.pdf").contains(&cost));
}

#[test]
fn many_lines_flow_over_pages_each_numbered_and_with_the_table_header() {
    for audience in [Audience::Customer, Audience::Internal] {
        let pdf = render(&quote(audience, Currency::USD, 80));
        let pages = pages(&pdf, "many.pdf");
        let count = pages.len();
        assert!(count >= 3, "{audience:?}: 80 lines on {count} pages");
        assert_eq!(page_count(&pdf), count);
        let mut lines_seen = 0;
        for (i, page) in pages.iter().enumerate() {
            let label = format!("Page {} of {count}", i + 1);
            assert!(
                page.contains(&label),
                "{audience:?}: page {} lacks {label}",
                i + 1
            );
            let on_page = (1..=80)
                .filter(|n| {
                    page.lines().any(|l| {
                        l.split("  ")
                            .any(|cell| cell.trim() == format!("Business Mail Plan {n}"))
                    })
                })
                .count();
            lines_seen += on_page;
            assert_eq!(
                on_page > 0,
                page.contains("Product"),
                "{audience:?}: page {} shows lines without the table header, or the reverse",
                i + 1
            );
        }
        assert_eq!(lines_seen, 80, "{audience:?}: every line printed once");
    }
}

#[test]
fn an_empty_quote_still_renders() {
    let mut doc = quote(Audience::Internal, Currency::EUR, 0);
    doc.notes.clear();
    doc.terms.clear();
    let pdf = render(&doc);
    assert_eq!(page_count(&pdf), 1);
    assert!(text(&pdf, "empty.pdf").contains("no lines yet"));
}

#[test]
fn long_and_unusual_text_stays_inside_the_page() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 3);
    doc.lines[0].description = "Very long description. ".repeat(200);
    doc.lines[1].name = "Café (Zürich) \\ Łódź\tGdańsk".to_owned();
    doc.notes = "Paragraph one.\n\n".repeat(120);
    let pdf = render(&doc);
    assert!(page_count(&pdf) >= 2);
    assert!(text(&pdf, "unusual.pdf").contains("Café (Zürich) \\ Łódź Gdańsk"));
    for (i, page) in words(&pdf, "unusual.pdf").iter().enumerate() {
        for w in page {
            assert!(
                w.x_min >= 0.0 && w.x_max <= 595.0 && w.y_min >= 0.0 && w.y_max <= 842.0,
                "page {}: {w:?}",
                i + 1
            );
        }
    }
}
