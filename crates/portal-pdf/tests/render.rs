//! The quote PDF from the outside: file structure, what each audience may see, drafts, currency
//! signs, page breaks, and (when poppler's `pdftotext` is installed) the text a reader gets.

use chrono::NaiveDate;
use portal_core::money::{Currency, Money, Percent};
use portal_pdf::{render, Audience, DocLine, DocTotals, Party, QuoteDocument};
use std::path::PathBuf;
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// A quote to render

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A line whose internal figures all differ from its customer figures (every line is discounted),
/// so "the customer's copy does not contain the cost" cannot pass by coincidence.
fn line(currency: Currency, i: u32) -> DocLine {
    let money = |minor| Money::new(minor, currency);
    let quantity = 10 + i;
    let term_months = 12;
    let rrp_monthly = 500 + i64::from(i) * 7;
    let unit = rrp_monthly * 85 / 100;
    let months = i64::from(quantity * term_months);
    let cost = (rrp_monthly * 60 / 100) * months;
    DocLine {
        sku: format!("NMC-{i:03}"),
        name: format!("Business Mail Plan {i}"),
        description: "Mailbox with shared calendars, mobile sync and web access.".to_owned(),
        quantity,
        term_months,
        unit_monthly: money(unit),
        discount: Percent::from_basis_points(1500),
        total: money(unit * months),
        rrp_total: money(rrp_monthly * months),
        cost_total: money(cost),
        margin: money(unit * months - cost),
    }
}

fn quote(audience: Audience, currency: Currency, line_count: u32) -> QuoteDocument {
    let lines: Vec<DocLine> = (1..=line_count).map(|i| line(currency, i)).collect();
    let sum =
        |f: fn(&DocLine) -> Money| Money::new(lines.iter().map(|l| f(l).minor).sum(), currency);
    let (total, rrp_total, cost_total) = (
        sum(|l| l.total),
        sum(|l| l.rrp_total),
        sum(|l| l.cost_total),
    );
    let margin = Money::new(total.minor - cost_total.minor, currency);
    QuoteDocument {
        audience,
        draft: false,
        title: "Quote Q-000123 revision 2".to_owned(),
        number: "Q-000123".to_owned(),
        revision: 2,
        issued_on: date(2026, 11, 25),
        valid_until: date(2026, 12, 24),
        vendor: Party {
            name: "Northwind Mail Cloud".to_owned(),
            lines: vec![],
        },
        partner: Party {
            name: "Brightline IT Solutions".to_owned(),
            lines: vec![
                "Unit 4, Harbour Court".to_owned(),
                "Dublin, Ireland".to_owned(),
            ],
        },
        customer: Party {
            name: "Harbour & Vale Architects".to_owned(),
            lines: vec![
                "12 Merrion Square North".to_owned(),
                "Dublin D02 FK80".to_owned(),
            ],
        },
        prepared_by: "Conor Walsh".to_owned(),
        currency,
        totals: DocTotals {
            total,
            rrp_total,
            cost_total,
            margin,
            margin_bp: margin.minor * 10_000 / total.minor.max(1),
            savings: Money::new(rrp_total.minor - total.minor, currency),
        },
        lines,
        notes: "Migration of all mailboxes is included (one weekend).".to_owned(),
        terms: "Prices are per mailbox per month and exclude VAT.\nBilled annually in advance."
            .to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF back

/// `text` as the WinAnsi bytes the PDF holds (only the non-ASCII signs our figures use).
fn winansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '£' => 0xA3,
            '–' => 0x96,
            c if c.is_ascii() => c as u8,
            c => panic!("no WinAnsi byte for {c:?} in this test helper"),
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn has_text(pdf: &[u8], text: &str) -> bool {
    contains(pdf, &winansi(text))
}

/// The number after `key` in the last place it occurs.
fn number_after(pdf: &[u8], key: &str) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let at = text.rfind(key).unwrap_or_else(|| panic!("no {key:?}"));
    text[at + key.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no number after {key:?}"))
}

/// The content streams, in the order they are written, which is page order.
fn content_streams(pdf: &[u8]) -> Vec<&[u8]> {
    let mut streams = Vec::new();
    let mut rest = pdf;
    while let Some(start) = rest.windows(7).position(|w| w == b"stream\n") {
        let body = &rest[start + 7..];
        let end = body
            .windows(10)
            .position(|w| w == b"\nendstream")
            .expect("endstream");
        streams.push(&body[..end]);
        rest = &body[end + 10..];
    }
    streams
}

fn page_count(pdf: &[u8]) -> usize {
    number_after(pdf, "/Count ")
}

// ---------------------------------------------------------------------------------------------
// File structure

#[test]
fn is_a_pdf_14_file_whose_xref_points_at_every_object() {
    let pdf = render(&quote(Audience::Customer, Currency::EUR, 4));
    assert!(pdf.starts_with(b"%PDF-1.4\n"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));

    let xref_at = number_after(&pdf, "startxref\n");
    let xref = String::from_utf8_lossy(&pdf[xref_at..]);
    let mut lines = xref.lines();
    assert_eq!(lines.next(), Some("xref"));
    let header: Vec<usize> = lines
        .next()
        .expect("subsection header")
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    assert_eq!(header[0], 0);
    let size = header[1];
    assert_eq!(size, number_after(&pdf, "/Size "), "trailer /Size");
    assert_eq!(lines.next(), Some("0000000000 65535 f "));
    for number in 1..size {
        let entry = lines.next().expect("xref entry");
        assert_eq!(entry.len(), 19, "entry {number} is 20 bytes with its LF");
        assert!(entry.ends_with(" 00000 n "), "{entry:?}");
        let offset: usize = entry[..10].parse().expect("offset");
        let expected = format!("{number} 0 obj\n");
        assert!(
            pdf[offset..].starts_with(expected.as_bytes()),
            "xref entry {number} points at {:?}",
            String::from_utf8_lossy(&pdf[offset..(offset + 20).min(pdf.len())])
        );
    }
    assert_eq!(lines.next(), Some("trailer"));
}

#[test]
fn stream_lengths_match_their_content() {
    let pdf = render(&quote(Audience::Internal, Currency::EUR, 30));
    let text = String::from_utf8_lossy(&pdf);
    let declared: Vec<usize> = text
        .match_indices("<< /Length ")
        .map(|(at, _)| number_after(&pdf[..at + 20], "<< /Length "))
        .collect();
    let actual: Vec<usize> = content_streams(&pdf).iter().map(|s| s.len()).collect();
    assert_eq!(declared, actual);
}

#[test]
fn the_same_quote_gives_the_same_bytes() {
    let doc = quote(Audience::Internal, Currency::GBP, 12);
    assert_eq!(render(&doc), render(&doc));
}

// ---------------------------------------------------------------------------------------------
// Audiences

/// A (positive) margin share as printed: `27.9%`.
fn percent(bp: i64) -> String {
    Percent::from_basis_points(u32::try_from(bp).expect("positive margin")).to_string()
}

/// Every figure only the partner may see, as printed.
fn internal_figures(doc: &QuoteDocument) -> Vec<String> {
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
fn customer_figures(doc: &QuoteDocument) -> Vec<String> {
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
    let visible = customer_figures(&doc);
    for figure in internal_figures(&doc) {
        // A figure the customer legitimately sees elsewhere would prove nothing either way.
        if visible.iter().any(|v| v.contains(&figure)) {
            continue;
        }
        assert!(!has_text(&pdf, &figure), "customer copy shows {figure}");
    }
    for word in [
        "Cost", "Margin", "RRP", "cost", "margin", "Internal", "INTERNAL",
    ] {
        assert!(
            !contains(&pdf, word.as_bytes()),
            "customer copy says {word:?}"
        );
    }
    for figure in visible {
        assert!(has_text(&pdf, &figure), "customer copy lacks {figure}");
    }
}

#[test]
fn the_internal_copy_adds_cost_rrp_and_margin() {
    let doc = quote(Audience::Internal, Currency::EUR, 6);
    let pdf = render(&doc);
    for word in ["Cost", "Margin", "RRP", "INTERNAL COPY"] {
        assert!(
            contains(&pdf, word.as_bytes()),
            "internal copy lacks {word:?}"
        );
    }
    for figure in internal_figures(&doc)
        .into_iter()
        .chain(customer_figures(&doc))
    {
        assert!(has_text(&pdf, &figure), "internal copy lacks {figure}");
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
    let pdf = render(&doc);
    assert!(has_text(&pdf, "(-€123.45)"));
    let share = format!("(-{})", percent(-doc.totals.margin_bp));
    assert!(has_text(&pdf, &share), "{share}");
}

#[test]
fn the_customers_copy_has_an_acceptance_block_and_the_internal_one_does_not() {
    let customer = render(&quote(Audience::Customer, Currency::EUR, 2));
    let internal = render(&quote(Audience::Internal, Currency::EUR, 2));
    assert!(contains(&customer, b"(Signature)"));
    assert!(!contains(&internal, b"(Signature)"));
}

// ---------------------------------------------------------------------------------------------
// Drafts, currencies, pages

#[test]
fn a_draft_is_watermarked_on_every_page_and_a_final_quote_is_not() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 60);
    assert!(!contains(&render(&doc), b"DRAFT"));

    doc.draft = true;
    let pdf = render(&doc);
    let pages = content_streams(&pdf);
    assert!(pages.len() > 1);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            contains(page, b"(DRAFT) Tj"),
            "page {} has no watermark",
            i + 1
        );
    }
}

#[test]
fn euro_and_pound_amounts_are_written_in_winansi() {
    let eur = quote(Audience::Customer, Currency::EUR, 3);
    let pdf = render(&eur);
    let total = eur.totals.total.to_string();
    assert!(total.starts_with('€'));
    assert!(contains(
        &pdf,
        &[&[0x80u8][..], &winansi(&total)[1..]].concat()
    ));
    // Never as UTF-8, which would print as "â‚¬".
    assert!(!contains(&pdf, "€".as_bytes()));

    let gbp = quote(Audience::Internal, Currency::GBP, 3);
    let pdf = render(&gbp);
    let cost = gbp.totals.cost_total.to_string();
    assert!(cost.starts_with('£'));
    assert!(contains(
        &pdf,
        &[&[0xA3u8][..], &winansi(&cost)[1..]].concat()
    ));
    assert!(!contains(&pdf, "£".as_bytes()));
}

#[test]
fn many_lines_flow_over_pages_each_numbered_and_with_the_table_header() {
    for audience in [Audience::Customer, Audience::Internal] {
        let pdf = render(&quote(audience, Currency::USD, 80));
        let pages = content_streams(&pdf);
        let count = pages.len();
        assert!(count >= 3, "{audience:?}: 80 lines on {count} pages");
        assert_eq!(page_count(&pdf), count);
        let mut lines_seen = 0;
        for (i, page) in pages.iter().enumerate() {
            let label = format!("(Page {} of {count}) Tj", i + 1);
            assert!(
                contains(page, label.as_bytes()),
                "{audience:?}: page {} lacks {label}",
                i + 1
            );
            lines_seen += (1..=80)
                .filter(|n| contains(page, format!("(Business Mail Plan {n})").as_bytes()))
                .count();
            let has_lines = contains(page, b"(Business Mail Plan ");
            assert_eq!(
                has_lines,
                contains(page, b"(Product)"),
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
    assert!(contains(&pdf, b"no lines yet"));
}

#[test]
fn long_and_unusual_text_stays_inside_the_page() {
    let mut doc = quote(Audience::Customer, Currency::EUR, 3);
    doc.lines[0].description = "Very long description. ".repeat(200);
    doc.lines[1].name = "Café (Zürich) \\ Łódź".to_owned();
    doc.notes = "Paragraph one.\n\n".repeat(120);
    let pdf = render(&doc);
    assert!(page_count(&pdf) >= 2);
    // Parentheses and the backslash are escaped; Ł and ź, missing from WinAnsi, print as '?'.
    assert!(contains(&pdf, b"(Caf\xE9 \\(Z\xFCrich\\) \\\\ ?\xF3d?)"));
    // Every position on every page is on the paper.
    for page in content_streams(&pdf) {
        let ops = String::from_utf8_lossy(page);
        for op in ops.split(" Td ").filter_map(|s| s.rsplit("rg ").next()) {
            let xy: Vec<f32> = op
                .split_whitespace()
                .rev()
                .take(2)
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [y, x] = xy[..] {
                assert!(
                    (0.0..=595.0).contains(&x) && (0.0..=842.0).contains(&y),
                    "{x} {y}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What a reader gets (poppler)

fn pdftotext_available() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The text poppler extracts, failing on any complaint it prints about the file.
fn extract_text(pdf: &[u8], name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("portal-pdf");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "pdftotext: {stderr}"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn poppler_reads_the_text_back() {
    if !pdftotext_available() {
        eprintln!("note: pdftotext (poppler-utils) is not installed; skipping the text check");
        return;
    }
    let customer = quote(Audience::Customer, Currency::EUR, 4);
    let text = extract_text(&render(&customer), "customer.pdf");
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
        "15%",
        &customer.lines[0].unit_monthly.to_string(),
        &customer.lines[3].total.to_string(),
        "Total (EUR)",
        &customer.totals.total.to_string(),
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "customer text lacks {expected:?}:\n{text}"
        );
    }
    for secret in ["Cost", "Margin", "RRP", "DRAFT"] {
        assert!(!text.contains(secret), "customer text says {secret:?}");
    }

    let internal = QuoteDocument {
        audience: Audience::Internal,
        draft: true,
        ..quote(Audience::Internal, Currency::GBP, 4)
    };
    // The diagonal watermark comes out as scattered letters, not as a word, which is what a
    // reader copying the text wants; that it is drawn is checked on the bytes above.
    let text = extract_text(&render(&internal), "internal.pdf");
    for expected in [
        "INTERNAL COPY",
        "Margin",
        "Cost",
        "RRP",
        &internal.totals.cost_total.to_string(),
        &internal.totals.margin.to_string(),
        &percent(internal.totals.margin_bp),
        &internal.lines[2].rrp_total.to_string(),
    ] {
        assert!(
            text.contains(expected),
            "internal text lacks {expected:?}:\n{text}"
        );
    }

    let long = quote(Audience::Customer, Currency::USD, 80);
    let text = extract_text(&render(&long), "long.pdf");
    let pages = page_count(&render(&long));
    for n in 1..=pages {
        assert!(text.contains(&format!("Page {n} of {pages}")), "page {n}");
    }
    assert!(text.contains("Business Mail Plan 80"));
}
