//! A firm's campaigns' funnels: page views, then what their leads became (accepted, prospects,
//! deal registrations on those prospects, quotes on those prospects or deals).

use crate::error::Result;
use crate::storage::pims::{campaigns, landing, leads};
use crate::storage::Storage;
use chrono::Utc;
use portal_core::ids::PartnerId;
use portal_core::pims::campaign::CampaignStatus;
use portal_core::pims::results::{CampaignResults, ResultsResponse};

/// Every launched campaign of the firm (drafts have no funnel), newest first.
pub async fn results(storage: &Storage, partner: PartnerId) -> Result<ResultsResponse> {
    let mut db = storage.conn().await?;
    let views = landing::views(&mut db, partner).await?;
    let funnels = leads::funnels(&mut db, partner).await?;
    let mut out: Vec<CampaignResults> = campaigns::of_firm(&mut db, partner)
        .await?
        .into_iter()
        .filter(|s| s.campaign.status != CampaignStatus::Draft)
        .map(|s| {
            let c = s.campaign;
            let f = funnels.get(&c.id).copied().unwrap_or_default();
            CampaignResults {
                campaign_id: c.id,
                name: c.name,
                page_views: views.get(&c.id).copied().unwrap_or(0),
                leads: f.leads,
                accepted: f.accepted,
                prospects: f.prospects,
                deals: f.deals,
                quotes: f.quotes,
            }
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.campaign_id));
    Ok(ResultsResponse {
        campaigns: out,
        as_of: Utc::now(),
    })
}
