//! The Marketing Profile page: the firm's profile as the cache holds it (with the user's queued
//! edits on top), what a launch still needs, and saving the form as a queued update of only the
//! fields that changed.

use crate::{error::ClientError, Portal};
use portal_core::pims::app::{ProfileForm, ProfileView};

impl Portal {
    /// The firm's marketing profile, what it still lacks, whether this user may edit it, and its
    /// logos as `data:` URLs when their files are here.
    pub async fn marketing_profile(&self) -> Result<ProfileView, ClientError> {
        todo!()
    }

    /// Saves the form (every field's error at once when it is wrong): the changed fields of
    /// `PROFILE_FIELDS` queued as one update, shown at once, pushed when online.
    pub async fn save_marketing_profile(
        &self,
        form: ProfileForm,
    ) -> Result<ProfileView, ClientError> {
        let _ = form;
        todo!()
    }
}
