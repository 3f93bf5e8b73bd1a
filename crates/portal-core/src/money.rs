//! Money and percentages as integers: never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in minor units (cents) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Minor units: 1234 is 12.34.
    pub minor: i64,
    /// ISO 4217 code, such as "USD".
    pub currency: Currency,
}

/// The currencies the price book is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    USD,
    EUR,
    GBP,
}

impl Currency {
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::USD => "$",
            Currency::EUR => "€",
            Currency::GBP => "£",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "USD" => Some(Currency::USD),
            "EUR" => Some(Currency::EUR),
            "GBP" => Some(Currency::GBP),
            _ => None,
        }
    }
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }
}

impl fmt::Display for Money {
    /// `$1,234.50`, `-€3.00`: grouped thousands, two decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let whole = group_thousands(abs / 100);
        write!(
            f,
            "{sign}{}{whole}.{:02}",
            self.currency.symbol(),
            abs % 100
        )
    }
}

fn group_thousands(n: u64) -> String {
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

/// A percentage in basis points: 2550 is 25.50 %.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Percent(pub u32);

impl Percent {
    pub const fn from_basis_points(bp: u32) -> Self {
        Self(bp)
    }
    pub const fn basis_points(self) -> u32 {
        self.0
    }

    /// 100 %.
    pub const FULL: Percent = Percent(10_000);

    /// A percentage as typed: `12`, `12.5`, `7.25`, with or without a `%` sign; at most two
    /// decimals, never negative.
    pub fn parse(text: &str) -> Option<Percent> {
        let t = text.trim().trim_end_matches('%').trim();
        if t.is_empty() {
            return None;
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
        {
            return None;
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let frac: u32 = format!("{frac:0<2}").parse().ok()?;
        whole.checked_mul(100)?.checked_add(frac).map(Percent)
    }

    /// The number as a form shows it for editing: `12.5`, `0`.
    pub fn to_input(self) -> String {
        let s = self.to_string();
        s.trim_end_matches('%').to_owned()
    }
}

/// A signed share in basis points, such as a margin that a deep discount made negative.
pub fn format_signed_bp(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        Percent(u32::try_from(bp.unsigned_abs()).unwrap_or(u32::MAX))
    )
}

impl fmt::Display for Percent {
    /// `25%`, `12.5%`, `7.25%`: no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{whole}%"),
            f2 if f2 % 10 == 0 => write!(f, "{whole}.{}%", f2 / 10),
            f2 => write!(f, "{whole}.{f2:02}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_with_grouping_and_sign() {
        assert_eq!(Money::new(123_450, Currency::USD).to_string(), "$1,234.50");
        assert_eq!(Money::new(-300, Currency::EUR).to_string(), "-€3.00");
        assert_eq!(Money::new(5, Currency::GBP).to_string(), "£0.05");
        assert_eq!(
            Money::new(10_000_000_000, Currency::USD).to_string(),
            "$100,000,000.00"
        );
    }

    #[test]
    fn formats_percent_without_trailing_zeros() {
        assert_eq!(Percent(2500).to_string(), "25%");
        assert_eq!(Percent(1250).to_string(), "12.5%");
        assert_eq!(Percent(725).to_string(), "7.25%");
        assert_eq!(format_signed_bp(-1250), "-12.5%");
    }

    #[test]
    fn parses_percentages_as_typed() {
        assert_eq!(Percent::parse("12"), Some(Percent(1200)));
        assert_eq!(Percent::parse(" 12.5 % "), Some(Percent(1250)));
        assert_eq!(Percent::parse("7.25"), Some(Percent(725)));
        assert_eq!(Percent::parse(".5"), Some(Percent(50)));
        assert_eq!(Percent::parse("0"), Some(Percent(0)));
        for bad in ["", "-5", "1.234", "abc", "1,5", "."] {
            assert_eq!(Percent::parse(bad), None, "{bad}");
        }
        assert_eq!(Percent(1250).to_input(), "12.5");
    }
}
