//! A partner's customers (the Customers area; administrators only).

use crate::ids::CustomerId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    /// Mailboxes (users) covered by the customer's subscriptions.
    pub seats: u32,
    /// Names of the products the customer subscribes to.
    pub products: Vec<String>,
    pub next_renewal: Option<NaiveDate>,
}

/// A page of customers; pass `next_after` as `after` to read on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerPage {
    pub customers: Vec<CustomerSummary>,
    pub next_after: Option<CustomerId>,
}
