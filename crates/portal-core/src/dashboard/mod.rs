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

mod rows;
#[cfg(test)]
mod tests;

pub use rows::*;

use crate::api::news::NewsItem;
use crate::customers::CaseStatus;
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
    /// Pending leads in the Lead Inbox (open, not yet expired); None for roles without it.
    #[serde(default)]
    pub new_leads: Option<u32>,
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
                    .filter(|s| **s == CaseStatus::Open)
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
        // Filled by the caller from the leads it holds ([`crate::pims::lead::Lead::is_open`]).
        new_leads: None,
    }
}
