//! What the Quotes and Orders pages ask the shell for and get back: list queries, rows and details,
//! all read from the local cache (server state with the user's pending changes on top).

use crate::ids::{CustomerId, DealId, OrderId, QuoteId, UserId};
use crate::money::Money;
use crate::order::{Order, OrderStatus};
use crate::pricing::PricedQuote;
use crate::quote::{Approval, Quote, QuoteFor, QuoteStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    #[derive(Default)]
    pub enum QuoteSort {
        /// Newest first by default.
        #[default]
        Created = "created",
        Number = "number",
        ForName = "for_name",
        Total = "total",
        ValidUntil = "valid_until",
        Status = "status",
    }
}

/// A quote list request. `search` matches the quote number and the prospect's or customer's name
/// and domain. Superseded revisions are left out unless `include_superseded`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteQuery {
    pub search: String,
    pub status: Option<QuoteStatus>,
    /// Only the quotes for this prospect or customer.
    pub quote_for: Option<QuoteFor>,
    pub deal_id: Option<DealId>,
    pub include_superseded: bool,
    /// Only the quotes in the open pipeline (the Dashboard's figure: see
    /// [`PIPELINE_STATUSES`](crate::dashboard::PIPELINE_STATUSES)); with `status`, both apply.
    #[serde(default)]
    pub in_pipeline: bool,
    pub sort: QuoteSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub id: QuoteId,
    /// `Q-000042 rev 2`, or `New quote` before the server numbered it.
    pub reference: String,
    pub revision: u32,
    pub quote_for: QuoteFor,
    /// The prospect's or customer's company name.
    pub for_name: String,
    pub total: Money,
    pub cost_total: Money,
    pub valid_until: NaiveDate,
    pub created_on: NaiveDate,
    /// As of today: a quote whose validity passed shows as expired.
    pub status: QuoteStatus,
    pub approval: Approval,
    pub owner_id: UserId,
    /// A step is queued or sent and the server has not answered yet.
    pub waiting_for_server: bool,
    pub pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteList {
    pub rows: Vec<QuoteRow>,
    pub total: u64,
}

/// One of the firm's customers as the quote builder's customer picker offers it (an upsell or a
/// renewal is quoted to an existing customer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerOption {
    pub id: CustomerId,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    /// The mailboxes the customer's subscriptions cover, when the cache holds them.
    pub mailboxes: Option<u32>,
}

/// One quote with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDetail {
    pub quote: Quote,
    /// The quote priced with the cached price book (lines with names, units and figures). `None`
    /// when the cache cannot price it (a product no longer in the book): `quote.totals` stand.
    pub priced: Option<PricedQuote>,
    pub reference: String,
    pub for_name: String,
    pub for_domain: String,
    /// `DR-000042`, when the quote prices a deal registration.
    pub deal_number: Option<String>,
    /// As of today.
    pub status: QuoteStatus,
    /// Every revision of this quote, newest first (this one included).
    pub revisions: Vec<QuoteRow>,
    /// The order placed from this quote, if any.
    pub order: Option<OrderRow>,
    pub version: i64,
    pub waiting_for_server: bool,
    pub pending: bool,
}

crate::wire_enum! {
    #[derive(Default)]
    pub enum OrderSort {
        #[default]
        Created = "created",
        CompanyName = "company_name",
        Total = "total",
        Status = "status",
    }
}

/// An order list request; `search` matches the order number, company name and PO number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderQuery {
    pub search: String,
    pub status: Option<OrderStatus>,
    /// Only the orders still in progress (the Dashboard's figure: see
    /// [`IN_PROGRESS`](crate::dashboard::IN_PROGRESS)); with `status`, both apply.
    #[serde(default)]
    pub in_progress: bool,
    pub sort: OrderSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: OrderId,
    /// `SO-000042`, or `New order`.
    pub reference: String,
    pub quote_id: QuoteId,
    pub quote_reference: String,
    pub company_name: String,
    pub created_on: NaiveDate,
    pub submitted_on: Option<NaiveDate>,
    /// Value at the partner's cost.
    pub cost_total: Money,
    /// Value at RRP.
    pub rrp_total: Money,
    pub total: Money,
    pub status: OrderStatus,
    pub status_reason: Option<String>,
    pub customer_id: Option<CustomerId>,
    pub waiting_for_server: bool,
    pub pending: bool,
}

/// The orders list, in its two sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    /// Saved, waiting for the customer's approval and PO.
    pub pending_customer_approval: Vec<OrderRow>,
    /// Submitted to the vendor: submitted, processing, provisioned or refused.
    pub submitted: Vec<OrderRow>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub order: Order,
    pub quote: QuoteRow,
    /// The provisioned customer's name, once it is in the cache.
    pub customer_name: Option<String>,
    pub version: i64,
    pub waiting_for_server: bool,
    pub pending: bool,
}

crate::wire_enum! {
    /// Which PDF of a quote to make.
    pub enum PdfAudience {
        /// Customer prices only.
        Customer = "customer",
        /// With cost, RRP and margin.
        Internal = "internal",
    }
}
