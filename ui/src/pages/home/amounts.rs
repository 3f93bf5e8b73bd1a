//! Amounts and months as the Dashboard shows them: whole units, and short for a chart's axis.

use portal_core::money::Money;

/// An amount in whole units: `$12,400`.
pub fn whole(m: Money) -> String {
    let rounded = Money::new((m.minor + m.minor.signum() * 50) / 100 * 100, m.currency);
    rounded.to_string().trim_end_matches(".00").to_owned()
}

/// An amount for a chart's axis and bars: `$0`, `$800`, `$2.3k`, `$12k`, `$1.5M`.
pub fn compact(minor: i64, symbol: &str) -> String {
    let units = minor / 100;
    let short = |v: f64, suffix: &str| {
        if v.fract() == 0.0 || v.abs() >= 10.0 {
            format!("{symbol}{v:.0}{suffix}")
        } else {
            format!("{symbol}{v:.1}{suffix}")
        }
    };
    match units.abs() {
        0..=999 => format!("{symbol}{units}"),
        1_000..=999_999 => short(units as f64 / 1_000.0, "k"),
        _ => short(units as f64 / 1_000_000.0, "M"),
    }
}
