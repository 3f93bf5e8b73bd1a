//! What a mutation does to a prospect: create it, merge an update into it, or delete it (with its
//! finished deal registrations).

use super::merge::FieldStamps;
use super::push::Writer;
use super::records::{self, StoredProspect};
use super::write::{self, Merge};
use super::{changelog, rules};
use crate::error::{Error, Result};
use portal_core::deal::DealStatus;
use portal_core::prospect::{Prospect, PROSPECT_FIELDS};
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

/// The firm's prospect, if the writer may change it.
pub async fn load(conn: &mut SqliteConnection, w: &Writer, id: &str) -> Result<StoredProspect> {
    match records::prospect(conn, &w.partner_text(), id).await? {
        Some(p) => {
            rules::ensure_visible(w, E, p.prospect.owner_id)?;
            Ok(p)
        }
        None => Err(rules::missing(conn, w, E, id).await),
    }
}

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    let p: Prospect = rules::parse_record(E, body)?;
    if *p.id.as_uuid() != id {
        return Err(ApiError::invalid("id", "The prospect's id is not the change's id.").into());
    }
    p.check()?;
    rules::check_owner(conn, w, E, p.owner_id, true).await?;
    rules::ensure_new_id(conn, w, E, id).await?;
    ensure_domain_free(conn, w, &p.domain).await?;
    let partner = w.partner_text();
    let version = write::log(conn, &partner, E, &id.to_string(), p.owner_id, false).await?;
    let stored = StoredProspect {
        prospect: p,
        version,
        stamps: FieldStamps::new(w.stamp(version)),
    };
    records::save_prospect(conn, &partner, &stored).await?;
    Ok(Outcome::Applied { version })
}

pub async fn update(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &PROSPECT_FIELDS)?;
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    let merged = write::merge_update(E, w, &stored.prospect, &stored.stamps, base_version, fields)?;
    let (next, changes) = match merged {
        Merge::Unchanged(conflicts) => return Ok(rules::outcome(stored.version, conflicts)),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check()?;
    if next.owner_id != stored.prospect.owner_id {
        rules::check_owner(conn, w, E, next.owner_id, false).await?;
    }
    if next.domain != stored.prospect.domain {
        ensure_domain_free(conn, w, &next.domain).await?;
    }
    let version = write::log_update(
        conn,
        w,
        E,
        &id_text,
        next.owner_id,
        &mut stored.stamps,
        &changes,
    )
    .await?;
    stored.prospect = next;
    stored.version = version;
    records::save_prospect(conn, &w.partner_text(), &stored).await?;
    Ok(changes.outcome(version))
}

/// Deletes the prospect and its finished or unsent deal registrations (each leaves a tombstone);
/// a prospect with a registration in progress stays. Deleting a deleted prospect is already done.
pub async fn delete(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    if records::prospect(conn, &partner, &id_text).await?.is_none() {
        if let Some(version) = changelog::is_deleted(conn, &partner, E, &id_text).await? {
            return Ok(Outcome::Applied { version });
        }
    }
    let stored = load(conn, w, &id_text).await?;
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
        let deal_id = d.deal.id.to_string();
        write::log(
            conn,
            &partner,
            Entity::Deal,
            &deal_id,
            d.deal.owner_id,
            true,
        )
        .await?;
        records::delete_deal(conn, &partner, &deal_id).await?;
    }
    let version = write::log(conn, &partner, E, &id_text, stored.prospect.owner_id, true).await?;
    records::delete_prospect(conn, &partner, &id_text).await?;
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
