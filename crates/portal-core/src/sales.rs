//! What the Prospects and Deals pages ask the shell for and get back: list queries, rows and
//! details, all read from the local cache (server state with the user's pending changes on top).

use crate::deal::DealStatus;
use crate::ids::{DealId, ProspectId, UserId};
use crate::money::Money;
use crate::prospect::{Prospect, ProspectStatus};
use crate::registration::Deal;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// The column a list is sorted by.
    #[derive(Default)]
    pub enum ProspectSort {
        #[default]
        CompanyName = "company_name",
        Domain = "domain",
        Status = "status",
        Mailboxes = "mailboxes",
        Owner = "owner",
    }
}

/// A prospect list request: search as you type, filter and sort, one page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectQuery {
    /// Matches company name, domain and contact names, anywhere in the text, ignoring case.
    pub search: String,
    pub status: Option<ProspectStatus>,
    pub owner_id: Option<UserId>,
    pub sort: ProspectSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means the default page size.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectRow {
    pub id: ProspectId,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    pub mailboxes: u32,
    pub status: ProspectStatus,
    pub owner_id: UserId,
    /// The owner's name when the cache knows the user, else empty.
    pub owner_name: String,
    /// The user has changes to it the server has not confirmed yet.
    pub pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectList {
    pub rows: Vec<ProspectRow>,
    /// Rows matching the query, all pages together.
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectDetail {
    pub prospect: Prospect,
    /// The server version the local copy is based on; 0 for a record the server has not seen.
    pub version: i64,
    pub pending: bool,
    /// The prospect's deal registrations, newest first.
    pub deals: Vec<DealRow>,
}

/// The answer to "Verify" on a prospect's domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCheck {
    /// The domain as understood (lower-cased, `www.` and any address parts removed).
    pub domain: String,
    /// A prospect of the firm already has it (other than the one being edited).
    pub existing: Option<ExistingProspect>,
    /// Whether the server was asked; false when offline.
    pub checked_with_server: bool,
    /// Another partner firm holds an active registration for it: a deal would be refused.
    pub registered_elsewhere: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExistingProspect {
    pub id: ProspectId,
    pub company_name: String,
}

/// The server's answer to a domain check (`GET /api/v1/prospects/domain-check?domain=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomainCheckResponse {
    pub domain: String,
    /// A prospect of the caller's own firm with this domain, if one exists.
    pub existing: Option<ExistingProspect>,
    /// Another firm holds an active (submitted or approved) registration for this domain. The
    /// other firm is never named.
    pub registered_elsewhere: bool,
}

crate::wire_enum! {
    #[derive(Default)]
    pub enum DealSort {
        #[default]
        Number = "number",
        ProspectName = "prospect_name",
        Value = "value",
        ExpectedClose = "expected_close",
        Status = "status",
    }
}

/// A deal list request; `search` matches the deal number and the prospect's name and domain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealQuery {
    pub search: String,
    pub status: Option<DealStatus>,
    pub prospect_id: Option<ProspectId>,
    pub sort: DealSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealRow {
    pub id: DealId,
    pub number: Option<String>,
    pub prospect_id: ProspectId,
    pub prospect_name: String,
    pub domain: String,
    pub estimated_value: Money,
    pub expected_close: NaiveDate,
    pub status: DealStatus,
    pub status_reason: Option<String>,
    pub expires_on: Option<NaiveDate>,
    /// A submit or other step is queued or sent and the server has not answered yet.
    pub waiting_for_server: bool,
    pub pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealList {
    pub rows: Vec<DealRow>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealDetail {
    pub deal: Deal,
    pub prospect_name: String,
    pub domain: String,
    pub version: i64,
    pub waiting_for_server: bool,
    pub pending: bool,
}
