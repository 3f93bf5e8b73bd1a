//! The PIMS menu group (Campaigns, Lead Inbox, Campaign Results, Marketing Profile): the firm's
//! marketing profile and logos, the vendor's campaign kits co-branded and run as campaigns, their
//! co-branded assets and exported email rendered on this machine (offline too), the leads the
//! landing pages bring, and the results.
//!
//! - [`profile`]: the Marketing Profile page; saving is a queued update of the changed fields;
//! - [`logos`]: uploading a logo (checked here first, then sent), and the PIMS files a sync needs
//!   fetched (logos, the kits' asset backgrounds), checked by hash;
//! - [`campaigns`]: the kits list, drafts (saved offline), deleting a draft, the online steps;
//! - [`render`]: a kit opened: the email and landing page co-branded by portal-core's renderer;
//! - [`assets`]: co-branded PNGs and PDFs, rendered here (their pixels: [`picture`]); [`export`]:
//!   the email as `.eml`/`.html`;
//! - [`leads`]: the Lead Inbox, a lead's page, accepting and declining (queued offline);
//! - [`alerts`]: new leads to announce once; [`results`]: the funnel per campaign, kept offline.
//!
//! Below them [`crate::lists::pims`] reads the cached kits, campaigns, profile and leads.

pub mod alerts;
pub mod assets;
pub mod campaigns;
pub mod export;
pub mod leads;
pub mod logos;
pub mod picture;
pub mod profile;
pub mod render;
pub mod results;

use crate::{
    error::ClientError,
    lists::pims::{self as cached, Held},
    portal::PROFILE,
    store::blobs::{Blobs, Shelf},
    Portal,
};
use base64::Engine;
use portal_core::{
    api::auth::Profile,
    ids::CampaignKitId,
    pims::{kit::CampaignKit, logo::Logo, profile::MarketingProfile},
    role::Role,
    ApiError, ErrorKind,
};

/// The error while no sync has brought the firm's marketing profile yet.
pub(crate) fn no_profile() -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        "The marketing profile has not reached this computer yet: connect once so the app can \
         sync it.",
    ))
}

/// The error for a kit the firm no longer receives.
pub(crate) fn no_kit() -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        "This campaign kit is no longer offered to your firm: the vendor withdrew it.",
    ))
}

/// `data:<type>;base64,…`.
pub(crate) fn data_url(media_type: &str, bytes: &[u8]) -> String {
    format!(
        "data:{media_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A logo's bytes, when its file is here (fetched after a sync, or kept when uploaded).
pub(crate) fn logo_bytes(blobs: &Blobs, logo: &Logo) -> Option<Vec<u8>> {
    std::fs::read(blobs.path(Shelf::Pims, &logo.sha256)).ok()
}

/// A logo as a `data:` URL for a page, when its file is here.
pub(crate) fn logo_url(blobs: &Blobs, logo: Option<&Logo>) -> Option<String> {
    let logo = logo?;
    logo_bytes(blobs, logo).map(|b| data_url(logo.format.media_type(), &b))
}

impl Portal {
    /// The signed-in user's role, as the cache knows it.
    pub(crate) async fn pims_role(&self) -> Result<Role, ClientError> {
        let (scope, _) = self.me().await?;
        Ok(self
            .cache
            .get::<Profile>(&scope, PROFILE)
            .await?
            .ok_or(ClientError::NotSignedIn)?
            .value
            .user
            .role)
    }

    /// The firm's marketing profile as the cache holds it (queued edits on top).
    pub(crate) async fn held_profile(&self) -> Result<Held<MarketingProfile>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        cached::profile(&mut conn, &scope)
            .await?
            .ok_or_else(no_profile)
    }

    /// A kit the firm receives.
    pub(crate) async fn held_kit(&self, id: CampaignKitId) -> Result<CampaignKit, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        cached::kits(&mut conn, &scope)
            .await?
            .into_iter()
            .map(|k| k.value)
            .find(|k| k.id == id)
            .ok_or_else(no_kit)
    }
}
