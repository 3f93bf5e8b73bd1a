//! What a mutation does to a prospect: create it, merge an update into it, or delete it (with its
//! finished deal registrations).

use super::push::Writer;
use super::records::{self, StoredProspect};
use super::rules;
use super::write::{self, Merge};
use crate::error::{Error, Result};
use portal_core::deal::DealStatus;
use portal_core::prospect::PROSPECT_FIELDS;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, Domain, ErrorKind};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use uuid::Uuid;

const E: Entity = Entity::Prospect;

/// A domain is unique among the firm's live prospects.
async fn ensure_domain_free(
    conn: &mut SqliteConnection,
    w: &Writer,
    domain: &Domain,
) -> Result<()> {
    match records::prospect_by_domain(conn, &w.partner_text(), domain.as_str()).await? {
        Some((_, company)) => Err(ApiError::invalid(
            "domain",
            format!("A prospect with the domain {domain} already exists: {company}."),
        )
        .into()),
        None => Ok(()),
    }
}

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    let p = rules::parse_new::<StoredProspect>(body, id)?;
    p.check()?;
    rules::ensure_creatable::<StoredProspect>(conn, w, &p).await?;
    ensure_domain_free(conn, w, &p.domain).await?;
    write::save_new::<StoredProspect>(conn, w, p).await
}

pub async fn update(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &PROSPECT_FIELDS)?;
    let mut stored: StoredProspect = rules::load(conn, w, &id.to_string()).await?;
    let (next, changes) = match write::merge_update(w, &stored, base_version, fields)? {
        Merge::Unchanged(outcome) => return Ok(outcome),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check()?;
    if next.owner_id != stored.prospect.owner_id {
        rules::check_owner(conn, w, E, next.owner_id, false).await?;
    }
    if next.domain != stored.prospect.domain {
        ensure_domain_free(conn, w, &next.domain).await?;
    }
    write::save_update(conn, w, &mut stored, next, changes).await
}

/// Deletes the prospect and its finished or unsent deal registrations (each leaves a tombstone);
/// a prospect with a registration in progress stays. Deleting a deleted prospect is already done.
pub async fn delete(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    if let Some(version) =
        write::already_deleted::<StoredProspect>(conn, &partner, &id_text).await?
    {
        return Ok(Outcome::Applied { version });
    }
    let stored: StoredProspect = rules::load(conn, w, &id_text).await?;
    let deals = records::deals_of_prospect(conn, &partner, &id_text).await?;
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
        write::remove(conn, &partner, d).await?;
    }
    let version = write::remove(conn, &partner, &stored).await?;
    Ok(Outcome::Applied { version })
}

/// The answer to "Verify" on a domain: the firm's prospect that has it (whoever owns it, since a
/// create would be refused naming it anyway), and whether another firm holds an active registration
/// for it (never which firm).
pub async fn domain_check(
    pool: &sqlx::SqlitePool,
    partner: portal_core::ids::PartnerId,
    domain: &Domain,
    today: chrono::NaiveDate,
) -> Result<portal_core::sales::DomainCheckResponse> {
    let mut conn = pool.acquire().await?;
    let existing = records::prospect_by_domain(&mut conn, &partner.to_string(), domain.as_str())
        .await?
        .map(|(id, company_name)| {
            Ok::<_, Error>(portal_core::sales::ExistingProspect {
                id: id.parse().map_err(Error::corrupt)?,
                company_name,
            })
        })
        .transpose()?;
    let registered_elsewhere =
        super::adjudicate::held_elsewhere(&mut conn, partner, domain.as_str(), today).await?;
    Ok(portal_core::sales::DomainCheckResponse {
        domain: domain.to_string(),
        existing,
        registered_elsewhere,
    })
}
