//! Leads: a partner's decision (a `lead_decision` create, applied only while the lead is pending by
//! the server's clock — an acceptance makes the prospect in the same transaction, under the
//! prospect rules), the vendor's distribution and withdrawal, a landing page's new lead, and the
//! sweep that expires pending leads past their window.

use super::log;
use crate::error::Result;
use crate::storage::pims::leads::{self, DecisionRow, StoredLead};
use crate::storage::records::{self, StoredProspect};
use crate::storage::{accounts, Storage, Write};
use crate::sync::rules;
use crate::sync::write;
use crate::sync::writer::Writer;
use chrono::{DateTime, Duration, Utc};
use portal_core::ids::{CampaignId, LeadId, PartnerId};
use portal_core::pims::lead::{
    decision_refusal, Decision, FormVerdict, Lead, LeadDecision, LeadForm, LeadSource, LeadState,
    NewLead,
};
use portal_core::pims::vendor::VendorLead;
use portal_core::pims::works_leads;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind, Role};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

const E: Entity = Entity::Lead;

/// Saves a lead under the firm's next version (so the next pull carries it).
pub async fn save(tx: &mut Write, partner: PartnerId, lead: Lead) -> Result<StoredLead> {
    let version = log(tx, partner, E, *lead.id.as_uuid(), false).await?;
    let stored = StoredLead {
        partner,
        lead,
        version,
    };
    leads::save(tx, &stored).await?;
    Ok(stored)
}

/// A new pending lead for the firm, received `now`, open for `window`.
pub fn new_lead(
    n: NewLead,
    source: LeadSource,
    campaign_id: Option<CampaignId>,
    origin: &str,
    now: DateTime<Utc>,
    window: Duration,
) -> Lead {
    Lead {
        id: LeadId::from_uuid(Uuid::now_v7()),
        source,
        campaign_id,
        origin: origin.trim().to_owned(),
        name: n.name,
        company: n.company,
        email: n.email,
        phone: n.phone,
        mailboxes: n.mailboxes,
        message: n.message,
        consent_at: now,
        received_at: now,
        expires_at: now + window,
        state: LeadState::Pending,
        decided_by: None,
        decided_at: None,
        owner_id: None,
        next_step: String::new(),
        prospect_id: None,
        decline_reason: None,
        decline_note: String::new(),
    }
}

/// A partner's decision on a lead.
pub async fn decide(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    if !works_leads(w.role) {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "Only Marketing, Sales and Administrator users work the firm's leads.",
        )
        .into());
    }
    let d: LeadDecision = rules::parse_record(Entity::LeadDecision, body)?;
    d.check()?;
    let mut stored = leads::find(tx, Some(w.partner), d.lead_id)
        .await?
        .ok_or_else(|| ApiError::not_found("This lead"))?;
    let now = Utc::now();
    // The server's clock decides whether the lead is still open, whatever the app showed.
    if let Some(refusal) = decision_refusal(&stored.lead, now) {
        return Err(refusal.into());
    }
    let lead = &mut stored.lead;
    match &d.decision {
        Decision::Accept {
            prospect_id,
            owner_id,
            next_step,
        } => {
            if w.role == Role::Sales && *owner_id != w.user {
                return Err(ApiError::new(
                    ErrorKind::Forbidden,
                    "As a Sales user you can take a lead yourself only; ask an administrator to \
                     give it to someone else.",
                )
                .into());
            }
            let owner_ok = accounts::user(tx, w.partner, *owner_id)
                .await?
                .is_some_and(|u| portal_core::pims::may_own_lead(w.role, w.user, &u));
            if !owner_ok {
                return Err(ApiError::invalid(
                    "owner_id",
                    "Choose an owner from your firm's registered Marketing, Sales or Administrator users.",
                )
                .into());
            }
            let prospect = lead.prospect(*prospect_id, *owner_id, next_step)?;
            rules::ensure_new_id(tx, w, Entity::Prospect, *prospect_id.as_uuid()).await?;
            if let Some((existing, company)) =
                records::prospect_by_domain(tx, w.partner, prospect.domain.as_str()).await?
            {
                return Err(ApiError::new(
                    ErrorKind::Conflict,
                    format!(
                        "Your firm already has a prospect with the domain {}: {company} \
                         (prospect {existing}). Open that prospect instead, or decline this lead \
                         as a duplicate.",
                        prospect.domain
                    ),
                )
                .into());
            }
            write::save_new::<StoredProspect>(tx, w, prospect).await?;
            lead.state = LeadState::Accepted;
            lead.owner_id = Some(*owner_id);
            lead.next_step = next_step.trim().to_owned();
            lead.prospect_id = Some(*prospect_id);
        }
        Decision::Decline { reason, note } => {
            lead.state = LeadState::Declined;
            lead.decline_reason = Some(*reason);
            lead.decline_note = note.trim().to_owned();
        }
    }
    lead.decided_by = Some(w.user);
    lead.decided_at = Some(now);
    leads::record_decision(
        tx,
        &DecisionRow {
            id,
            lead: d.lead_id,
            partner: w.partner,
            user: w.user,
            body: body.clone(),
            received_at: now,
        },
    )
    .await?;
    let saved = save(tx, w.partner, stored.lead).await?;
    Ok(Outcome::Applied {
        version: saved.version,
    })
}

/// A lead of some firm, as the vendor lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FirmLead {
    pub partner_id: PartnerId,
    pub lead: Lead,
}

/// The most days the vendor may give a firm to accept a lead.
pub const MAX_WINDOW_DAYS: u32 = 90;

/// Gives a lead to a firm (checked as the public form checks a visitor's); answers it.
pub async fn distribute(storage: &Storage, v: VendorLead, default_days: u32) -> Result<FirmLead> {
    let form = LeadForm {
        name: v.name.clone(),
        company: v.company.clone(),
        email: v.email.clone(),
        phone: v.phone.clone(),
        mailboxes: v.mailboxes.map(|n| n.to_string()).unwrap_or_default(),
        message: v.message.clone(),
        consent: true,
        website: String::new(),
    };
    let new = match form.verdict() {
        FormVerdict::Lead(n) => n,
        FormVerdict::Bot => return Err(crate::Error::corrupt("a vendor lead is no bot")),
        FormVerdict::Invalid(errors) => {
            let errors = errors
                .into_iter()
                .map(|(f, m)| ApiError::invalid(f, m))
                .collect();
            return Err(rules::joined(errors));
        }
    };
    if v.origin.trim().is_empty() || v.origin.chars().count() > 200 {
        return Err(ApiError::invalid(
            "origin",
            "Say where the lead came from (at most 200 characters), like “Vendor webinar, 12 November”.",
        )
        .into());
    }
    let days = v.window_days.unwrap_or(default_days);
    if !(1..=MAX_WINDOW_DAYS).contains(&days) {
        return Err(ApiError::invalid(
            "window_days",
            format!("Give the firm 1 to {MAX_WINDOW_DAYS} days to accept the lead."),
        )
        .into());
    }
    let mut tx = storage.write().await?;
    if !accounts::firm_tiers(&mut tx)
        .await?
        .iter()
        .any(|(p, _)| *p == v.partner_id)
    {
        return Err(
            ApiError::invalid("partner_id", "There is no partner firm with that id.").into(),
        );
    }
    let lead = new_lead(
        new,
        LeadSource::Vendor,
        None,
        &v.origin,
        Utc::now(),
        Duration::days(i64::from(days)),
    );
    let saved = save(&mut tx, v.partner_id, lead).await?;
    tx.commit().await?;
    tracing::info!(lead = %saved.lead.id, partner = %v.partner_id, "lead distributed");
    Ok(FirmLead {
        partner_id: saved.partner,
        lead: saved.lead,
    })
}

/// Takes a pending lead back from its firm.
pub async fn withdraw(storage: &Storage, id: LeadId) -> Result<FirmLead> {
    let mut tx = storage.write().await?;
    let mut stored = leads::find(&mut tx, None, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The lead"))?;
    let now = Utc::now();
    match stored.lead.state_at(now) {
        LeadState::Pending => {}
        LeadState::Withdrawn => {
            tx.rollback().await?;
            return Ok(FirmLead {
                partner_id: stored.partner,
                lead: stored.lead,
            });
        }
        other => {
            return Err(ApiError::new(
                ErrorKind::Conflict,
                format!(
                    "Only a pending lead can be withdrawn; this one is {}.",
                    other.label().to_lowercase()
                ),
            )
            .into())
        }
    }
    stored.lead.state = LeadState::Withdrawn;
    stored.lead.decided_at = Some(now);
    let saved = save(&mut tx, stored.partner, stored.lead).await?;
    tx.commit().await?;
    Ok(FirmLead {
        partner_id: saved.partner,
        lead: saved.lead,
    })
}

/// Every firm's leads in a state, newest first (expired: the leads returned to the vendor).
pub async fn list(storage: &Storage, state: LeadState) -> Result<Vec<FirmLead>> {
    let mut db = storage.conn().await?;
    Ok(leads::in_state(&mut db, state)
        .await?
        .into_iter()
        .map(|s| FirmLead {
            partner_id: s.partner,
            lead: s.lead,
        })
        .collect())
}

/// Expires every pending lead whose window ended at or before `now` (each a new version, so
/// partners' pulls carry it): how many. One cheap read when none is due.
pub async fn expire_leads(storage: &Storage, now: DateTime<Utc>) -> Result<u64> {
    {
        let mut db = storage.conn().await?;
        if leads::lapsed(&mut db, now, true).await?.is_empty() {
            return Ok(0);
        }
    }
    let mut tx = storage.write().await?;
    let mut expired = 0;
    for id in leads::lapsed(&mut tx, now, false).await? {
        let Some(mut stored) = leads::find(&mut tx, None, id).await? else {
            continue;
        };
        if stored.lead.state != LeadState::Pending {
            continue;
        }
        stored.lead.state = LeadState::Expired;
        save(&mut tx, stored.partner, stored.lead).await?;
        expired += 1;
    }
    tx.commit().await?;
    tracing::info!(expired, "expired leads");
    Ok(expired)
}
