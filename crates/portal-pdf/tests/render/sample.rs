//! A quote to render: every line discounted, so each audience's figures differ.

use crate::*;

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A line whose internal figures all differ from its customer figures (every line is discounted),
/// so "the customer's copy does not contain the cost" cannot pass by coincidence.
pub(crate) fn line(currency: Currency, i: u32) -> DocLine {
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

pub(crate) fn quote(audience: Audience, currency: Currency, line_count: u32) -> QuoteDocument {
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

pub(crate) fn logo_png() -> Image {
    Image::from_bytes(include_bytes!("../../examples/sample/logo.png").to_vec()).expect("png logo")
}

pub(crate) fn logo_jpeg() -> Image {
    Image::from_bytes(include_bytes!("../../examples/sample/logo.jpg").to_vec()).expect("jpeg logo")
}
