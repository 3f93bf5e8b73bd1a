//! Names in every script read back exactly as written.

use crate::*;

#[test]
fn names_in_polish_turkish_greek_and_japanese_read_back_exactly_as_written() {
    let names = [
        "Łódź Sp. z o.o.",
        "İstanbul Bilişim",
        "Ελληνικά ΑΕ",
        "東京商事",
    ];
    let mut doc = quote(Audience::Customer, Currency::EUR, 2);
    doc.customer.name = names[0].to_owned();
    doc.partner.name = names[1].to_owned();
    doc.lines[0].name = names[2].to_owned();
    doc.lines[1].name = names[3].to_owned();
    doc.notes = format!(
        "Prepared for {} with {} and {}.",
        names[0], names[2], names[3]
    );
    let pdf = render(&doc);
    let text = text(&pdf, "four-scripts.pdf");
    for name in names {
        let count = text.matches(name).count();
        // Letterhead, From, footer and acceptance; the others at least in their own place.
        assert!(count >= 1, "{name:?} is missing from:\n{text}");
    }
    assert!(
        text.matches(names[1]).count() >= 4,
        "the partner's name in every place"
    );
    assert!(text.contains(&format!(
        "Prepared for {} with {} and {}.",
        names[0], names[2], names[3]
    )));
    assert!(!text.contains('?') && !text.contains('\u{FFFD}'), "{text}");
}
