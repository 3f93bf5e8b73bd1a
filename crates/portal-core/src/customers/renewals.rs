//! The Renewals page: which renewals it shows (a window, a month of the Dashboard's chart, an owner,
//! a product), in which order, and its rows with their value.

use super::Choice;
use crate::ids::{CustomerId, ProductId, RenewalId, SubscriptionId, UserId};
use crate::money::Money;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Which renewals the Renewals page shows, by how soon they are due.
    #[derive(Default)]
    pub enum RenewalWindow {
        Days30 = "days30",
        Days60 = "days60",
        Days90 = "days90",
        Days365 = "days365",
        /// Every renewal due today or later.
        #[default]
        AllUpcoming = "all_upcoming",
    }
}

impl RenewalWindow {
    /// The last day counted is today plus these days (None: no end).
    pub fn days(self) -> Option<u32> {
        match self {
            RenewalWindow::Days30 => Some(30),
            RenewalWindow::Days60 => Some(60),
            RenewalWindow::Days90 => Some(90),
            RenewalWindow::Days365 => Some(365),
            RenewalWindow::AllUpcoming => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RenewalWindow::Days30 => "Next 30 days",
            RenewalWindow::Days60 => "Next 60 days",
            RenewalWindow::Days90 => "Next 90 days",
            RenewalWindow::Days365 => "Next 12 months",
            RenewalWindow::AllUpcoming => "All upcoming",
        }
    }

    /// The first and last due dates in the window, from `today` (both inclusive).
    pub fn range(self, today: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
        let end = self
            .days()
            .and_then(|d| today.checked_add_days(chrono::Days::new(u64::from(d))));
        (today, end)
    }
}

crate::wire_enum! {
    /// The column the renewals list is sorted by.
    #[derive(Default)]
    pub enum RenewalSort {
        /// Soonest first.
        #[default]
        DueOn = "due_on",
        Customer = "customer",
        Product = "product",
        Seats = "seats",
        Value = "value",
        /// Renewals of customers nobody looks after come last either way.
        Owner = "owner",
    }
}

/// The first day of the calendar month that holds `day`.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

/// A renewals list request, soonest first unless sorted otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalQuery {
    pub window: RenewalWindow,
    /// Only the renewals due in the calendar month that starts on this day (any day of it
    /// names the same month), and still upcoming: what a month of the Dashboard's chart counts.
    /// Both it and the window apply.
    #[serde(default)]
    pub due_in_month: Option<NaiveDate>,
    /// Only the renewals of the customers this user looks after.
    pub owner_id: Option<UserId>,
    pub product_id: Option<ProductId>,
    pub customer_id: Option<CustomerId>,
    #[serde(default)]
    pub sort: RenewalSort,
    /// Turns the sort round; renewals tied on the sort's column stay soonest first.
    #[serde(default)]
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

impl RenewalQuery {
    /// The first and last due dates the query keeps, from `today` (both inclusive): the window's,
    /// narrowed to the month when one is asked for. The first may fall after the last (a month
    /// that has passed): then none is kept.
    pub fn due_range(&self, today: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
        let (from, to) = self.window.range(today);
        let Some(month) = self.due_in_month.map(month_of) else {
            return (from, to);
        };
        let last = month
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        (from.max(month), Some(to.map_or(last, |t| t.min(last))))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalRow {
    pub id: RenewalId,
    pub subscription_id: SubscriptionId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub product_id: ProductId,
    pub product: String,
    /// The seats of the subscription it renews.
    pub seats: u32,
    pub due_on: NaiveDate,
    pub value: Money,
    pub owner_id: Option<UserId>,
    pub owner_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalList {
    pub rows: Vec<RenewalRow>,
    /// How many renewals match (all pages).
    pub total: u64,
    /// The value of every renewal that matches (all pages), one sum per currency.
    pub total_value: Vec<Money>,
    /// The owners and products the filters offer (every renewal's, whatever the filters).
    pub owners: Vec<Choice<UserId>>,
    pub products: Vec<Choice<ProductId>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_runs_from_today_to_its_last_day() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(
            RenewalWindow::Days30.range(today),
            (today, NaiveDate::from_ymd_opt(2026, 3, 2))
        );
        assert_eq!(RenewalWindow::AllUpcoming.range(today), (today, None));
        for w in RenewalWindow::ALL {
            assert_eq!(RenewalWindow::parse(w.as_str()), Some(w));
            assert_eq!(
                serde_json::to_value(w).unwrap(),
                serde_json::Value::String(w.as_str().into())
            );
        }
    }

    #[test]
    fn a_month_keeps_its_days_from_today_within_the_window() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-01-20");
        let in_month = |m: &str, window| RenewalQuery {
            window,
            due_in_month: Some(d(m)),
            ..RenewalQuery::default()
        };
        // This month: from today to its last day.
        assert_eq!(
            in_month("2026-01-01", RenewalWindow::AllUpcoming).due_range(today),
            (today, Some(d("2026-01-31")))
        );
        // A later month, named by any of its days; February of a leap year ends on the 29th.
        assert_eq!(
            in_month("2028-02-17", RenewalWindow::AllUpcoming).due_range(today),
            (d("2028-02-01"), Some(d("2028-02-29")))
        );
        // December ends the year.
        assert_eq!(
            in_month("2026-12-01", RenewalWindow::AllUpcoming).due_range(today),
            (d("2026-12-01"), Some(d("2026-12-31")))
        );
        // The window still applies: 30 days from the 20th end on 19 February.
        assert_eq!(
            in_month("2026-02-01", RenewalWindow::Days30).due_range(today),
            (d("2026-02-01"), Some(d("2026-02-19")))
        );
        // A month gone by keeps nothing.
        let (from, to) = in_month("2025-12-01", RenewalWindow::AllUpcoming).due_range(today);
        assert!(to.is_some_and(|t| t < from));
        assert_eq!(month_of(d("2026-03-31")), d("2026-03-01"));
    }
}
