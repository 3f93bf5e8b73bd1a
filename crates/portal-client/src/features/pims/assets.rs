//! Co-branded assets, rendered on this machine (offline too): the kit's background with the
//! firm's logo fitted and centred in its zone, as a PNG, or as a one-page PDF with the contact
//! lines in their zone.

use crate::{error::ClientError, Portal};
use portal_core::ids::CampaignKitId;
use std::path::{Path, PathBuf};

impl Portal {
    /// The name the kit's asset `index` is saved under (for the save dialog).
    pub async fn campaign_asset_file_name(
        &self,
        kit_id: CampaignKitId,
        index: u32,
    ) -> Result<String, ClientError> {
        let _ = (kit_id, index);
        todo!()
    }

    /// Renders the kit's asset `index` co-branded and writes it to `path`; the path written.
    pub async fn save_campaign_asset(
        &self,
        kit_id: CampaignKitId,
        index: u32,
        path: &Path,
    ) -> Result<PathBuf, ClientError> {
        let _ = (kit_id, index, path);
        todo!()
    }
}
