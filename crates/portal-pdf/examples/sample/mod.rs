//! The sample quote the example prints and the benchmark renders: a realistic four-line quote
//! from a partner to an architects' office, priced the way the price book prices it.

use chrono::NaiveDate;
use portal_core::money::{Currency, Money, Percent};
use portal_pdf::{Audience, DocLine, DocTotals, Party, QuoteDocument};

/// The partner's logo, a 560×160 PNG with a transparent background (`logo.jpg` is the same on
/// white, for the JPEG tests).
pub const LOGO_PNG: &[u8] = include_bytes!("logo.png");

const CURRENCY: Currency = Currency::EUR;

fn eur(minor: i64) -> Money {
    Money::new(minor, CURRENCY)
}

/// A line priced the way the price book does it: RRP per mailbox per month less the partner's
/// discount, the partner's cost per mailbox per month, times mailboxes and months.
fn line(
    sku: &str,
    name: &str,
    description: &str,
    (quantity, term_months): (u32, u32),
    rrp_monthly: i64,
    discount_bp: u32,
    cost_monthly: i64,
) -> DocLine {
    let unit = rrp_monthly - rrp_monthly * i64::from(discount_bp) / 10_000;
    let months = i64::from(quantity) * i64::from(term_months);
    let total = unit * months;
    let cost = cost_monthly * months;
    DocLine {
        sku: sku.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        quantity,
        term_months,
        unit_monthly: eur(unit),
        discount: Percent::from_basis_points(discount_bp),
        total: eur(total),
        rrp_total: eur(rrp_monthly * months),
        cost_total: eur(cost),
        margin: eur(total - cost),
    }
}

/// The sample quote, the customer's copy.
pub fn quote() -> QuoteDocument {
    let lines = vec![
        line(
            "NMC-BUS-STD",
            "Business Mail Standard",
            "50 GB mailbox per user with shared calendars, contacts, mobile sync and web access. \
             Includes spam and virus filtering and 99.9% uptime SLA.",
            (180, 12),
            450,
            1500,
            300,
        ),
        line(
            "NMC-ARC-10Y",
            "Archive & eDiscovery",
            "Tamper-proof archive with 10-year retention, legal hold and full-text search for \
             compliance officers.",
            (180, 12),
            200,
            1000,
            120,
        ),
        line(
            "NMC-ATP",
            "Advanced Threat Protection",
            "Sandboxing of attachments, link rewriting and impersonation detection.",
            (180, 12),
            150,
            0,
            95,
        ),
        line(
            "NMC-SHR-MBX",
            "Shared Mailbox Add-on",
            "Team addresses such as info@ and accounts@ with delegated access.",
            (12, 12),
            125,
            2000,
            70,
        ),
    ];
    let sum = |f: fn(&DocLine) -> Money| eur(lines.iter().map(|l| f(l).minor).sum());
    let total = sum(|l| l.total);
    let rrp_total = sum(|l| l.rrp_total);
    let cost_total = sum(|l| l.cost_total);
    let margin = eur(total.minor - cost_total.minor);
    let margin_bp = if total.minor == 0 {
        0
    } else {
        margin.minor * 10_000 / total.minor
    };

    QuoteDocument {
        audience: Audience::Customer,
        draft: false,
        title: "Quote Q-000123 revision 2".to_owned(),
        number: "Q-000123".to_owned(),
        revision: 2,
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date"),
        valid_until: NaiveDate::from_ymd_opt(2026, 12, 24).expect("valid date"),
        vendor: Party {
            name: "Northwind Mail Cloud".to_owned(),
            lines: vec![],
        },
        partner: Party {
            name: "Brightline IT Solutions".to_owned(),
            lines: vec![
                "Unit 4, Harbour Court".to_owned(),
                "Dublin D02 X285, Ireland".to_owned(),
                "sales@brightline-it.ie".to_owned(),
                "+353 1 555 0142".to_owned(),
            ],
        },
        customer: Party {
            name: "Harbour & Vale Architects".to_owned(),
            lines: vec![
                "Attn: Siobhán Ní Bhriain, Office Manager".to_owned(),
                "12 Merrion Square North".to_owned(),
                "Dublin D02 FK80, Ireland".to_owned(),
            ],
        },
        prepared_by: "Conor Walsh".to_owned(),
        currency: CURRENCY,
        totals: DocTotals {
            total,
            rrp_total,
            cost_total,
            margin,
            margin_bp,
            savings: eur(rrp_total.minor - total.minor),
        },
        lines,
        notes: "Pricing assumes all 180 mailboxes are migrated in a single cut-over weekend. \
                Brightline will run the migration at no extra charge and provide two \
                lunchtime training sessions for your staff."
            .to_owned(),
        terms: "1. Prices are per mailbox per month, billed annually in advance, and exclude \
                VAT.\n\
                2. The subscription term starts on the date of activation and renews for the \
                same term unless cancelled in writing 30 days before the end of the term.\n\
                3. Mailboxes may be added at any time at the quoted unit price, pro rata to \
                the end of the term; they may not be reduced during the term.\n\
                4. This quote is subject to the Northwind Mail Cloud Customer Agreement and \
                Brightline IT Solutions' standard terms of sale."
            .to_owned(),
    }
}
