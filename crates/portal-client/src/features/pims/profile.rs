//! The Marketing Profile page: the firm's profile as the cache holds it (with the user's queued
//! edits on top), what a launch still needs, and saving the form as a queued update of only the
//! fields that changed.

use super::logo_url;
use crate::{
    error::ClientError,
    lists::pims as cached,
    replica::outbox::{self, NewChange},
    Portal,
};
use portal_core::{
    pims::{
        app::{ProfileForm, ProfileView},
        profile::PROFILE_FIELDS,
        runs_marketing,
    },
    sync::{changed_fields, Entity},
    ApiError, ErrorKind,
};

impl Portal {
    /// The firm's marketing profile, what it still lacks, whether this user may edit it, and its
    /// logos as `data:` URLs when their files are here.
    pub async fn marketing_profile(&self) -> Result<ProfileView, ClientError> {
        let held = self.held_profile().await?;
        let role = self.pims_role().await?;
        let profile = held.value;
        Ok(ProfileView {
            missing: profile.missing(),
            may_edit: runs_marketing(role),
            web_logo: logo_url(&self.blobs, profile.web_logo.as_ref()),
            print_logo: logo_url(&self.blobs, profile.print_logo.as_ref()),
            unsynced: held.unsynced,
            profile,
        })
    }

    /// Saves the form (every field's error at once when it is wrong): the changed fields of
    /// `PROFILE_FIELDS` queued as one update, shown at once, pushed when online.
    pub async fn save_marketing_profile(
        &self,
        form: ProfileForm,
    ) -> Result<ProfileView, ClientError> {
        if !runs_marketing(self.pims_role().await?) {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Forbidden,
                "Only Marketing and Administrator users can change the marketing profile.",
            )));
        }
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let held = cached::profile(&mut tx, &scope)
            .await?
            .ok_or_else(super::no_profile)?;
        let next = form.apply(&held.value).map_err(ClientError::from_form)?;
        let before = serde_json::to_value(&held.value).expect("a profile serializes");
        let after = serde_json::to_value(&next).expect("a profile serializes");
        let mut fields = changed_fields(&before, &after);
        fields.retain(|k, _| PROFILE_FIELDS.contains(&k.as_str()));
        let Some(op) = outbox::edit(held.version, fields) else {
            drop(tx);
            return self.marketing_profile().await;
        };
        let change = NewChange {
            entity: Entity::MarketingProfile,
            record_id: held.id,
            op,
            record_label: "Marketing profile".into(),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.marketing_profile().await
    }
}
