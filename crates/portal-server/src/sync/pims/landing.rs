//! The public landing pages' side of the rules: which campaign a slug shows and in what state
//! (a draft has no public page; a campaign whose kit ended is ended), counting a view, and a form
//! post — rate-limited per client address, a bot's quietly dropped, a person's checked and kept as
//! a pending lead of the firm.

use super::leads::{new_lead, save};
use crate::error::Result;
use crate::storage::pims::{campaigns, kits, landing, profiles};
use crate::storage::Storage;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use portal_core::ids::PartnerId;
use portal_core::pims::campaign::{Campaign, CampaignStatus};
use portal_core::pims::kit::CampaignKit;
use portal_core::pims::lead::{
    FieldErrors, FormVerdict, LeadForm, LeadSource, RATE_LIMIT, RATE_WINDOW_MINUTES,
};
use portal_core::pims::profile::MarketingProfile;

/// What a public page shows.
#[derive(Debug, Clone)]
pub struct Page {
    pub partner: PartnerId,
    pub campaign: Campaign,
    pub kit: CampaignKit,
    pub profile: MarketingProfile,
    /// Live, Paused or Ended (as of the server's today).
    pub status: CampaignStatus,
}

impl Page {
    /// The words in place of the form when the campaign takes no leads.
    pub fn closed_message(&self) -> Option<&'static str> {
        match self.status {
            CampaignStatus::Live => None,
            CampaignStatus::Paused => Some(
                "This campaign is paused for now, so it is not taking enquiries. Please come back \
                 later, or contact us directly.",
            ),
            CampaignStatus::Ended | CampaignStatus::Draft => Some(
                "This campaign has ended, so it is no longer taking enquiries. Please contact us \
                 directly.",
            ),
        }
    }
}

/// The launched campaign at `/c/<slug>` on `today`, or None (unknown, or a draft).
pub async fn page(storage: &Storage, slug: &str, today: NaiveDate) -> Result<Option<Page>> {
    if !portal_core::pims::campaign::is_slug(slug) {
        return Ok(None);
    }
    let mut db = storage.conn().await?;
    let Some(stored) = campaigns::by_slug(&mut db, slug).await? else {
        return Ok(None);
    };
    if stored.campaign.status == CampaignStatus::Draft {
        return Ok(None);
    }
    let Some(kit) = kits::find(&mut db, stored.campaign.kit_id).await? else {
        return Ok(None);
    };
    let Some(profile) = profiles::find(&mut db, stored.partner).await? else {
        return Ok(None);
    };
    let mut status = stored.campaign.effective_status(&kit.kit, today);
    if kit.withdrawn_at.is_some() {
        status = CampaignStatus::Ended;
    }
    Ok(Some(Page {
        partner: stored.partner,
        campaign: stored.campaign,
        kit: kit.kit,
        profile: profile.profile,
        status,
    }))
}

/// Counts a view of a page that is live or paused.
pub async fn count_view(storage: &Storage, page: &Page) -> Result<()> {
    if matches!(page.status, CampaignStatus::Live | CampaignStatus::Paused) {
        let mut tx = storage.write().await?;
        landing::count_view(&mut tx, page.campaign.id).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// What became of a form post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Kept as a lead.
    Received,
    /// The honeypot was filled: answered as if received, nothing kept.
    Bot,
    /// Every field's error.
    Invalid(FieldErrors),
    /// The campaign takes no leads: the words to show.
    Closed(&'static str),
    /// Too many posts from this address lately.
    TooMany,
}

/// A form post from `address` to `page` at `now`; a person's valid enquiry becomes a pending lead
/// open for `window`.
pub async fn post(
    storage: &Storage,
    page: &Page,
    form: &LeadForm,
    address: &str,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<Posted> {
    let mut tx = storage.write().await?;
    let since = now - Duration::minutes(RATE_WINDOW_MINUTES);
    let posts = landing::note_post(&mut tx, address, now, since).await?;
    if posts > RATE_LIMIT {
        tx.commit().await?;
        return Ok(Posted::TooMany);
    }
    if let Some(words) = page.closed_message() {
        tx.commit().await?;
        return Ok(Posted::Closed(words));
    }
    let posted = match form.verdict() {
        FormVerdict::Bot => Posted::Bot,
        FormVerdict::Invalid(errors) => Posted::Invalid(errors),
        FormVerdict::Lead(n) => {
            let lead = new_lead(
                n,
                LeadSource::LandingPage,
                Some(page.campaign.id),
                &page.campaign.name,
                now,
                window,
            );
            save(&mut tx, page.partner, lead).await?;
            Posted::Received
        }
    };
    tx.commit().await?;
    Ok(posted)
}
