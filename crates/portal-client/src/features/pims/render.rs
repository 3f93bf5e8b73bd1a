//! A kit opened on the Campaigns page: the firm's campaign (or a new draft's starting point), its
//! email and landing page co-branded by portal-core's one renderer with the cached web logo, its
//! co-branded assets, and the steps with why each is unavailable now.

use crate::{error::ClientError, Portal};
use portal_core::{ids::CampaignKitId, pims::app::CampaignView};

impl Portal {
    /// The kit co-branded with the firm's profile, everything rendered here (offline too).
    pub async fn campaign(&self, kit_id: CampaignKitId) -> Result<CampaignView, ClientError> {
        let _ = kit_id;
        todo!()
    }
}
