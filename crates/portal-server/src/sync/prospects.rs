//! What a mutation does to a prospect: create it, merge an update into it, or delete it (with its
//! finished deal registrations); and the domain check the app asks before saving one.

use super::adjudicate;
use super::rules;
use super::write::{self, Merge};
use super::writer::Writer;
use crate::error::Result;
use crate::storage::records::{self, StoredProspect};
use crate::storage::{Conn, Storage, Write};
use chrono::NaiveDate;
use portal_core::deal::DealStatus;
use portal_core::ids::{PartnerId, ProspectId};
use portal_core::prospect::PROSPECT_FIELDS;
use portal_core::sales::{DomainCheckResponse, ExistingProspect};
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, Domain, ErrorKind};
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::Prospect;

/// A domain is unique among the firm's live prospects.
async fn ensure_domain_free(db: &mut Conn, w: &Writer, domain: &Domain) -> Result<()> {
    match records::prospect_by_domain(db, w.partner, domain.as_str()).await? {
        Some((_, company)) => Err(ApiError::invalid(
            "domain",
            format!("A prospect with the domain {domain} already exists: {company}."),
        )
        .into()),
        None => Ok(()),
    }
}

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    let p = rules::parse_new::<StoredProspect>(body, id)?;
    p.check()?;
    rules::ensure_creatable::<StoredProspect>(tx, w, &p).await?;
    ensure_domain_free(tx, w, &p.domain).await?;
    write::save_new::<StoredProspect>(tx, w, p).await
}

pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &PROSPECT_FIELDS)?;
    let mut stored: StoredProspect = rules::load(tx, w, id).await?;
    let (next, changes) = match write::merge_update(w, &stored, base_version, fields)? {
        Merge::Unchanged(outcome) => return Ok(outcome),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check()?;
    if next.owner_id != stored.prospect.owner_id {
        rules::check_owner(tx, w, E, next.owner_id, false).await?;
    }
    if next.domain != stored.prospect.domain {
        ensure_domain_free(tx, w, &next.domain).await?;
    }
    write::save_update(tx, w, &mut stored, next, changes).await
}

/// Deletes the prospect and its finished or unsent deal registrations (each leaves a tombstone);
/// a prospect with a registration in progress stays. Deleting a deleted prospect is already done.
pub async fn delete(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    if let Some(version) = write::already_deleted::<StoredProspect>(tx, w.partner, id).await? {
        return Ok(Outcome::Applied { version });
    }
    let stored: StoredProspect = rules::load(tx, w, id).await?;
    let deals = records::deals_of_prospect(tx, w.partner, ProspectId(id)).await?;
    let removable = |s: DealStatus| {
        matches!(
            s,
            DealStatus::Draft | DealStatus::Withdrawn | DealStatus::Rejected | DealStatus::Expired
        )
    };
    if let Some(active) = deals.iter().find(|d| !removable(d.deal.status)) {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This prospect has a deal registration that is {} ({}), so it cannot be deleted.",
                active.deal.status.label().to_lowercase(),
                active.deal.number.as_deref().unwrap_or("no number"),
            ),
        )
        .into());
    }
    for d in &deals {
        write::remove(tx, w.partner, d).await?;
    }
    let version = write::remove(tx, w.partner, &stored).await?;
    Ok(Outcome::Applied { version })
}

/// The answer to "Verify" on a domain: the firm's prospect that has it (whoever owns it, since a
/// create would be refused naming it anyway), and whether another firm holds an active registration
/// for it (never which firm).
pub async fn domain_check(
    storage: &Storage,
    partner: PartnerId,
    domain: &Domain,
    today: NaiveDate,
) -> Result<DomainCheckResponse> {
    let mut db = storage.conn().await?;
    let existing = records::prospect_by_domain(&mut db, partner, domain.as_str())
        .await?
        .map(|(id, company_name)| ExistingProspect { id, company_name });
    let registered_elsewhere =
        adjudicate::held_elsewhere(&mut db, partner, domain.as_str(), today).await?;
    Ok(DomainCheckResponse {
        domain: domain.to_string(),
        existing,
        registered_elsewhere,
    })
}
