//! A campaign's results: its funnel from page views to quotes, counted by the server
//! (`GET /api/v1/pims/results`, the firm's campaigns; the app keeps the last answer for offline).
//!
//! A prospect counts when it was made from one of the campaign's leads; a deal registration when
//! it is on such a prospect; a quote when it is on such a prospect or deal.

use crate::ids::CampaignId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One campaign's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignResults {
    pub campaign_id: CampaignId,
    pub name: String,
    /// Landing-page views (every GET of the page while live or paused).
    pub page_views: u64,
    pub leads: u64,
    pub accepted: u64,
    pub prospects: u64,
    pub deals: u64,
    pub quotes: u64,
}

impl CampaignResults {
    /// The funnel's steps, widest first: (label, count).
    pub fn funnel(&self) -> [(&'static str, u64); 6] {
        [
            ("Page views", self.page_views),
            ("Leads", self.leads),
            ("Accepted", self.accepted),
            ("Prospects", self.prospects),
            ("Deal registrations", self.deals),
            ("Quotes", self.quotes),
        ]
    }

    /// Leads per hundred page views, to one decimal ("4.2%"), or None before any view.
    pub fn conversion(&self) -> Option<String> {
        (self.page_views > 0)
            .then(|| format!("{:.1}%", self.leads as f64 * 100.0 / self.page_views as f64))
    }
}

/// The answer of `GET /api/v1/pims/results`: every campaign of the firm, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsResponse {
    pub campaigns: Vec<CampaignResults>,
    pub as_of: DateTime<Utc>,
}
