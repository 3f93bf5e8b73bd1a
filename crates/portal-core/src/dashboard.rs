//! The Dashboard's figures and the rules that compute them from plain rows.
//!
//! The app computes them from its cache and the server from its tables, each reading its own rows
//! into the shapes below and calling [`figures`]: one rule, so the two agree on the same data (a
//! test cross-checks them). What "the same data" is follows the caller's scope: a Sales user's rows
//! are their own records, an administrator's the firm's; the Customers-area figures exist only for
//! roles that see the Customers area (the server sends those records to no one else).
//!
//! Definitions:
//! - **Open pipeline**: quotes in Draft, Sent or Accepted that no revision has superseded and whose
//!   validity has not run out (Draft and Sent expire after `valid_until`; an accepted quote does
//!   not), valued at the partner's cost and at RRP from their totals.
//! - **Deal registrations by status**: every status, with the count and the estimated value.
//! - **Orders in progress**: pending the customer's approval, submitted or processing.
//! - **Customers and seats**: the firm's customers, and the mailboxes their running subscriptions
//!   cover — per customer the most seats among subscriptions running today (every product covers
//!   the same mailboxes), summed.
//! - **Renewals due within 30, 60 and 90 days**: due from today to today + N days, inclusive
//!   (each window includes the shorter ones); **by month**: due from today on, in this calendar
//!   month and the eleven after it.
//! - **Open support cases**: status `open`.
//! - **Latest news**: the three most recently published.
//!
//! Amounts are summed in one currency, the one most amounts are in; amounts in any other are left
//! out of the sums (counted in [`Figures::other_currency`]), never converted.

use crate::api::news::NewsItem;
use crate::deal::DealStatus;
use crate::money::{Currency, Money};
use crate::order::OrderStatus;
use crate::quote::QuoteStatus;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The renewal windows the Dashboard shows, in days from today.
pub const RENEWAL_WINDOWS: [u32; 3] = [30, 60, 90];
/// How many calendar months the renewal chart covers, this one first.
pub const RENEWAL_MONTHS: u32 = 12;
/// How many news items the Dashboard shows.
pub const LATEST_NEWS: usize = 3;
/// The quote statuses that make up the open pipeline, in the order of the pipeline chart.
pub const PIPELINE_STATUSES: [QuoteStatus; 3] =
    [QuoteStatus::Draft, QuoteStatus::Sent, QuoteStatus::Accepted];
/// The order statuses of orders in progress.
pub const IN_PROGRESS: [OrderStatus; 3] = [
    OrderStatus::PendingCustomerApproval,
    OrderStatus::Submitted,
    OrderStatus::Processing,
];
/// A support case's status while it is open.
pub const SUPPORT_CASE_OPEN: &str = "open";

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
    pub support_case_statuses: Vec<String>,
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

/// An enum (a status) from its JSON name, as the tables keep it.
fn named<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, BadValue> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| BadValue(format!("the status {name:?}")))
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
pub fn json_names<T: Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).expect("statuses serialize")
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

/// Reads every row with `read`, stopping at the first bad one.
pub fn read_all<R, T>(
    rows: Vec<R>,
    read: impl Fn(R) -> Result<T, BadValue>,
) -> Result<Vec<T>, BadValue> {
    rows.into_iter().map(read).collect()
}

// ---------- The figures ----------

/// The quotes of one status in the open pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineStage {
    pub status: QuoteStatus,
    pub count: u32,
    pub rrp: Money,
    pub cost: Money,
}

/// The open pipeline: quotes in Draft, Sent or Accepted, neither superseded nor expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pipeline {
    pub count: u32,
    pub rrp: Money,
    pub cost: Money,
    /// Draft, Sent, Accepted, in that order, each present.
    pub stages: Vec<PipelineStage>,
}

/// The deal registrations of one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealFigure {
    pub status: DealStatus,
    pub count: u32,
    pub value: Money,
}

/// The orders of one status in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderFigure {
    pub status: OrderStatus,
    pub count: u32,
    pub value: Money,
}

/// Orders pending the customer's approval, submitted or processing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrdersInProgress {
    pub count: u32,
    pub value: Money,
    /// Pending customer approval, Submitted, Processing, in that order, each present.
    pub by_status: Vec<OrderFigure>,
}

/// Renewals due within a number of days from today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalsDue {
    pub within_days: u32,
    pub count: u32,
    pub value: Money,
}

/// Renewals due in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalMonth {
    /// The month's first day.
    pub month: NaiveDate,
    pub count: u32,
    pub value: Money,
}

/// The Customers-area figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerFigures {
    pub customers: u32,
    /// Mailboxes covered by running subscriptions.
    pub seats: u64,
    pub open_support_cases: u32,
    /// Within 30, 60 and 90 days.
    pub renewals_due: Vec<RenewalsDue>,
    /// This month and the eleven after it.
    pub renewals_by_month: Vec<RenewalMonth>,
}

/// The Dashboard's figures, in the caller's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// The day the figures are counted from.
    pub today: NaiveDate,
    /// The currency every amount is in.
    pub currency: Currency,
    /// Amounts in another currency, left out of the sums.
    pub other_currency: u32,
    pub pipeline: Pipeline,
    /// Every status, in the life cycle's order.
    pub deals: Vec<DealFigure>,
    pub orders_in_progress: OrdersInProgress,
    /// None for roles without the Customers area.
    pub customers: Option<CustomerFigures>,
    /// The latest, newest first.
    pub news: Vec<NewsItem>,
}

/// The Dashboard: its figures and when the data they come from dates from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub figures: Figures,
    /// The app: when its cache last finished a sync (None before the first). The server: now.
    pub as_of: Option<DateTime<Utc>>,
}

impl Figures {
    /// The deal registrations of `status`.
    pub fn deal(&self, status: DealStatus) -> Option<&DealFigure> {
        self.deals.iter().find(|d| d.status == status)
    }
}

// ---------- The rules ----------

/// Whether a quote counts in the open pipeline on `today`.
pub fn in_pipeline(q: &QuoteRow, today: NaiveDate) -> bool {
    PIPELINE_STATUSES.contains(&q.status)
        && !q.superseded
        && !(q.status.can_expire() && q.valid_until < today)
}

/// Whether a subscription is running on `today`.
pub fn running(s: &SubscriptionRow, today: NaiveDate) -> bool {
    s.starts_on <= today && today <= s.ends_on
}

/// The mailboxes covered on `today`: per customer, the most seats among their subscriptions
/// running today (every product covers the same mailboxes), summed over customers.
pub fn seats(subscriptions: &[SubscriptionRow], today: NaiveDate) -> u64 {
    let mut most: HashMap<&str, u32> = HashMap::new();
    for s in subscriptions.iter().filter(|s| running(s, today)) {
        let m = most.entry(s.customer_id.as_str()).or_default();
        *m = (*m).max(s.seats);
    }
    most.values().map(|&s| u64::from(s)).sum()
}

/// Months from `from`'s month to `to`'s month.
fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (i64::from(to.year()) * 12 + i64::from(to.month0()))
        - (i64::from(from.year()) * 12 + i64::from(from.month0()))
}

/// Sums amounts in one currency, leaving out those in another.
struct Summer {
    currency: Currency,
}

impl Summer {
    fn zero(&self) -> Money {
        Money::new(0, self.currency)
    }

    fn add(&self, sum: &mut Money, amount: Money) {
        if amount.currency == self.currency {
            sum.minor = sum.minor.saturating_add(amount.minor);
        }
    }
}

/// The currency most of `amounts` are in (USD when there are none; the earlier one on a tie).
fn main_currency(amounts: impl Iterator<Item = Currency>) -> Currency {
    let mut counts: BTreeMap<Currency, u32> = BTreeMap::new();
    for c in amounts {
        *counts.entry(c).or_default() += 1;
    }
    counts
        .into_iter()
        .fold(None::<(Currency, u32)>, |best, (c, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((c, n)),
        })
        .map_or(Currency::USD, |(c, _)| c)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The Dashboard's figures from `rows` (the caller's scope), counted on `today`.
pub fn figures(rows: Rows, today: NaiveDate) -> Figures {
    let open: Vec<&QuoteRow> = rows
        .quotes
        .iter()
        .filter(|q| in_pipeline(q, today))
        .collect();
    let in_progress: Vec<&OrderRow> = rows
        .orders
        .iter()
        .filter(|o| IN_PROGRESS.contains(&o.status))
        .collect();
    let renewals: Vec<&RenewalRow> = rows
        .customers
        .iter()
        .flat_map(|c| &c.renewals)
        .filter(|r| r.due_on >= today && months_between(today, r.due_on) < 12)
        .collect();

    let currency = main_currency(
        open.iter()
            .flat_map(|q| [q.rrp_total.currency, q.cost_total.currency])
            .chain(rows.deals.iter().map(|d| d.estimated_value.currency))
            .chain(in_progress.iter().map(|o| o.total.currency))
            .chain(
                renewals
                    .iter()
                    .flat_map(|r| std::iter::repeat_n(r.value.currency, r.count as usize)),
            ),
    );
    let sum = Summer { currency };

    let mut pipeline = Pipeline {
        count: count(open.len()),
        rrp: sum.zero(),
        cost: sum.zero(),
        stages: Vec::new(),
    };
    for status in PIPELINE_STATUSES {
        let mut stage = PipelineStage {
            status,
            count: 0,
            rrp: sum.zero(),
            cost: sum.zero(),
        };
        for q in open.iter().filter(|q| q.status == status) {
            stage.count += 1;
            sum.add(&mut stage.rrp, q.rrp_total);
            sum.add(&mut stage.cost, q.cost_total);
        }
        pipeline.rrp.minor += stage.rrp.minor;
        pipeline.cost.minor += stage.cost.minor;
        pipeline.stages.push(stage);
    }

    let deals = DealStatus::ALL
        .into_iter()
        .map(|status| {
            let mut f = DealFigure {
                status,
                count: 0,
                value: sum.zero(),
            };
            for d in rows.deals.iter().filter(|d| d.status == status) {
                f.count += 1;
                sum.add(&mut f.value, d.estimated_value);
            }
            f
        })
        .collect();

    let mut orders_in_progress = OrdersInProgress {
        count: count(in_progress.len()),
        value: sum.zero(),
        by_status: Vec::new(),
    };
    for status in IN_PROGRESS {
        let mut f = OrderFigure {
            status,
            count: 0,
            value: sum.zero(),
        };
        for o in in_progress.iter().filter(|o| o.status == status) {
            f.count += 1;
            sum.add(&mut f.value, o.total);
        }
        orders_in_progress.value.minor += f.value.minor;
        orders_in_progress.by_status.push(f);
    }

    let customers = rows.customers.as_ref().map(|c| {
        let renewals_due = RENEWAL_WINDOWS
            .into_iter()
            .map(|days| {
                let until = today + chrono::Days::new(u64::from(days));
                let mut f = RenewalsDue {
                    within_days: days,
                    count: 0,
                    value: sum.zero(),
                };
                for r in renewals.iter().filter(|r| r.due_on <= until) {
                    f.count = f.count.saturating_add(r.count);
                    sum.add(&mut f.value, r.value);
                }
                f
            })
            .collect();
        let first = today.with_day(1).expect("every month has a first day");
        let renewals_by_month = (0..RENEWAL_MONTHS)
            .map(|i| {
                let month = first + Months::new(i);
                let mut f = RenewalMonth {
                    month,
                    count: 0,
                    value: sum.zero(),
                };
                for r in renewals
                    .iter()
                    .filter(|r| months_between(today, r.due_on) == i64::from(i))
                {
                    f.count = f.count.saturating_add(r.count);
                    sum.add(&mut f.value, r.value);
                }
                f
            })
            .collect();
        CustomerFigures {
            customers: c.customers,
            seats: c.seats.unwrap_or_else(|| seats(&c.subscriptions, today)),
            open_support_cases: count(
                c.support_case_statuses
                    .iter()
                    .filter(|s| *s == SUPPORT_CASE_OPEN)
                    .count(),
            ),
            renewals_due,
            renewals_by_month,
        }
    });

    let mut news = rows.news;
    news.sort_by(|a, b| {
        b.published_on
            .cmp(&a.published_on)
            .then_with(|| b.id.0.cmp(&a.id.0))
    });
    news.truncate(LATEST_NEWS);

    // Rows whose amount was left out of the sums, once each.
    let other_currency = open
        .iter()
        .filter(|q| q.rrp_total.currency != currency || q.cost_total.currency != currency)
        .count()
        + rows
            .deals
            .iter()
            .filter(|d| d.estimated_value.currency != currency)
            .count()
        + in_progress
            .iter()
            .filter(|o| o.total.currency != currency)
            .count()
        + renewals
            .iter()
            .filter(|r| r.value.currency != currency)
            .count();

    Figures {
        today,
        currency,
        other_currency: count(other_currency),
        pipeline,
        deals,
        orders_in_progress,
        customers,
        news,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NewsId;
    use uuid::Uuid;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::USD)
    }

    fn quote(status: QuoteStatus, valid_until: &str, rrp: i64, cost: i64) -> QuoteRow {
        QuoteRow {
            status,
            superseded: false,
            valid_until: d(valid_until),
            rrp_total: usd(rrp),
            cost_total: usd(cost),
        }
    }

    fn news(n: u128, on: &str) -> NewsItem {
        NewsItem {
            id: NewsId(Uuid::from_u128(n)),
            title: format!("News {n}"),
            summary: String::new(),
            body: String::new(),
            published_on: d(on),
        }
    }

    #[test]
    fn the_open_pipeline_leaves_out_superseded_expired_and_closed_quotes() {
        let today = d("2026-03-15");
        let mut superseded = quote(QuoteStatus::Sent, "2026-04-01", 1_000, 700);
        superseded.superseded = true;
        let rows = Rows {
            quotes: vec![
                quote(QuoteStatus::Draft, "2026-03-15", 100, 70),
                quote(QuoteStatus::Draft, "2026-03-14", 9_999, 9_999), // validity ran out
                quote(QuoteStatus::Sent, "2026-04-01", 200, 140),
                quote(QuoteStatus::Accepted, "2026-01-01", 400, 280), // accepted: no expiry
                quote(QuoteStatus::Ordered, "2026-04-01", 9_999, 9_999),
                quote(QuoteStatus::Declined, "2026-04-01", 9_999, 9_999),
                quote(QuoteStatus::Expired, "2026-04-01", 9_999, 9_999),
                superseded,
            ],
            ..Rows::default()
        };
        let f = figures(rows, today);
        assert_eq!(f.pipeline.count, 3);
        assert_eq!(f.pipeline.rrp, usd(700));
        assert_eq!(f.pipeline.cost, usd(490));
        let stages: Vec<_> = f
            .pipeline
            .stages
            .iter()
            .map(|s| (s.status, s.count, s.rrp.minor))
            .collect();
        assert_eq!(
            stages,
            [
                (QuoteStatus::Draft, 1, 100),
                (QuoteStatus::Sent, 1, 200),
                (QuoteStatus::Accepted, 1, 400)
            ]
        );
        assert!(f.customers.is_none());
        assert_eq!(f.deals.len(), DealStatus::ALL.len());
    }

    #[test]
    fn deals_orders_and_news() {
        let rows = Rows {
            deals: vec![
                DealRow {
                    status: DealStatus::Submitted,
                    estimated_value: usd(5_000),
                },
                DealRow {
                    status: DealStatus::Submitted,
                    estimated_value: usd(1_000),
                },
                DealRow {
                    status: DealStatus::Won,
                    estimated_value: usd(7),
                },
            ],
            orders: vec![
                OrderRow {
                    status: OrderStatus::PendingCustomerApproval,
                    total: usd(10),
                },
                OrderRow {
                    status: OrderStatus::Processing,
                    total: usd(20),
                },
                OrderRow {
                    status: OrderStatus::Provisioned,
                    total: usd(999),
                },
                OrderRow {
                    status: OrderStatus::Refused,
                    total: usd(999),
                },
            ],
            news: vec![
                news(1, "2026-01-01"),
                news(2, "2026-03-01"),
                news(3, "2026-02-01"),
                news(4, "2026-03-01"),
            ],
            ..Rows::default()
        };
        let f = figures(rows, d("2026-03-15"));
        let submitted = f.deal(DealStatus::Submitted).unwrap();
        assert_eq!((submitted.count, submitted.value), (2, usd(6_000)));
        assert_eq!(f.deal(DealStatus::Draft).unwrap().count, 0);
        assert_eq!(f.orders_in_progress.count, 2);
        assert_eq!(f.orders_in_progress.value, usd(30));
        assert_eq!(f.orders_in_progress.by_status.len(), 3);
        let ids: Vec<u128> = f.news.iter().map(|n| n.id.0.as_u128()).collect();
        assert_eq!(ids, [4, 2, 3], "newest first, three of them");
    }

    #[test]
    fn customers_seats_renewal_windows_and_months() {
        let today = d("2026-01-31");
        let sub = |c: &str, seats, from: &str, to: &str| SubscriptionRow {
            customer_id: c.into(),
            seats,
            starts_on: d(from),
            ends_on: d(to),
        };
        let renewal = |on: &str, v| RenewalRow {
            due_on: d(on),
            value: usd(v),
            count: 1,
        };
        let rows = Rows {
            customers: Some(CustomerRows {
                customers: 3,
                subscriptions: vec![
                    sub("a", 100, "2025-01-01", "2026-12-31"),
                    sub("a", 150, "2025-06-01", "2026-06-01"), // same mailboxes: the most count
                    sub("b", 40, "2024-01-01", "2026-01-31"),  // ends today: still running
                    sub("c", 900, "2020-01-01", "2025-12-31"), // ended
                    sub("c", 5, "2026-02-01", "2027-01-31"),   // not started
                ],
                seats: None,
                renewals: vec![
                    renewal("2026-01-30", 999_999), // overdue: counts nowhere
                    renewal("2026-01-31", 1),       // today: within 30, this month
                    renewal("2026-03-02", 10),      // day 30
                    renewal("2026-03-03", 100),     // day 31
                    renewal("2026-05-01", 1_000),   // day 90
                    renewal("2026-12-31", 10_000),  // month 11
                    renewal("2027-01-01", 99_999),  // month 12: beyond the chart
                ],
                support_case_statuses: vec!["open".into(), "closed".into(), "open".into()],
            }),
            ..Rows::default()
        };
        // Counted by the reader and grouped by day (as a large cache does): the same figures.
        let mut grouped = rows.clone();
        let g = grouped.customers.as_mut().unwrap();
        g.seats = Some(seats(&g.subscriptions, today));
        g.subscriptions.clear();
        g.renewals.push(renewal("2026-03-02", 20));
        g.renewals.retain(|r| r.due_on != d("2026-03-02"));
        g.renewals.push(RenewalRow {
            count: 2,
            ..renewal("2026-03-02", 10 + 20)
        });
        let mut both = rows.clone();
        both.customers
            .as_mut()
            .unwrap()
            .renewals
            .push(renewal("2026-03-02", 20));
        assert_eq!(figures(grouped, today), figures(both, today));

        let f = figures(rows, today);
        let c = f.customers.unwrap();
        assert_eq!(c.customers, 3);
        assert_eq!(c.seats, 190);
        assert_eq!(c.open_support_cases, 2);
        let due: Vec<_> = c
            .renewals_due
            .iter()
            .map(|r| (r.within_days, r.count, r.value.minor))
            .collect();
        assert_eq!(due, [(30, 2, 11), (60, 3, 111), (90, 4, 1_111)]);
        assert_eq!(c.renewals_by_month.len(), 12);
        assert_eq!(c.renewals_by_month[0].month, d("2026-01-01"));
        assert_eq!(c.renewals_by_month[0].value, usd(1));
        assert_eq!(c.renewals_by_month[2].value, usd(110));
        assert_eq!(c.renewals_by_month[11].month, d("2026-12-01"));
        assert_eq!(c.renewals_by_month[11].value, usd(10_000));
        let total: i64 = c.renewals_by_month.iter().map(|m| m.value.minor).sum();
        assert_eq!(total, 11_111);
    }

    #[test]
    fn amounts_in_another_currency_are_left_out_and_counted() {
        let mut eur = quote(QuoteStatus::Draft, "2030-01-01", 500, 300);
        eur.rrp_total.currency = Currency::EUR;
        eur.cost_total.currency = Currency::EUR;
        let rows = Rows {
            quotes: vec![
                quote(QuoteStatus::Draft, "2030-01-01", 100, 70),
                quote(QuoteStatus::Sent, "2030-01-01", 100, 70),
                eur,
            ],
            ..Rows::default()
        };
        let f = figures(rows, d("2026-01-01"));
        assert_eq!(f.currency, Currency::USD);
        assert_eq!(f.pipeline.count, 3);
        assert_eq!(f.pipeline.rrp, usd(200));
        assert_eq!(f.other_currency, 1);
    }
}
