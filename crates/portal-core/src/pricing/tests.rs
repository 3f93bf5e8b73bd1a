//! The pricing engine's figures, worked by hand.

use super::*;
use crate::pricebook::{PriceTier, TermDiscount};
use uuid::Uuid;

pub(crate) fn product(n: u128, list_minor: i64, cap_bp: u32) -> Product {
    Product {
        id: ProductId::from_uuid(Uuid::from_u128(n)),
        sku: format!("SKU-{n}"),
        name: format!("Product {n}"),
        description: String::new(),
        unit: "mailbox/month".into(),
        list_price: Money::new(list_minor, Currency::USD),
        discount_cap: Percent(cap_bp),
        active: true,
        price_tiers: [(1, 0), (100, 500), (500, 1000), (1000, 1500), (5000, 2000)]
            .into_iter()
            .map(|(min_qty, bp)| PriceTier {
                min_qty,
                discount: Percent(bp),
            })
            .collect(),
        term_discounts: [(12, 0), (24, 500), (36, 1000)]
            .into_iter()
            .map(|(term_months, bp)| TermDiscount {
                term_months,
                discount: Percent(bp),
            })
            .collect(),
    }
}

fn book() -> PriceBook {
    PriceBook {
        products: vec![product(1, 250, 3500), product(2, 180, 3000)],
        margin: Percent(2500),
    }
}

fn line(n: u128, quantity: u32, term_months: u32, discount_bp: u32) -> QuoteLine {
    QuoteLine {
        product_id: ProductId::from_uuid(Uuid::from_u128(n)),
        quantity,
        term_months,
        discount: Percent(discount_bp),
    }
}

#[test]
fn prices_a_line_by_hand() {
    // 250 mailboxes (5% tier) for 24 months (5% term) at $2.50, 10% partner discount.
    let p = price_line(&book(), &line(1, 250, 24, 1000), Currency::USD).unwrap();
    assert_eq!(p.rrp_total.minor, 250 * 250 * 24); // $15,000.00
                                                   // 1,500,000 × 0.95 × 0.95 = 1,353,750 standard; × 0.90 = 1,218,375.
    assert_eq!(p.total.minor, 1_218_375);
    // × 0.75 = 1,015,312.5 → rounds half away from zero.
    assert_eq!(p.cost_total.minor, 1_015_313);
    assert_eq!(p.margin.minor, 1_218_375 - 1_015_313);
    // $2.50 × 0.95 × 0.95 × 0.90 = $2.030625 → $2.03.
    assert_eq!(p.unit_monthly.minor, 203);
    assert!(!p.needs_approval);
}

#[test]
fn a_discount_above_the_cap_needs_approval() {
    let p = price_line(&book(), &line(2, 10, 12, 3001), Currency::USD).unwrap();
    assert!(p.needs_approval);
    let q = price_quote(
        &book(),
        &[line(1, 10, 12, 0), line(2, 10, 12, 3001)],
        Currency::USD,
    )
    .unwrap();
    assert!(q.needs_approval);
}

#[test]
fn every_bad_line_is_reported() {
    let mut b = book();
    b.products[1].active = false;
    let errors = price_quote(
        &b,
        &[
            line(9, 10, 12, 0),
            line(1, 0, 12, 0),
            line(1, 10, 18, 0),
            line(1, 10, 12, 10_001),
            line(2, 10, 12, 0),
        ],
        Currency::USD,
    )
    .unwrap_err();
    let fields: Vec<String> = errors.iter().map(|(i, e)| e.field(*i)).collect();
    assert_eq!(
        fields,
        [
            "lines[0].product_id",
            "lines[1].quantity",
            "lines[2].term_months",
            "lines[3].discount",
            "lines[4].product_id"
        ]
    );
    assert_eq!(
        errors[2].1.to_string(),
        "Product 1 is offered for 12, 24 or 36 months."
    );
    assert!(price_quote(&b, &[], Currency::USD).is_err());
    assert!(matches!(
        price_line(&b, &line(1, 10, 12, 0), Currency::EUR),
        Err(PricingError::Currency { .. })
    ));
}

#[test]
fn tampered_totals_are_named() {
    let q = price_quote(&book(), &[line(1, 100, 36, 500)], Currency::USD).unwrap();
    assert!(check_totals(&q.totals, &q.totals).is_ok());
    let mut sent = q.totals;
    sent.total.minor -= 1;
    let e = check_totals(&sent, &q.totals).unwrap_err();
    assert!(e.message.contains("total"), "{}", e.message);
}
