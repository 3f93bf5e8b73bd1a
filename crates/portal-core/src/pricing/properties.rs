//! Properties of the pricing engine over generated lines (proptest).

use super::tests::product;
use super::*;
use proptest::prelude::*;
use uuid::Uuid;

fn arb_book() -> impl Strategy<Value = PriceBook> {
    (
        prop::collection::vec((1i64..100_000, 0u32..=10_000), 1..5),
        0u32..=10_000,
    )
        .prop_map(|(prices, margin)| PriceBook {
            products: prices
                .into_iter()
                .enumerate()
                .map(|(i, (list, cap))| product(i as u128 + 1, list, cap))
                .collect(),
            margin: Percent(margin),
        })
}

fn arb_lines() -> impl Strategy<Value = Vec<QuoteLine>> {
    prop::collection::vec(
        (
            1u128..5,
            1u32..=MAX_QUANTITY,
            prop::sample::select(vec![12u32, 24, 36]),
            0u32..=10_000,
        )
            .prop_map(|(p, quantity, term_months, d)| QuoteLine {
                product_id: ProductId::from_uuid(Uuid::from_u128(p)),
                quantity,
                term_months,
                discount: Percent(d),
            }),
        1..12,
    )
}

/// Only lines whose product exists in `book`.
fn known(book: &PriceBook, lines: Vec<QuoteLine>) -> Vec<QuoteLine> {
    let n = book.products.len() as u128;
    lines
        .into_iter()
        .map(|mut l| {
            let k = (l.product_id.as_uuid().as_u128() - 1) % n + 1;
            l.product_id = ProductId::from_uuid(Uuid::from_u128(k));
            l
        })
        .collect()
}

proptest! {
    #[test]
    fn totals_are_the_sum_of_lines_and_never_negative(book in arb_book(), lines in arb_lines()) {
        let lines = known(&book, lines);
        let q = price_quote(&book, &lines, Currency::USD).unwrap();
        let sum = |f: fn(&LinePrice) -> i64| q.lines.iter().map(f).sum::<i64>();
        prop_assert_eq!(q.totals.total.minor, sum(|l| l.total.minor));
        prop_assert_eq!(q.totals.rrp_total.minor, sum(|l| l.rrp_total.minor));
        prop_assert_eq!(q.totals.cost_total.minor, sum(|l| l.cost_total.minor));
        for l in &q.lines {
            prop_assert!(l.total.minor >= 0 && l.cost_total.minor >= 0 && l.unit_monthly.minor >= 0);
            prop_assert!(l.total <= l.rrp_total && l.cost_total <= l.rrp_total);
        }
        prop_assert!(q.totals.savings().minor >= 0);
    }

    #[test]
    fn margin_is_consistent(book in arb_book(), lines in arb_lines()) {
        let lines = known(&book, lines);
        let q = price_quote(&book, &lines, Currency::USD).unwrap();
        let t = q.totals;
        prop_assert_eq!(t.margin.minor, t.total.minor - t.cost_total.minor);
        for l in &q.lines {
            prop_assert_eq!(l.margin.minor, l.total.minor - l.cost_total.minor);
        }
        if t.total.minor > 0 {
            // margin_bp is the share rounded to a basis point.
            let exact = i128::from(t.margin.minor) * 10_000;
            let approx = i128::from(t.margin_bp) * i128::from(t.total.minor);
            prop_assert!((exact - approx).abs() * 2 <= i128::from(t.total.minor));
        }
        // A discount no deeper than the margin never sells below cost.
        for (l, p) in lines.iter().zip(&q.lines) {
            if l.discount <= book.margin {
                prop_assert!(p.margin.minor >= 0);
            }
        }
    }

    #[test]
    fn rounding_is_stable(book in arb_book(), lines in arb_lines()) {
        let lines = known(&book, lines);
        let q = price_quote(&book, &lines, Currency::USD).unwrap();
        // The same quote, through JSON and back (as it travels to the server), prices the same.
        let wire: Vec<QuoteLine> = serde_json::from_str(&serde_json::to_string(&lines).unwrap()).unwrap();
        prop_assert_eq!(&price_quote(&book, &wire, Currency::USD).unwrap(), &q);
        // Line order does not change the totals.
        let mut reversed = lines.clone();
        reversed.reverse();
        prop_assert_eq!(price_quote(&book, &reversed, Currency::USD).unwrap().totals, q.totals);
        // Each line's total is within half a minor unit of the exact figure.
        for (l, p) in lines.iter().zip(&q.lines) {
            let prod = book.product(l.product_id).unwrap();
            let keep = |x: Percent| 10_000i128 - i128::from(x.basis_points());
            let exact = i128::from(prod.list_price.minor) * i128::from(l.quantity) * i128::from(l.term_months)
                * keep(p.tier_discount) * keep(p.term_discount) * keep(l.discount);
            let got = i128::from(p.total.minor) * 1_000_000_000_000;
            prop_assert!((exact - got).abs() * 2 <= 1_000_000_000_000);
        }
    }

    #[test]
    fn a_deeper_discount_never_costs_the_customer_more(book in arb_book(), lines in arb_lines(), extra in 0u32..=10_000) {
        let lines = known(&book, lines);
        let q = price_quote(&book, &lines, Currency::USD).unwrap();
        let deeper: Vec<QuoteLine> = lines.iter().map(|l| QuoteLine {
            discount: Percent((l.discount.basis_points() + extra).min(10_000)),
            ..*l
        }).collect();
        let d = price_quote(&book, &deeper, Currency::USD).unwrap();
        prop_assert!(d.totals.total <= q.totals.total);
        prop_assert_eq!(d.totals.cost_total, q.totals.cost_total);
    }
}
