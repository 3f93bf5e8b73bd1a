//! The campaign's email exported: an RFC 5322 message (`.eml`, unsent, HTML and plain text) or
//! the HTML alone when the path ends in `.html`.

use crate::{error::ClientError, Portal};
use portal_core::ids::CampaignKitId;
use std::path::{Path, PathBuf};

impl Portal {
    /// The name the email is saved under (for the save dialog): `<campaign>.eml`.
    pub async fn campaign_email_file_name(
        &self,
        kit_id: CampaignKitId,
    ) -> Result<String, ClientError> {
        let _ = kit_id;
        todo!()
    }

    /// Writes the co-branded email to `path` (`.eml`, or `.html` when it ends so); the path.
    pub async fn export_campaign_email(
        &self,
        kit_id: CampaignKitId,
        path: &Path,
    ) -> Result<PathBuf, ClientError> {
        let _ = (kit_id, path);
        todo!()
    }
}
