//! "Today" as the server sees it: the system clock, or a fixed day (tests, demos).
//!
//! Deal decisions and expiry are dated by the server, never by a client, so the day comes from here.

use chrono::{NaiveDate, Utc};

/// Where the server's idea of the current day comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, in UTC.
    #[default]
    System,
    /// Always this day.
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Utc::now().date_naive(),
            Clock::Fixed(day) => *day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_put() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(Clock::Fixed(day).today(), day);
        assert_eq!(Clock::default(), Clock::System);
    }
}
