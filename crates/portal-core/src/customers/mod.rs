//! What the Customers area's pages (Customers, Renewals, Invoices, Support Cases) ask the shell for
//! and get back: list queries, rows and details, read from the reference records a sync pulled
//! (only administrators receive them). Each page's own types are in its module, re-exported here.

mod invoices;
mod renewals;
mod support_cases;

pub use invoices::*;
pub use renewals::*;
pub use support_cases::*;

use crate::api::partner::Address;
use crate::ids::{CustomerId, ProductId, SubscriptionId, UserId};
use crate::quoting::OrderRow;
use chrono::NaiveDate;
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

crate::wire_enum! {
    /// The column the customers list is sorted by.
    #[derive(Default)]
    pub enum CustomerSort {
        #[default]
        CompanyName = "company_name",
        Sector = "sector",
        /// Customers without subscriptions (no users) come last either way.
        Users = "users",
        /// By how many products a customer subscribes to.
        Products = "products",
        /// Customers with no renewal ahead come last either way.
        NextRenewal = "next_renewal",
        Owner = "owner",
    }
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

/// A name to filter by, with what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice<T> {
    pub id: T,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_default_and_cap() {
        assert_eq!(page_size(0), DEFAULT_PAGE);
        assert_eq!(page_size(10), 10);
        assert_eq!(page_size(100_000), MAX_PAGE);
    }
}
