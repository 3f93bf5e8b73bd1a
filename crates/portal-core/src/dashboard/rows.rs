//! The rows the Dashboard's figures are computed from, and how each side's tables read into them
//! (the app's cache and the server's database keep the same names and amounts as text).

use crate::api::news::NewsItem;
use crate::customers::CaseStatus;
use crate::deal::DealStatus;
use crate::money::{Currency, Money};
use crate::order::OrderStatus;
use crate::quote::QuoteStatus;
use crate::wire::WireName;
use chrono::NaiveDate;

// ---------- The rows both sides read ----------

/// A quote as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub status: QuoteStatus,
    /// A revision replaced it.
    pub superseded: bool,
    pub valid_until: NaiveDate,
    pub rrp_total: Money,
    pub cost_total: Money,
}

/// A deal registration as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRow {
    pub status: DealStatus,
    pub estimated_value: Money,
}

/// An order as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    pub status: OrderStatus,
    pub total: Money,
}

/// A subscription as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRow {
    pub customer_id: String,
    pub seats: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A renewal as the figures need it — or several: a reader may group the renewals due the same
/// day in the same currency into one row (their values summed), which counts the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalRow {
    pub due_on: NaiveDate,
    pub value: Money,
    /// How many renewals the row stands for (1 for one renewal).
    pub count: u32,
}

/// The Customers-area rows (only for roles that see the Customers area).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerRows {
    pub customers: u32,
    pub subscriptions: Vec<SubscriptionRow>,
    /// The mailboxes covered, when the reader counted them itself by the rule of [`seats`] (as a
    /// large cache does in SQL, rather than reading a row per subscription); `None`: counted
    /// here from `subscriptions`.
    pub seats: Option<u64>,
    /// Renewals due before today may be left out by the reader: they count nowhere.
    pub renewals: Vec<RenewalRow>,
    /// Each support case's status.
    pub support_case_statuses: Vec<CaseStatus>,
}

/// Everything the figures are computed from, in the caller's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub quotes: Vec<QuoteRow>,
    pub deals: Vec<DealRow>,
    pub orders: Vec<OrderRow>,
    pub customers: Option<CustomerRows>,
    /// Any order: the latest are picked here.
    pub news: Vec<NewsItem>,
}

// ---------- Rows as both sides' tables hold them ----------

/// A value in a reader's table that is not what its column should hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the dashboard read {0}")]
pub struct BadValue(pub String);

/// An enum (a status) from its wire name, as the tables keep it.
fn named<T: WireName>(name: &str) -> Result<T, BadValue> {
    T::parse(name).ok_or_else(|| BadValue(format!("the status {name:?}")))
}

fn money(minor: i64, currency: &str) -> Result<Money, BadValue> {
    let currency =
        Currency::parse(currency).ok_or_else(|| BadValue(format!("the currency {currency:?}")))?;
    Ok(Money::new(minor, currency))
}

fn date(text: &str) -> Result<NaiveDate, BadValue> {
    text.parse()
        .map_err(|_| BadValue(format!("the date {text:?}")))
}

/// The JSON names of `items` as a JSON array, for SQL's `json_each` (`status IN (SELECT value
/// FROM json_each(?))`).
pub fn json_names<T: WireName>(items: &[T]) -> String {
    let names: Vec<&str> = items.iter().map(|i| i.as_str()).collect();
    serde_json::to_string(&names).expect("names serialize")
}

impl QuoteRow {
    /// From `(status, superseded, valid_until, rrp minor, cost minor, currency)`.
    pub fn read(
        (status, superseded, valid_until, rrp, cost, currency): (
            String,
            bool,
            String,
            i64,
            i64,
            String,
        ),
    ) -> Result<Self, BadValue> {
        Ok(QuoteRow {
            status: named(&status)?,
            superseded,
            valid_until: date(&valid_until)?,
            rrp_total: money(rrp, &currency)?,
            cost_total: money(cost, &currency)?,
        })
    }
}

impl DealRow {
    /// From `(status, estimated value minor, currency)`.
    pub fn read((status, minor, currency): (String, i64, String)) -> Result<Self, BadValue> {
        Ok(DealRow {
            status: named(&status)?,
            estimated_value: money(minor, &currency)?,
        })
    }
}

impl OrderRow {
    /// From `(status, total minor, currency)`.
    pub fn read((status, minor, currency): (String, i64, String)) -> Result<Self, BadValue> {
        Ok(OrderRow {
            status: named(&status)?,
            total: money(minor, &currency)?,
        })
    }
}

impl SubscriptionRow {
    /// From `(customer id, seats, starts_on, ends_on)`.
    pub fn read(
        (customer_id, seats, starts_on, ends_on): (String, i64, String, String),
    ) -> Result<Self, BadValue> {
        Ok(SubscriptionRow {
            customer_id,
            seats: u32::try_from(seats).map_err(|_| BadValue(format!("{seats} seats")))?,
            starts_on: date(&starts_on)?,
            ends_on: date(&ends_on)?,
        })
    }
}

impl RenewalRow {
    /// From `(due_on, value minor, currency, how many renewals)`.
    pub fn read(
        (due_on, minor, currency, count): (String, i64, String, i64),
    ) -> Result<Self, BadValue> {
        Ok(RenewalRow {
            due_on: date(&due_on)?,
            value: money(minor, &currency)?,
            count: u32::try_from(count).map_err(|_| BadValue(format!("{count} renewals")))?,
        })
    }
}

/// A support case's status from its stored name.
pub fn case_status(name: String) -> Result<CaseStatus, BadValue> {
    named(&name)
}

/// Reads every row with `read`, stopping at the first bad one.
pub fn read_all<R, T>(
    rows: Vec<R>,
    read: impl Fn(R) -> Result<T, BadValue>,
) -> Result<Vec<T>, BadValue> {
    rows.into_iter().map(read).collect()
}
