//! Campaign Results: the server's funnel per campaign, fetched when online and kept with its
//! `as_of` for offline.

use crate::{error::ClientError, Portal};
use portal_core::pims::app::ResultsView;

impl Portal {
    /// The results as the server counts them now, or as last fetched when it cannot be reached.
    pub async fn campaign_results(&self) -> Result<ResultsView, ClientError> {
        todo!()
    }
}
