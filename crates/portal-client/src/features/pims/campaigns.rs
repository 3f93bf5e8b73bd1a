//! The Campaigns page: every kit the firm receives with its campaign, drafts saved (offline too)
//! and deleted as queued changes, and the steps taken on the server (launch, pause, resume, end)
//! after the queued edits are pushed.

use crate::{error::ClientError, Portal};
use portal_core::{
    ids::{CampaignId, CampaignKitId},
    pims::{
        app::{CampaignForm, CampaignView, KitList},
        campaign::CampaignStep,
    },
};

impl Portal {
    /// The kits, active first, then upcoming, then ended, each with the firm's campaign.
    pub async fn campaign_kits(&self) -> Result<KitList, ClientError> {
        todo!()
    }

    /// Saves the editor as the kit's draft: created the first time, else an update of the changed
    /// `CAMPAIGN_FIELDS`; queued (offline too).
    pub async fn save_campaign_draft(
        &self,
        kit_id: CampaignKitId,
        form: CampaignForm,
    ) -> Result<CampaignView, ClientError> {
        let _ = (kit_id, form);
        todo!()
    }

    /// Deletes a draft (queued).
    pub async fn delete_campaign_draft(&self, id: CampaignId) -> Result<(), ClientError> {
        let _ = id;
        todo!()
    }

    /// Launches, pauses, resumes or ends the campaign on the server, after pushing the queued
    /// changes; the campaign as the server answers it. Offline, refused in words.
    pub async fn campaign_step(
        &self,
        id: CampaignId,
        step: CampaignStep,
    ) -> Result<CampaignView, ClientError> {
        let _ = (id, step);
        todo!()
    }
}
