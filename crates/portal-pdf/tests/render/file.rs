//! The file itself: poppler reads it, the same quote gives the same bytes, fonts embedded as subsets.

use crate::*;

#[test]
fn poppler_reads_the_file_and_its_properties_without_complaint() {
    let pdf = render(&quote(Audience::Internal, Currency::EUR, 4));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    let info = poppler("pdfinfo", &[], &pdf, "info.pdf");
    for expected in [
        "Title:           Quote Q-000123 revision 2",
        "Author:          Brightline IT Solutions",
        "Subject:         Quote for Harbour & Vale Architects (internal copy)",
        "Page size:       595 x 842 pts (A4)",
        "Pages:           1",
    ] {
        assert!(
            info.contains(expected),
            "pdfinfo lacks {expected:?}:\n{info}"
        );
    }
    // Every page renders, too.
    let long = render(&quote(Audience::Customer, Currency::EUR, 40));
    poppler(
        "pdftoppm",
        &["-r", "10", "-png", "-o"],
        &long,
        "rasterised.pdf",
    );
}

#[test]
fn the_same_quote_gives_the_same_bytes() {
    let doc = quote(Audience::Internal, Currency::GBP, 12);
    assert_eq!(render(&doc), render(&doc));
    let logo = logo_png();
    assert_eq!(render_with_logo(&doc, &logo), render_with_logo(&doc, &logo));
    let other = QuoteDocument {
        revision: 3,
        ..doc.clone()
    };
    assert_ne!(render(&doc), render(&other));
}

#[test]
fn fonts_are_embedded_as_subsets_and_the_cjk_fallback_only_when_used() {
    /// (name without the subset tag, emb, sub) for each font pdffonts lists.
    fn fonts(pdf: &[u8], name: &str) -> Vec<(String, String, String)> {
        poppler("pdffonts", &[], pdf, name)
            .lines()
            .skip(2)
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                let name = cols[0].split_once('+').map_or(cols[0], |(_, n)| n);
                let n = cols.len();
                (
                    name.to_owned(),
                    cols[n - 5].to_owned(),
                    cols[n - 4].to_owned(),
                )
            })
            .collect()
    }

    let latin = render(&quote(Audience::Customer, Currency::EUR, 3));
    let listed = fonts(&latin, "fonts-latin.pdf");
    let mut names: Vec<&str> = listed.iter().map(|(n, _, _)| n.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["NotoSans-Bold", "NotoSans-Regular"]);

    let mut doc = quote(Audience::Customer, Currency::EUR, 3);
    doc.customer.name = "東京商事".to_owned();
    let listed = fonts(&render(&doc), "fonts-cjk.pdf");
    assert!(
        listed.iter().any(|(n, _, _)| n == "DroidSansFallback"),
        "{listed:?}"
    );
    for (name, emb, sub) in listed {
        assert_eq!((emb.as_str(), sub.as_str()), ("yes", "yes"), "{name}");
    }
    // Subsetting keeps a quote small: the bundled files are 5 MB.
    assert!(render(&doc).len() < 80_000);
}
