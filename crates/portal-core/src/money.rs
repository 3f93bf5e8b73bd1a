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
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A percentage in basis points: 2550 is 25.50 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    }
}
