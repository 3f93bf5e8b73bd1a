//! Campaign Results: the server's funnel per campaign, fetched when online and kept with its
//! `as_of` for offline.

use crate::{error::ClientError, Portal};
use portal_core::{
    ids::CampaignId,
    pims::{
        app::ResultsView,
        results::{CampaignResults, ResultsResponse},
    },
};

/// The name the last results are kept under in the cache (scope: the user).
const RESULTS: &str = "pims_results";

impl Portal {
    /// The results as the server counts them now, or as last fetched when it cannot be reached.
    pub async fn campaign_results(&self) -> Result<ResultsView, ClientError> {
        match self
            .snapshot(RESULTS, |api, token| async move {
                api.campaign_results(&token).await
            })
            .await
        {
            Ok(s) => Ok(ResultsView {
                campaigns: s.data.campaigns,
                as_of: Some(s.data.as_of),
                offline: s.from_cache,
            }),
            // Never fetched, and the server cannot be asked now.
            Err(e) if e.is_offline() => Ok(ResultsView {
                campaigns: Vec::new(),
                as_of: None,
                offline: true,
            }),
            Err(e) => Err(e),
        }
    }

    /// One campaign's figures as last fetched (no request: the campaign page renders offline).
    pub(crate) async fn kept_results(
        &self,
        id: CampaignId,
    ) -> Result<Option<CampaignResults>, ClientError> {
        let (scope, _) = self.me().await?;
        Ok(self
            .cache
            .get::<ResultsResponse>(&scope, RESULTS)
            .await?
            .and_then(|c| c.value.campaigns.into_iter().find(|r| r.campaign_id == id)))
    }
}
