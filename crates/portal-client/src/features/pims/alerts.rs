//! New leads: the count of open leads the user has not looked at (menu, Dashboard), and those
//! to announce with a desktop notification, each once.

use crate::{error::ClientError, Portal};
use portal_core::pims::app::NewLeads;

impl Portal {
    /// Open leads the user has not opened yet (for the menu's badge); nothing is marked.
    pub async fn new_leads(&self) -> Result<NewLeads, ClientError> {
        todo!()
    }

    /// Open leads not announced before, now marked announced: the shell's notification after a
    /// sync (empty for roles that do not work leads).
    pub async fn leads_to_announce(&self) -> Result<NewLeads, ClientError> {
        todo!()
    }
}
