//! The Customers area's rows: the firm's customers (keyset pages with their seats, products and next
//! renewal; look-ups by id, owner and domain), and the rows provisioning and support write —
//! customers, subscriptions, renewals, invoices (and their numbers), support cases (and theirs).
//! The row types here are also what the demo seed loads in bulk.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::api::customer::CustomerSummary;
use portal_core::customers::{CasePriority, CaseStatus, InvoiceKind, InvoiceStatus};
use portal_core::ids::{
    CustomerId, InvoiceId, PartnerId, ProductId, RenewalId, SubscriptionId, SupportCaseId, UserId,
};
use portal_core::money::Money;

/// A customer of a firm, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    pub partner: PartnerId,
    /// The firm's user who looks after the customer.
    pub owner: Option<UserId>,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    pub address_line1: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub contact_name: String,
    pub contact_email: String,
    pub created_at: DateTime<Utc>,
}

/// A customer's subscription to a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub customer: CustomerId,
    pub product: ProductId,
    pub seats: i64,
    pub term_months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A subscription's renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub id: RenewalId,
    pub subscription: SubscriptionId,
    pub due_on: NaiveDate,
    pub value: Money,
}

/// An invoice the vendor raised for a firm (for one customer, or consolidated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: InvoiceId,
    pub partner: PartnerId,
    pub customer: Option<CustomerId>,
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub total: Money,
    pub status: InvoiceStatus,
}

/// A support case of a firm's customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportCase {
    pub id: SupportCaseId,
    pub partner: PartnerId,
    pub customer: CustomerId,
    pub number: String,
    pub subject: String,
    pub status: CaseStatus,
    pub priority: CasePriority,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub description: String,
}

/// The firm's customers with ids after `after` (or exactly `only`), at most `limit`, by id, each
/// with its seats, products and next renewal on `today`: two set-based queries per page rather
/// than queries per customer.
pub async fn summaries(
    db: &mut Conn,
    partner: PartnerId,
    after: Option<CustomerId>,
    only: Option<CustomerId>,
    limit: u32,
    today: NaiveDate,
) -> Result<Vec<CustomerSummary>> {
    match db.on() {
        On::Sqlite(c) => sqlite::summaries(c, partner, after, only, limit, today).await,
    }
}

/// The user who looks after the firm's customer (`Some(None)`: nobody), if the firm has it.
pub async fn owner(
    db: &mut Conn,
    partner: PartnerId,
    id: CustomerId,
) -> Result<Option<Option<UserId>>> {
    match db.on() {
        On::Sqlite(c) => sqlite::owner(c, partner, id).await,
    }
}

/// The company name of the firm's customer, if the firm has it.
pub async fn company_name(
    db: &mut Conn,
    partner: PartnerId,
    id: CustomerId,
) -> Result<Option<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::company_name(c, partner, id).await,
    }
}

/// Whether a firm other than `partner` has a customer with this domain.
pub async fn served_elsewhere(db: &mut Conn, partner: PartnerId, domain: &str) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::served_elsewhere(c, partner, domain).await,
    }
}

/// The firm's customer with this domain (the first by id, should there be several).
pub async fn by_domain(
    db: &mut Conn,
    partner: PartnerId,
    domain: &str,
) -> Result<Option<CustomerId>> {
    match db.on() {
        On::Sqlite(c) => sqlite::by_domain(c, partner, domain).await,
    }
}

/// The first (by id) of the firm's customers that `owner` looks after.
pub async fn first_of_owner(
    db: &mut Conn,
    partner: PartnerId,
    owner: UserId,
) -> Result<Option<Customer>> {
    match db.on() {
        On::Sqlite(c) => sqlite::first_of_owner(c, partner, owner).await,
    }
}

pub async fn add_customer(tx: &mut Write, customer: &Customer) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::add_customer(c, customer).await,
    }
}

pub async fn add_subscription(tx: &mut Write, subscription: &Subscription) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::add_subscription(c, subscription).await,
    }
}

pub async fn add_renewal(tx: &mut Write, renewal: &Renewal) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::add_renewal(c, renewal).await,
    }
}

pub async fn add_invoice(tx: &mut Write, invoice: &Invoice) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::add_invoice(c, invoice).await,
    }
}

/// The firm's latest invoice number matching `pattern` (SQL `LIKE`: `%` any text): the longest,
/// then the greatest.
pub async fn latest_invoice_number(
    db: &mut Conn,
    partner: PartnerId,
    pattern: &str,
) -> Result<Option<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::latest_invoice_number(c, partner, pattern).await,
    }
}

/// Whether any firm has an invoice with this number.
pub async fn invoice_number_taken(db: &mut Conn, number: &str) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::invoice_number_taken(c, number).await,
    }
}

/// Whether any firm has a support case with this id.
pub async fn case_id_taken(db: &mut Conn, id: SupportCaseId) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::case_id_taken(c, id).await,
    }
}

/// The highest sequence of the case numbers `<prefix><digits>`, whichever firm has it.
pub async fn highest_case_number(db: &mut Conn, prefix: &str) -> Result<Option<i64>> {
    match db.on() {
        On::Sqlite(c) => sqlite::highest_case_number(c, prefix).await,
    }
}

pub async fn add_case(tx: &mut Write, case: &SupportCase) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::add_case(c, case).await,
    }
}
