//! What the app's PIMS pages ask the shell and get back: the marketing profile form, the
//! Campaigns list and a campaign's co-branded preview, the Lead Inbox, and results.

use crate::api::partner::Address;
use crate::error::ApiError;
use crate::ids::{CampaignId, CampaignKitId, LeadId, UserId};
use crate::pims::campaign::{Campaign, CampaignStatus, CampaignStep};
use crate::pims::kit::{AssetOutput, CampaignKit, KitPhase};
use crate::pims::lead::{DeclineReason, Lead, LeadSource, LeadState};
use crate::pims::profile::{Colour, MarketingProfile, Missing, SocialLink};
use crate::pims::results::CampaignResults;
use crate::pims::template::{Regions, RenderedEmail};
use crate::resources::ProductTag;
use crate::sales::ExistingProspect;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

// ---------- Marketing profile ----------

/// The Marketing Profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub profile: MarketingProfile,
    /// What a launch still needs, in the form's order.
    pub missing: Vec<Missing>,
    /// Marketing and Administrator users edit it; the others see it.
    pub may_edit: bool,
    /// The logos as `data:` URLs for the page (None when there is none, or its file is not here
    /// yet because the app has been offline since it was uploaded).
    pub web_logo: Option<String>,
    pub print_logo: Option<String>,
    /// Edits made here that have not reached the server yet.
    pub unsynced: bool,
}

/// The profile form as typed: text everywhere, so nothing typed is lost to an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub company_name: String,
    pub address: Address,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub social: Vec<SocialLink>,
    pub unsubscribe: String,
    pub brand_colour: String,
}

impl ProfileForm {
    pub fn from_profile(p: &MarketingProfile) -> Self {
        Self {
            company_name: p.company_name.clone(),
            address: p.address.clone(),
            contact_name: p.contact_name.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            website: p.website.clone(),
            social: p.social.clone(),
            unsubscribe: p.unsubscribe.clone(),
            brand_colour: p.brand_colour.to_string(),
        }
    }

    /// The profile this form makes of `current` (its id and logos kept), or every field's error.
    pub fn apply(&self, current: &MarketingProfile) -> Result<MarketingProfile, Vec<ApiError>> {
        let mut errors = Vec::new();
        let brand_colour = match Colour::parse(&self.brand_colour) {
            Ok(c) => c,
            Err(m) => {
                errors.push(ApiError::invalid("brand_colour", m));
                current.brand_colour.clone()
            }
        };
        let trimmed = |s: &str| s.trim().to_owned();
        let next = MarketingProfile {
            id: current.id,
            company_name: trimmed(&self.company_name),
            address: Address {
                line1: trimmed(&self.address.line1),
                line2: trimmed(&self.address.line2),
                city: trimmed(&self.address.city),
                region: trimmed(&self.address.region),
                postal_code: trimmed(&self.address.postal_code),
                country: trimmed(&self.address.country),
            },
            contact_name: trimmed(&self.contact_name),
            email: self.email.trim().to_lowercase(),
            phone: trimmed(&self.phone),
            website: trimmed(&self.website),
            social: self
                .social
                .iter()
                .filter(|s| !(s.network.trim().is_empty() && s.url.trim().is_empty()))
                .map(|s| SocialLink {
                    network: trimmed(&s.network),
                    url: trimmed(&s.url),
                })
                .collect(),
            unsubscribe: trimmed(&self.unsubscribe),
            web_logo: current.web_logo.clone(),
            print_logo: current.print_logo.clone(),
            brand_colour,
        };
        // Every field's own rule, each reported once.
        let mut probe = next.clone();
        for _ in 0..12 {
            match probe.check() {
                Ok(()) => break,
                Err(e) => {
                    let field = e.field.clone().unwrap_or_default();
                    errors.push(e);
                    blank_field(&mut probe, &field);
                }
            }
        }
        if errors.is_empty() {
            Ok(next)
        } else {
            Err(errors)
        }
    }
}

fn blank_field(p: &mut MarketingProfile, field: &str) {
    match field {
        "company_name" => p.company_name.clear(),
        "contact_name" => p.contact_name.clear(),
        "email" => p.email.clear(),
        "phone" => p.phone.clear(),
        "website" => p.website.clear(),
        "unsubscribe" => p.unsubscribe.clear(),
        "social" => p.social.clear(),
        "address" => p.address = Address::default(),
        _ => {}
    }
}

// ---------- Campaigns ----------

/// A kit on the Campaigns page, with the firm's campaign from it if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitRow {
    pub kit_id: CampaignKitId,
    pub name: String,
    pub summary: String,
    pub products: Vec<ProductTag>,
    pub phase: KitPhase,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub campaign: Option<CampaignRow>,
}

/// The firm's campaign from a kit, as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: CampaignId,
    pub name: String,
    /// As of today (a live campaign of an ended kit is ended).
    pub status: CampaignStatus,
    /// The landing page's full address, once launched.
    pub public_url: Option<String>,
    /// Leads received from it (in the cache).
    pub leads: u32,
}

/// The Campaigns page: every kit the firm receives, active first, then upcoming, then ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitList {
    pub rows: Vec<KitRow>,
    /// Marketing and Administrator users may draft and launch.
    pub may_run: bool,
    /// What the profile still needs (empty when complete).
    pub profile_missing: Vec<Missing>,
}

/// An editable region in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionView {
    pub name: String,
    pub label: String,
    /// The partner's text, or empty when the kit's default shows.
    pub value: String,
    pub default: String,
    pub max_chars: u32,
}

/// A co-branded asset in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetView {
    /// Its place in the kit's asset list (what SaveCampaignAsset names).
    pub index: u32,
    pub title: String,
    pub output: AssetOutput,
    /// The co-branded picture as a `data:image/png` URL, rendered on this machine.
    pub preview: Option<String>,
    /// Why there is no preview ("The background file has not been downloaded yet; connect once
    /// to fetch it."), when there is none.
    pub unavailable: Option<String>,
    /// The name it is saved under.
    pub file_name: String,
}

/// A step button on the campaign page, and why it is unavailable when it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub step: CampaignStep,
    /// None: the button works (online). Some: why not, in words.
    pub refusal: Option<String>,
}

/// A kit opened on the Campaigns page: the firm's campaign (or a new draft's starting point),
/// everything co-branded with the firm's profile and rendered on this machine (offline too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignView {
    pub kit: CampaignKit,
    pub phase: KitPhase,
    /// None until the first draft is saved.
    pub campaign: Option<Campaign>,
    /// The campaign's status today (Draft when there is none yet).
    pub status: CampaignStatus,
    pub regions: Vec<RegionView>,
    pub email: RenderedEmail,
    /// The landing page as a whole HTML document (the form drawn but disabled).
    pub landing_html: String,
    pub assets: Vec<AssetView>,
    /// "Add a web logo to the marketing profile before launching a campaign.", when incomplete.
    pub profile_missing: Option<String>,
    /// The steps the campaign's status allows, each with why it is unavailable now (offline,
    /// incomplete profile, kit not started…).
    pub steps: Vec<StepView>,
    pub public_url: Option<String>,
    /// Edits of this campaign that have not reached the server yet.
    pub unsynced: bool,
    pub may_run: bool,
    pub results: Option<CampaignResults>,
}

/// The editor's content, saved as a draft (offline too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub name: String,
    pub regions: Regions,
}

// ---------- Lead inbox ----------

/// What the Lead Inbox lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadQuery {
    /// None: every state.
    pub state: Option<LeadState>,
    /// Matches name, company, email and origin.
    #[serde(default)]
    pub search: String,
}

/// A lead in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadRow {
    pub id: LeadId,
    pub name: String,
    pub company: String,
    pub email: String,
    pub origin: String,
    pub source: LeadSource,
    pub received_at: DateTime<Utc>,
    /// As of now, including a decision made here and not yet synced.
    pub state: LeadState,
    /// "6 days 4 hours left" while pending.
    pub countdown: Option<String>,
    /// A decision made here is waiting to reach the server.
    pub unsynced: bool,
}

/// The Lead Inbox: the leads matching the query, newest first, and how many are in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadList {
    pub rows: Vec<LeadRow>,
    /// Every state with its count (for the filter's labels).
    pub counts: Vec<(LeadState, u32)>,
}

/// One lead opened in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDetail {
    pub lead: Lead,
    pub state: LeadState,
    pub countdown: Option<String>,
    /// A prospect of the firm already has the lead's domain: accepting will be refused; shown
    /// before the user tries.
    pub clash: Option<ExistingProspect>,
    /// The lead's email domain breaks the prospect's domain rule (a free mail provider, say), in
    /// that rule's words: accepting will be refused for it; shown before the user tries.
    #[serde(default)]
    pub domain_problem: Option<String>,
    /// Who may be made the prospect's owner.
    pub owners: Vec<OwnerOption>,
    /// Accept and decline are offered (the lead is open and the role works leads).
    pub may_decide: bool,
    /// A decision made here that has not reached the server yet.
    pub unsynced: bool,
}

/// A user who may own the prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnerOption {
    pub id: UserId,
    pub name: String,
}

/// "Accept" on a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptForm {
    pub owner_id: UserId,
    pub next_step: String,
}

/// "Decline" on a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclineForm {
    pub reason: DeclineReason,
    pub note: String,
}

/// The payload of the `leads` event: leads that arrived with a sync (for the notification).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLeads {
    /// Pending leads the user has not been told of before.
    pub count: u32,
    /// The newest few, newest first.
    pub newest: Vec<LeadRow>,
}

/// The Results page (and a campaign's figures): the server's counts as last fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub campaigns: Vec<CampaignResults>,
    /// When the counts were taken (None: never fetched).
    pub as_of: Option<DateTime<Utc>>,
    /// The counts come from the cache because the server could not be asked.
    pub offline: bool,
}
