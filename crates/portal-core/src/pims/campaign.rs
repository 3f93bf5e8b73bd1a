//! A firm's campaign: a kit co-branded with the firm's profile and its own words in the editable
//! regions, and its life cycle (Draft → Live ⇄ Paused → Ended).
//!
//! The body of a `campaign` change is [`Campaign`]. A draft is born in the app (offline too), with
//! status Draft, and edited with sync updates of [`CAMPAIGN_FIELDS`]; a draft may be deleted.
//! Launching, pausing, resuming and ending need the server (`POST
//! /api/v1/pims/campaigns/{id}/{step}`, see [`CampaignStep`]): it checks the profile is complete
//! and the kit running, gives a launched campaign its public slug, and answers the campaign.

use crate::error::ApiError;
use crate::ids::{CampaignId, CampaignKitId, UserId};
use crate::pims::kit::{CampaignKit, KitPhase};
use crate::pims::profile::MarketingProfile;
use crate::pims::template::{check_regions, Regions};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Where a campaign stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum CampaignStatus {
        /// Being prepared; no public page.
        Draft = "draft",
        /// Its landing page is public and takes leads.
        Live = "live",
        /// Its page says it is paused and takes no leads.
        Paused = "paused",
        /// Over for good (ended by the firm, or its kit ended).
        Ended = "ended",
    }
}

impl CampaignStatus {
    pub fn label(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "Draft",
            CampaignStatus::Live => "Live",
            CampaignStatus::Paused => "Paused",
            CampaignStatus::Ended => "Ended",
        }
    }
}

crate::wire_enum! {
    /// A step of a campaign's life cycle, taken on the server.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum CampaignStep {
        Launch = "launch",
        Pause = "pause",
        Resume = "resume",
        End = "end",
    }
}

impl CampaignStep {
    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            CampaignStep::Launch => "Launch",
            CampaignStep::Pause => "Pause",
            CampaignStep::Resume => "Resume",
            CampaignStep::End => "End campaign",
        }
    }

    /// The status it leads to.
    pub fn target(self) -> CampaignStatus {
        match self {
            CampaignStep::Launch | CampaignStep::Resume => CampaignStatus::Live,
            CampaignStep::Pause => CampaignStatus::Paused,
            CampaignStep::End => CampaignStatus::Ended,
        }
    }

    /// Whether the step may be taken from `from`.
    pub fn allowed_from(self, from: CampaignStatus) -> bool {
        matches!(
            (self, from),
            (CampaignStep::Launch, CampaignStatus::Draft)
                | (CampaignStep::Pause, CampaignStatus::Live)
                | (CampaignStep::Resume, CampaignStatus::Paused)
                | (
                    CampaignStep::End,
                    CampaignStatus::Live | CampaignStatus::Paused
                )
        )
    }
}

/// A firm's campaign: the body of a `campaign` change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: CampaignId,
    pub kit_id: CampaignKitId,
    /// The firm's own name for it (defaults to the kit's).
    pub name: String,
    /// The edited regions, by name; a region left out shows the kit's text.
    pub regions: Regions,
    pub status: CampaignStatus,
    /// Given by the server at launch: the landing page is at [`super::landing_path`] of it.
    pub slug: Option<String>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub launched_at: Option<DateTime<Utc>>,
    pub launched_by: Option<UserId>,
}

/// The campaign fields a sync update may set.
pub const CAMPAIGN_FIELDS: [&str; 2] = ["name", "regions"];

/// The longest a campaign's name may be.
pub const MAX_NAME: usize = 120;

impl Campaign {
    /// A new draft of `kit` by `user`.
    pub fn draft(id: CampaignId, kit: &CampaignKit, user: UserId, now: DateTime<Utc>) -> Self {
        Self {
            id,
            kit_id: kit.id,
            name: kit.name.clone(),
            regions: Regions::new(),
            status: CampaignStatus::Draft,
            slug: None,
            created_by: user,
            created_at: now,
            launched_at: None,
            launched_by: None,
        }
    }

    /// The status it has on `today`: a campaign whose kit ended is ended, whatever it was.
    pub fn effective_status(&self, kit: &CampaignKit, today: NaiveDate) -> CampaignStatus {
        match self.status {
            CampaignStatus::Live | CampaignStatus::Paused
                if kit.phase(today) == KitPhase::Ended =>
            {
                CampaignStatus::Ended
            }
            s => s,
        }
    }

    /// Every rule a stored campaign obeys against its kit.
    pub fn check(&self, kit: &CampaignKit) -> Result<(), ApiError> {
        if self.kit_id != kit.id {
            return Err(ApiError::invalid(
                "kit_id",
                "The campaign names another kit.",
            ));
        }
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ApiError::invalid("name", "Give the campaign a name."));
        }
        if name.chars().count() > MAX_NAME {
            return Err(ApiError::invalid(
                "name",
                format!("A campaign's name can be at most {MAX_NAME} characters."),
            ));
        }
        check_regions(&kit.blocks(), &self.regions)
    }

    /// Whether its text may still be edited (not once it has ended).
    pub fn is_editable(&self) -> bool {
        self.status != CampaignStatus::Ended
    }

    /// Whether the firm may delete it (drafts only; a launched campaign keeps its leads' history).
    pub fn is_deletable(&self) -> bool {
        self.status == CampaignStatus::Draft
    }
}

/// Why `step` cannot be taken now, in words, or None when it can. The server asks this before
/// taking a step, and the app before offering the button.
pub fn refusal(
    step: CampaignStep,
    campaign: &Campaign,
    kit: &CampaignKit,
    profile: &MarketingProfile,
    today: NaiveDate,
) -> Option<String> {
    let status = campaign.effective_status(kit, today);
    if !step.allowed_from(status) {
        return Some(match (step, status) {
            (_, CampaignStatus::Ended) => "This campaign has ended.".to_owned(),
            (CampaignStep::Launch, _) => "This campaign has already been launched.".to_owned(),
            (CampaignStep::Pause, CampaignStatus::Paused) => {
                "This campaign is already paused.".to_owned()
            }
            (CampaignStep::Resume, CampaignStatus::Live) => {
                "This campaign is already live.".to_owned()
            }
            _ => format!(
                "A {} campaign cannot be {}.",
                status.label().to_lowercase(),
                match step {
                    CampaignStep::Launch => "launched",
                    CampaignStep::Pause => "paused",
                    CampaignStep::Resume => "resumed",
                    CampaignStep::End => "ended",
                }
            ),
        });
    }
    if matches!(step, CampaignStep::Launch | CampaignStep::Resume) {
        match kit.phase(today) {
            KitPhase::Upcoming => {
                return Some(format!(
                    "This campaign kit starts on {}; it can be launched from then.",
                    kit.starts_on.format("%-d %B %Y")
                ))
            }
            KitPhase::Ended => return Some("This campaign kit has ended.".to_owned()),
            KitPhase::Active => {}
        }
        if let Some(sentence) = profile.missing_sentence() {
            return Some(sentence);
        }
        if let Err(e) = campaign.check(kit) {
            return Some(e.message);
        }
    }
    None
}

/// Text as the words of a name: letters and digits kept (lower-cased when `keep_case` is false),
/// every run of anything else one `-`, at most 60 characters.
pub fn words_for_name(text: &str, keep_case: bool) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if keep_case {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            dash = true;
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    if out.is_empty() {
        "campaign".to_owned()
    } else {
        out
    }
}

/// A public slug for a campaign: the firm's and the campaign's names, and a suffix the server
/// draws at random so slugs cannot be guessed (`northwind-it-spring-security-7k2m9q`).
pub fn slug(company: &str, campaign: &str, suffix: &str) -> String {
    let ascii: String = format!("{company} {campaign}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    format!(
        "{}-{}",
        words_for_name(&ascii, false),
        suffix.to_ascii_lowercase()
    )
}

/// Whether a text is a well-formed slug (what `/c/<slug>` accepts before looking it up).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
