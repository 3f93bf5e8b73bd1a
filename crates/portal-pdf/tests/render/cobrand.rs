//! A co-branded asset's page: the kit's size, its background over the whole page, the logo
//! centred in its zone, the contact lines in theirs (any script).

use crate::*;
use portal_core::pims::kit::Zone;
use portal_pdf::cobrand::{render_cobranded, Cobranded};

/// The page's size in points, as pdfinfo reads it.
fn page_size(pdf: &[u8], name: &str) -> (f32, f32) {
    let info = poppler("pdfinfo", &[], pdf, name);
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    let n: Vec<f32> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1])
}

#[test]
fn a_cobranded_page_has_the_kits_size_the_logo_in_its_zone_and_the_contact_lines() {
    let background = logo_png();
    let logo = logo_png();
    let lines = vec![
        "Łódź Sp. z o.o.".to_owned(),
        "ul. Piotrkowska 1, 90-001 Łódź".to_owned(),
        "+48 42 123 45 67 · hello@lodz.example".to_owned(),
    ];
    let page = Cobranded {
        title: "Event flyer — Łódź Sp. z o.o.",
        author: "Łódź Sp. z o.o.",
        width_pt: 420.0,
        height_pt: 595.0,
        background: &background,
        logo: Some(&logo),
        logo_zone: Zone {
            x: 100,
            y: 50,
            width: 800,
            height: 200,
        },
        contact_zone: Some(Zone {
            x: 100,
            y: 800,
            width: 800,
            height: 150,
        }),
        contact_lines: &lines,
    };
    let pdf = render_cobranded(&page);
    let (w, h) = page_size(&pdf, "cobrand.pdf");
    assert!(
        (w - 420.0).abs() < 0.5 && (h - 595.0).abs() < 0.5,
        "{w} x {h}"
    );
    let text = text(&pdf, "cobrand.pdf");
    for line in &lines {
        let first = line.split_whitespace().next().unwrap();
        assert!(text.contains(first), "{first:?} in {text:?}");
    }
    // The contact lines sit inside their zone (its top at 80% of the page, in points from the top).
    let found = words(&pdf, "cobrand.pdf");
    let lodz = found[0]
        .iter()
        .find(|w| w.text.starts_with("Łódź"))
        .expect("the company line");
    // (poppler's box runs from the font's ascent, above the accents, to its descent.)
    let middle = (lodz.y_min + lodz.y_max) / 2.0;
    assert!(
        middle > 595.0 * 0.8 && lodz.y_max <= 595.0 * 0.95 + 0.5,
        "{lodz:?}"
    );
    assert!(lodz.x_min >= 42.0 - 0.5, "{lodz:?}");
    // Same document, same bytes.
    assert_eq!(pdf, render_cobranded(&page));
}
