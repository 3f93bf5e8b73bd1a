//! How dates, terms and amounts read on the page (money and percentages format themselves).

use chrono::{Datelike, NaiveDate};
use portal_core::money::{Money, Percent};
use portal_core::words::month_long;

/// `25 November 2026`: unambiguous to readers on both sides of the Atlantic.
pub fn date(d: NaiveDate) -> String {
    let month = month_long(d.month0());
    format!("{} {month} {}", d.day(), d.year())
}

/// `12 months`, `1 month`.
pub fn term(months: u32) -> String {
    match months {
        1 => "1 month".to_owned(),
        n => format!("{n} months"),
    }
}

/// `12 mo`, for narrow columns.
pub fn term_short(months: u32) -> String {
    format!("{months} mo")
}

/// A quantity with grouped thousands: `1,250`.
pub fn count(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Signed basis points as a percentage: `27.9%`, `-4.25%`.
pub fn signed_percent(bp: i64) -> String {
    let magnitude = Percent(u32::try_from(bp.unsigned_abs()).unwrap_or(u32::MAX));
    if bp < 0 {
        format!("-{magnitude}")
    } else {
        magnitude.to_string()
    }
}

/// An amount taken off: `-€1,234.00` for a positive `amount`.
pub fn deduction(amount: Money) -> String {
    Money::new(-amount.minor, amount.currency).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::money::Currency;

    #[test]
    fn dates_read_day_month_year_in_words() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(date(d(2026, 11, 25)), "25 November 2026");
        assert_eq!(date(d(2027, 1, 1)), "1 January 2027");
        assert_eq!(date(d(2028, 2, 29)), "29 February 2028");
    }

    #[test]
    fn terms_say_months() {
        assert_eq!(term(1), "1 month");
        assert_eq!(term(36), "36 months");
        assert_eq!(term_short(12), "12 mo");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1250), "1,250");
        assert_eq!(count(1_000_000), "1,000,000");
    }

    #[test]
    fn signed_percentages_keep_their_sign() {
        assert_eq!(signed_percent(2790), "27.9%");
        assert_eq!(signed_percent(0), "0%");
        assert_eq!(signed_percent(-425), "-4.25%");
    }

    #[test]
    fn deductions_show_a_minus() {
        assert_eq!(deduction(Money::new(265_500, Currency::EUR)), "-€2,655.00");
        assert_eq!(deduction(Money::new(0, Currency::GBP)), "£0.00");
    }
}
