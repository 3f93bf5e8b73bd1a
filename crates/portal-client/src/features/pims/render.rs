//! A kit opened on the Campaigns page: the firm's campaign (or a new draft's starting point), its
//! email and landing page co-branded by portal-core's one renderer with the cached web logo, its
//! co-branded assets, and the steps with why each is unavailable now.

use super::{
    assets::{asset_logo, asset_view},
    logo_url,
};
use crate::{
    error::ClientError,
    lists::pims::{self as cached, Held},
    Portal,
};
use chrono::Utc;
use portal_core::{
    ids::CampaignKitId,
    pims::{
        app::{CampaignView, RegionView, StepView},
        campaign::{refusal, Campaign, CampaignStatus, CampaignStep},
        kit::CampaignKit,
        landing_path,
        profile::MarketingProfile,
        runs_marketing,
        template::{render_email, render_landing, Branding, FormState, Regions},
    },
    shell::Connection,
};

/// The firm's campaign from `kit` among `campaigns`: the one still running or being prepared,
/// else the newest.
pub(crate) fn firm_campaign(
    campaigns: Vec<Held<Campaign>>,
    kit: CampaignKitId,
) -> Option<Held<Campaign>> {
    campaigns
        .into_iter()
        .filter(|c| c.value.kit_id == kit)
        .max_by_key(|c| {
            (
                c.value.status != CampaignStatus::Ended,
                c.value.created_at,
                c.id,
            )
        })
}

/// The landing page's full address: the server's public address and the campaign's path.
pub(crate) fn public_url(server_url: &str, campaign: &Campaign) -> Option<String> {
    campaign
        .slug
        .as_deref()
        .map(|slug| format!("{server_url}{}", landing_path(slug)))
}

/// What a step's button says when the server cannot be reached.
pub(crate) fn offline_words(step: CampaignStep) -> String {
    let verb = match step {
        CampaignStep::Launch => "launch",
        CampaignStep::Pause => "pause",
        CampaignStep::Resume => "resume",
        CampaignStep::End => "end",
    };
    format!("Connect to the server to {verb} the campaign: it happens there, for everyone at once.")
}

/// The editable regions as the editor shows them.
fn regions(kit: &CampaignKit, edited: &Regions) -> Vec<RegionView> {
    kit.regions()
        .into_iter()
        .map(|(name, label, default, max_chars)| RegionView {
            name: name.to_owned(),
            label: label.to_owned(),
            value: edited.get(name).cloned().unwrap_or_default(),
            default: default.to_owned(),
            max_chars,
        })
        .collect()
}

/// The step buttons of a campaign in `status`, each with why it is unavailable now.
fn steps(
    campaign: Option<&Campaign>,
    kit: &CampaignKit,
    profile: &MarketingProfile,
    online: bool,
) -> Vec<StepView> {
    let today = Utc::now().date_naive();
    let Some(campaign) = campaign else {
        return vec![StepView {
            step: CampaignStep::Launch,
            refusal: Some("Save the campaign as a draft first.".to_owned()),
        }];
    };
    let status = campaign.effective_status(kit, today);
    CampaignStep::ALL
        .into_iter()
        .filter(|s| s.allowed_from(status))
        .map(|step| StepView {
            step,
            refusal: refusal(step, campaign, kit, profile, today)
                .or_else(|| (!online).then(|| offline_words(step))),
        })
        .collect()
}

impl Portal {
    /// The kit co-branded with the firm's profile, everything rendered here (offline too).
    pub async fn campaign(&self, kit_id: CampaignKitId) -> Result<CampaignView, ClientError> {
        let kit = self.held_kit(kit_id).await?;
        let (scope, _) = self.me().await?;
        let held = {
            let mut conn = self.cache.pool().acquire().await?;
            firm_campaign(cached::campaigns(&mut conn, &scope).await?, kit_id)
        };
        self.campaign_view(kit, held).await
    }

    /// The campaign page of `kit` with the firm's campaign `held`.
    pub(crate) async fn campaign_view(
        &self,
        kit: CampaignKit,
        held: Option<Held<Campaign>>,
    ) -> Result<CampaignView, ClientError> {
        let profile = self.held_profile().await?.value;
        let may_run = runs_marketing(self.pims_role().await?);
        let server_url = self.session().await?.stored.server_url;
        let online = self.hub.status().connection == Connection::Online;
        let today = Utc::now().date_naive();
        let campaign = held.as_ref().map(|h| h.value.clone());
        let edited = campaign
            .as_ref()
            .map(|c| c.regions.clone())
            .unwrap_or_default();
        let url = campaign.as_ref().and_then(|c| public_url(&server_url, c));
        let logo_src = logo_url(&self.blobs, profile.web_logo.as_ref());
        let branding = Branding {
            profile: &profile,
            logo_src: logo_src.as_deref(),
            landing_url: url.as_deref(),
        };
        let email = render_email(&kit.email, &edited, &branding);
        let landing = render_landing(&kit.landing, &edited, &branding, &FormState::Preview);
        let logo = asset_logo(&self.blobs, &profile);
        let assets = kit
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| asset_view(&self.blobs, i, a, &profile, logo.as_ref()))
            .collect();
        let results = match &campaign {
            Some(c) => self.kept_results(c.id).await?,
            None => None,
        };
        Ok(CampaignView {
            phase: kit.phase(today),
            status: campaign
                .as_ref()
                .map_or(CampaignStatus::Draft, |c| c.effective_status(&kit, today)),
            regions: regions(&kit, &edited),
            email,
            landing_html: landing.html,
            assets,
            profile_missing: profile.missing_sentence(),
            steps: steps(campaign.as_ref(), &kit, &profile, online),
            public_url: url,
            unsynced: held.as_ref().is_some_and(|h| h.unsynced),
            may_run,
            results,
            campaign,
            kit,
        })
    }
}
