//! PIMS, the Partner Interactive Marketing Suite: the vendor's campaign kits, co-branded with a
//! partner firm's marketing profile and run as campaigns whose landing pages bring leads back to
//! the firm, where they are accepted into prospects or declined.
//!
//! The loop, and where each part lives:
//! - [`profile`]: the firm's [`profile::MarketingProfile`] (name, contact, logos, brand colour) and
//!   its completeness check; [`logo`]: the rules an uploaded logo must pass.
//! - [`kit`]: a [`kit::CampaignKit`] the vendor publishes (email and landing-page templates,
//!   co-branded assets whose backgrounds are `campaign_assets` resources).
//! - [`template`]: the one renderer of templates into HTML and plain text, used by the app's
//!   offline preview, the exported email and the server's public landing page alike; everything a
//!   partner or a visitor typed is escaped.
//! - [`campaign`]: a firm's [`campaign::Campaign`]: a draft (synced like any record), launched,
//!   paused, resumed or ended (on the server, online).
//! - [`lead`]: a [`lead::Lead`], the public form that creates one, its life cycle (Pending →
//!   Accepted | Declined | Expired | Withdrawn) and the [`lead::LeadDecision`] a partner pushes.
//! - [`results`]: a campaign's funnel (views → leads → accepted → prospects → deals → quotes).
//! - [`app`]: what the app's PIMS pages ask the shell and get back.
//! - `GET /api/v1/pims/lead-owners`: the people the caller may make a lead's owner
//!   ([`app::OwnerOption`], by [`may_own_lead`]).
//! - [`vendor`]: the vendor API's input (publishing kits, distributing and withdrawing leads).
//!
//! Sync: `campaign_kit` and `lead` are pulled; `marketing_profile` is pulled and updated (never
//! created or deleted by a partner: the server keeps one per firm); `campaign` is created, updated
//! and deleted (drafts) by partners; `lead_decision` is create-only and never pulled back.

pub mod app;
pub mod campaign;
pub mod kit;
pub mod lead;
pub mod logo;
pub mod profile;
pub mod results;
pub mod template;
pub mod vendor;

use crate::role::Role;

/// Who may edit the firm's marketing profile and run its campaigns (launch, pause, resume, draft).
pub fn runs_marketing(role: Role) -> bool {
    matches!(role, Role::Marketing | Role::Administrator)
}

/// Who receives the firm's leads (the Lead Inbox), and may accept or decline them.
pub fn works_leads(role: Role) -> bool {
    matches!(role, Role::Marketing | Role::Sales | Role::Administrator)
}

/// Whether a user deciding on a lead (`decider_role`, `decider`) may make `candidate` the owner of
/// the prospect it becomes: a registered user of the firm who works leads; a Sales user may only
/// take a lead themselves. The server enforces it; the app offers only these people.
pub fn may_own_lead(
    decider_role: Role,
    decider: crate::ids::UserId,
    candidate: &crate::api::user::UserProfile,
) -> bool {
    candidate.registered
        && works_leads(candidate.role)
        && (decider_role != Role::Sales || candidate.id == decider)
}

/// The path prefix of public landing pages on the central server: `/c/<slug>`.
pub const LANDING_PREFIX: &str = "/c/";

/// Where a launched campaign's landing page is, relative to the server's public address.
pub fn landing_path(slug: &str) -> String {
    format!("{LANDING_PREFIX}{slug}")
}

#[cfg(test)]
mod tests;
