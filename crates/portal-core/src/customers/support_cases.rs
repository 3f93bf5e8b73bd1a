//! The Support Cases page: the open and closed cases, their priority, and one case with its customer.
//! Opening one is [`crate::support`].

use super::Customer;
use crate::ids::{CustomerId, SupportCaseId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    #[derive(Default)]
    pub enum CaseStatus {
        #[default]
        Open = "open",
        Closed = "closed",
    }
}

impl CaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Open => "Open",
            CaseStatus::Closed => "Closed",
        }
    }
}

crate::wire_enum! {
    #[derive(PartialOrd, Ord)]
    pub enum CasePriority {
        Low = "low",
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
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

crate::wire_enum! {
    /// The column the support cases list is sorted by.
    #[derive(Default)]
    pub enum SupportCaseSort {
        /// Newest first, unless `descending` turns it round.
        #[default]
        Opened = "opened",
        Number = "number",
        Subject = "subject",
        /// Cases without a customer come last either way.
        Customer = "customer",
        /// Low to urgent.
        Priority = "priority",
    }
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
