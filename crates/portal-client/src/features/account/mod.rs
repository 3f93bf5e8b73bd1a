//! The account menu under the user's name (My Account, Partner Details, User Maintenance): the
//! firm's details and its users, read from the server and cached for offline use.

use crate::{error::ClientError, Portal};
use portal_core::{
    api::{partner::PartnerDetails, user::UserProfile},
    shell::Snapshot,
};

impl Portal {
    /// Partner Details: the firm's details (also cached at sign-in: their margin prices quotes).
    pub async fn partner_details(&self) -> Result<Snapshot<PartnerDetails>, ClientError> {
        self.firm_details().await
    }

    /// User Maintenance: the firm's users (administrators only); their names are kept for the
    /// lists' owner columns.
    pub async fn users(&self) -> Result<Snapshot<Vec<UserProfile>>, ClientError> {
        self.firm_users().await
    }
}
