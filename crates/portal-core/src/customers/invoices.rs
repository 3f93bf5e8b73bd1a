//! The Invoices page: the customer and consolidated invoices, filtered by kind, dates, number and
//! customer, and one invoice with its customer.

use super::Customer;
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Who an invoice bills.
    pub enum InvoiceKind {
        /// One customer's invoice.
        Customer = "customer",
        /// The firm's monthly invoice covering several customers.
        Consolidated = "consolidated",
    }
}

impl InvoiceKind {
    pub fn label(self) -> &'static str {
        match self {
            InvoiceKind::Customer => "Customer",
            InvoiceKind::Consolidated => "Consolidated",
        }
    }
}

crate::wire_enum! {
    pub enum InvoiceStatus {
        Open = "open",
        Paid = "paid",
        Overdue = "overdue",
        Void = "void",
    }
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

crate::wire_enum! {
    /// The column the invoices list is sorted by.
    #[derive(Default)]
    pub enum InvoiceSort {
        /// Newest first, unless `descending` turns it round.
        #[default]
        Issued = "issued",
        Number = "number",
        /// Consolidated invoices (no customer) come last either way.
        Customer = "customer",
        Due = "due",
        Total = "total",
        /// Open, paid, overdue, void.
        Status = "status",
    }
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
