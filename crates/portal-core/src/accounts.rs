//! What the Customers area's pages (Customers, Renewals, Invoices, Support Cases) ask the shell for
//! and get back: list queries, rows and details, read from the reference records a sync pulled
//! (only administrators receive them).

use crate::api::partner::Address;
use crate::ids::{
    CustomerId, InvoiceId, ProductId, RenewalId, SubscriptionId, SupportCaseId, UserId,
};
use crate::money::Money;
use crate::quoting::OrderRow;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The page size when a query asks for 0 rows.
pub const DEFAULT_PAGE: u32 = 50;
/// The most rows one page holds.
pub const MAX_PAGE: u32 = 500;

/// The rows a query's `limit` asks for: the default for 0, at most [`MAX_PAGE`].
pub fn page_size(limit: u32) -> u32 {
    match limit {
        0 => DEFAULT_PAGE,
        n => n.min(MAX_PAGE),
    }
}

/// The column the customers list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    #[default]
    CompanyName,
    Sector,
    /// Customers without subscriptions (no users) come last either way.
    Users,
    /// By how many products a customer subscribes to.
    Products,
    /// Customers with no renewal ahead come last either way.
    NextRenewal,
    Owner,
}

/// A customers list request; `search` matches the company name and domain (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerQuery {
    pub search: String,
    /// Only the customers this user looks after.
    pub owner_id: Option<UserId>,
    #[serde(default)]
    pub sort: CustomerSort,
    /// Turns the sort round; customers tied on the sort's column keep the company-name order.
    #[serde(default)]
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    /// The mailboxes the customer's subscriptions cover (the most seats of one product): its
    /// number of users. None when it has no subscription.
    pub users: Option<u32>,
    /// The names of the products it subscribes to, by name.
    pub products: Vec<String>,
    /// The earliest renewal due today or later.
    pub next_renewal: Option<NaiveDate>,
    pub owner_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerList {
    pub rows: Vec<CustomerRow>,
    /// How many customers match (all pages).
    pub total: u64,
}

/// A customer's own record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    pub address: Address,
    pub contact_name: String,
    pub contact_email: String,
    pub owner_id: Option<UserId>,
    pub owner_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub product_id: ProductId,
    pub product: String,
    pub seats: u32,
    /// 12, 24 or 36.
    pub term_months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// One customer with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub users: Option<u32>,
    /// By product name.
    pub subscriptions: Vec<SubscriptionRow>,
    /// The earliest renewal due today or later.
    pub next_renewal: Option<NaiveDate>,
    /// Its renewals, soonest first.
    pub renewals: Vec<RenewalRow>,
    /// The orders that provisioned it, newest first.
    pub orders: Vec<OrderRow>,
    /// Open ones first, then newest first.
    pub support_cases: Vec<SupportCaseRow>,
    /// Newest first.
    pub invoices: Vec<InvoiceRow>,
}

/// Which renewals the Renewals page shows, by how soon they are due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalWindow {
    Days30,
    Days60,
    Days90,
    Days365,
    /// Every renewal due today or later.
    #[default]
    AllUpcoming,
}

impl RenewalWindow {
    pub const ALL: [RenewalWindow; 5] = [
        RenewalWindow::Days30,
        RenewalWindow::Days60,
        RenewalWindow::Days90,
        RenewalWindow::Days365,
        RenewalWindow::AllUpcoming,
    ];

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

    /// The stable name (the JSON one), for selects and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            RenewalWindow::Days30 => "days30",
            RenewalWindow::Days60 => "days60",
            RenewalWindow::Days90 => "days90",
            RenewalWindow::Days365 => "days365",
            RenewalWindow::AllUpcoming => "all_upcoming",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.slug() == slug)
    }

    /// The first and last due dates in the window, from `today` (both inclusive).
    pub fn range(self, today: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
        let end = self
            .days()
            .and_then(|d| today.checked_add_days(chrono::Days::new(u64::from(d))));
        (today, end)
    }
}

/// The column the renewals list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalSort {
    /// Soonest first.
    #[default]
    DueOn,
    Customer,
    Product,
    Seats,
    Value,
    /// Renewals of customers nobody looks after come last either way.
    Owner,
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

/// A name to filter by, with what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice<T> {
    pub id: T,
    pub name: String,
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

/// Who an invoice bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// One customer's invoice.
    Customer,
    /// The firm's monthly invoice covering several customers.
    Consolidated,
}

impl InvoiceKind {
    pub fn label(self) -> &'static str {
        match self {
            InvoiceKind::Customer => "Customer",
            InvoiceKind::Consolidated => "Consolidated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Open,
    Paid,
    Overdue,
    Void,
}

impl InvoiceStatus {
    pub fn label(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "Open",
            InvoiceStatus::Paid => "Paid",
            InvoiceStatus::Overdue => "Overdue",
            InvoiceStatus::Void => "Void",
        }
    }
}

/// The column the invoices list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    /// Newest first, unless `descending` turns it round.
    #[default]
    Issued,
    Number,
    /// Consolidated invoices (no customer) come last either way.
    Customer,
    Due,
    Total,
    /// Open, paid, overdue, void.
    Status,
}

/// An invoices list request, newest first unless sorted otherwise. The dates bound the issue date
/// (both inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceQuery {
    /// None: both kinds.
    pub kind: Option<InvoiceKind>,
    pub issued_from: Option<NaiveDate>,
    pub issued_to: Option<NaiveDate>,
    /// Part of the invoice number (any case).
    pub number: String,
    /// Part of the customer's company name (any case); a consolidated invoice has none.
    pub customer: String,
    pub customer_id: Option<CustomerId>,
    #[serde(default)]
    pub sort: InvoiceSort,
    /// Turns the sort round; invoices tied on the sort's column stay newest first.
    #[serde(default)]
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: InvoiceId,
    pub number: String,
    pub kind: InvoiceKind,
    pub customer_id: Option<CustomerId>,
    pub customer_name: Option<String>,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub total: Money,
    pub status: InvoiceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceList {
    pub rows: Vec<InvoiceRow>,
    /// How many invoices match (all pages).
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    pub invoice: InvoiceRow,
    /// The customer billed (None for a consolidated invoice, or one not in the cache).
    pub customer: Option<Customer>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    #[default]
    Open,
    Closed,
}

impl CaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Open => "Open",
            CaseStatus::Closed => "Closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasePriority {
    Low,
    Normal,
    High,
    Urgent,
}

impl CasePriority {
    pub fn label(self) -> &'static str {
        match self {
            CasePriority::Low => "Low",
            CasePriority::Normal => "Normal",
            CasePriority::High => "High",
            CasePriority::Urgent => "Urgent",
        }
    }
}

/// The column the support cases list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportCaseSort {
    /// Newest first, unless `descending` turns it round.
    #[default]
    Opened,
    Number,
    Subject,
    /// Cases without a customer come last either way.
    Customer,
    /// Low to urgent.
    Priority,
}

/// A support cases list request: the open or the closed ones, newest first unless sorted
/// otherwise. `search` matches the case number, subject and customer name (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCaseQuery {
    pub status: CaseStatus,
    pub search: String,
    pub customer_id: Option<CustomerId>,
    #[serde(default)]
    pub sort: SupportCaseSort,
    /// Turns the sort round; cases tied on the sort's column stay newest first.
    #[serde(default)]
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCaseRow {
    pub id: SupportCaseId,
    pub number: String,
    pub subject: String,
    pub customer_id: Option<CustomerId>,
    pub customer_name: Option<String>,
    pub status: CaseStatus,
    pub priority: CasePriority,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCaseList {
    pub rows: Vec<SupportCaseRow>,
    /// How many cases match (all pages).
    pub total: u64,
    /// How many cases are open and closed (whatever the search), for the tabs.
    pub open: u64,
    pub closed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCaseDetail {
    pub case: SupportCaseRow,
    pub description: String,
    pub customer: Option<Customer>,
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
            assert_eq!(RenewalWindow::from_slug(w.slug()), Some(w));
            assert_eq!(
                serde_json::to_value(w).unwrap(),
                serde_json::Value::String(w.slug().into())
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

    #[test]
    fn page_sizes_default_and_cap() {
        assert_eq!(page_size(0), DEFAULT_PAGE);
        assert_eq!(page_size(10), 10);
        assert_eq!(page_size(100_000), MAX_PAGE);
    }
}
