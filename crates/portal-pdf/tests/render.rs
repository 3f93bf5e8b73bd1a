//! The quote PDF from the outside, read back the way a person's tools read it: poppler
//! (`pdftotext`, `pdffonts`, `pdfimages`, `pdfinfo`, installed by `scripts/setup.sh --test`) says
//! what text each page shows and where, which fonts are embedded and which images are placed.
//!
//! What each audience may see, drafts, page breaks, alignment, names in any script, logos, and
//! the same bytes for the same document.

use chrono::NaiveDate;
use portal_core::money::{Currency, Money, Percent};
use portal_pdf::{
    render, render_with_logo, Audience, DocLine, DocTotals, Image, Party, QuoteDocument,
};
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
// Reading the PDF back (poppler)

/// Runs a poppler tool on `pdf` (saved as `name` under the test's temporary directory, where it
/// can be looked at), failing on any complaint it prints about the file.
fn poppler(tool: &str, args: &[&str], pdf: &[u8], name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("portal-pdf");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    match tool {
        // To standard output.
        "pdftotext" => {
            command.arg("-");
        }
        // Beside the file.
        "pdftoppm" => {
            command.arg(path.with_extension(""));
        }
        _ => {}
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{tool} (poppler-utils) is needed: `scripts/setup.sh --test` installs it ({e})")
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "{tool} on {name}: {stderr}"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Each page's text, laid out as on the page.
fn pages(pdf: &[u8], name: &str) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, name);
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed, the last one too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn text(pdf: &[u8], name: &str) -> String {
    pages(pdf, name).concat()
}

/// A word poppler found, with its box in points from the page's top-left corner.
#[derive(Debug, Clone)]
struct Word {
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
    text: String,
}

/// Each page's words and where they are.
fn words(pdf: &[u8], name: &str) -> Vec<Vec<Word>> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8"], pdf, name);
    let attribute = |tag: &str, key: &str| -> f32 {
        let at = tag.find(&format!("{key}=\"")).expect("attribute") + key.len() + 2;
        tag[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let (tag, rest) = word.split_once('>').expect("word tag");
                    let text = rest.split("</word>").next().expect("word text");
                    Word {
                        x_min: attribute(tag, "xMin"),
                        y_min: attribute(tag, "yMin"),
                        x_max: attribute(tag, "xMax"),
                        y_max: attribute(tag, "yMax"),
                        text: unescape(text),
                    }
                })
                .collect()
        })
        .collect()
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The words drawn far larger than any text, left to right: the diagonal watermark, which
/// poppler reads as a few scattered pieces.
fn giant_words(page: &[Word]) -> Vec<&Word> {
    let mut giant: Vec<&Word> = page.iter().filter(|w| w.y_max - w.y_min > 60.0).collect();
    giant.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    giant
}

fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf, "count.pdf");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

fn logo_png() -> Image {
    Image::from_bytes(include_bytes!("../examples/sample/logo.png").to_vec()).expect("png logo")
}

fn logo_jpeg() -> Image {
    Image::from_bytes(include_bytes!("../examples/sample/logo.jpg").to_vec()).expect("jpeg logo")
}

// ---------------------------------------------------------------------------------------------
// The file

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

// ---------------------------------------------------------------------------------------------
// Drafts, currencies, pages

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

// ---------------------------------------------------------------------------------------------
// Layout as measured with the real fonts

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

// ---------------------------------------------------------------------------------------------
// Names in every script

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

// ---------------------------------------------------------------------------------------------
// Logos

/// (page, width, height, type, encoding) of each image pdfimages lists.
fn images(pdf: &[u8], name: &str) -> Vec<(usize, u32, u32, String, String)> {
    poppler("pdfimages", &["-list"], pdf, name)
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            let n = |i: usize| c[i].parse::<u32>().expect("number");
            (n(0) as usize, n(3), n(4), c[2].to_owned(), c[8].to_owned())
        })
        .collect()
}

#[test]
fn a_logo_is_placed_in_the_letterhead_of_the_first_page_only() {
    let doc = quote(Audience::Customer, Currency::EUR, 60);
    assert!(images(&render(&doc), "no-logo.pdf").is_empty());

    let pdf = render_with_logo(&doc, &logo_png());
    assert!(page_count(&pdf) > 1);
    let listed = images(&pdf, "png-logo.pdf");
    // The picture, and its transparency as a soft mask.
    assert_eq!(
        listed,
        [
            (1, 560, 160, "image".to_owned(), "image".to_owned()),
            (1, 560, 160, "smask".to_owned(), "image".to_owned())
        ]
    );
    // The partner's name moves right of the logo; nothing else changes.
    let band = |pdf: &[u8], name: &str| -> f32 {
        words(pdf, name)[0]
            .iter()
            .find(|w| w.text == "Brightline" && w.y_max < 92.0)
            .map(|w| w.x_min)
            .expect("the partner's name in the band")
    };
    assert!((band(&render(&doc), "plain.pdf") - 48.0).abs() < 0.5);
    assert!(band(&pdf, "png-logo.pdf") > 48.0 + 150.0);
    assert_eq!(
        text(&pdf, "png-logo.pdf").replace(' ', ""),
        text(&render(&doc), "plain.pdf").replace(' ', "")
    );

    let jpeg = render_with_logo(&doc, &logo_jpeg());
    assert_eq!(
        images(&jpeg, "jpeg-logo.pdf"),
        [(1, 560, 160, "image".to_owned(), "jpeg".to_owned())]
    );
}
