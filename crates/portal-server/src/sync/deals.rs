//! What a mutation does to a deal registration: create a draft (numbered by the server), merge an
//! update into a draft, delete a draft, or take a step in its life cycle.

use super::merge::FieldStamps;
use super::push::Writer;
use super::records::{self, StoredDeal};
use super::write::{self, Merge};
use super::{adjudicate, changelog, rules};
use crate::error::{Error, Result};
use portal_core::deal::{Actor, DealAction, DealStatus};
use portal_core::ids::ProspectId;
use portal_core::registration::{Deal, DEAL_FIELDS};
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use uuid::Uuid;

const E: Entity = Entity::Deal;

/// The firm's deal, if the writer may change it.
pub async fn load(conn: &mut SqliteConnection, w: &Writer, id: &str) -> Result<StoredDeal> {
    match records::deal(conn, &w.partner_text(), id).await? {
        Some(d) => {
            rules::ensure_visible(w, E, d.deal.owner_id)?;
            Ok(d)
        }
        None => Err(rules::missing(conn, w, E, id).await),
    }
}

/// A deal is registered on one of the writer's own prospects (any of the firm's, for an
/// administrator).
async fn ensure_prospect(conn: &mut SqliteConnection, w: &Writer, id: ProspectId) -> Result<()> {
    let refused = |message: &str| -> Error { ApiError::invalid("prospect_id", message).into() };
    match records::prospect(conn, &w.partner_text(), &id.to_string()).await? {
        Some(p) if w.sees(p.prospect.owner_id) => Ok(()),
        Some(_) => Err(refused(
            "The prospect belongs to another user of your firm; choose one of your own prospects.",
        )),
        None => {
            match changelog::is_deleted(conn, &w.partner_text(), Entity::Prospect, &id.to_string())
                .await?
            {
                Some(_) => Err(refused(
                    "The prospect of this deal registration was deleted.",
                )),
                None => Err(refused("Choose the prospect this deal is for.")),
            }
        }
    }
}

/// Only drafts may be edited or deleted.
fn ensure_draft(d: &Deal, doing: &str) -> Result<()> {
    if d.status == DealStatus::Draft {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This deal registration is {}, so it can no longer be {doing}.",
                d.status.label().to_lowercase()
            ),
        )
        .into())
    }
}

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    let mut d: Deal = rules::parse_record(E, body)?;
    if *d.id.as_uuid() != id {
        return Err(
            ApiError::invalid("id", "The deal registration's id is not the change's id.").into(),
        );
    }
    // The server's fields are the server's, whatever was sent: every registration starts a draft.
    d.status = DealStatus::Draft;
    d.status_reason = None;
    d.submitted_on = None;
    d.decided_on = None;
    d.expires_on = None;
    d.check()?;
    rules::check_owner(conn, w, E, d.owner_id, true).await?;
    rules::ensure_new_id(conn, w, E, id).await?;
    ensure_prospect(conn, w, d.prospect_id).await?;
    d.number = Some(records::next_deal_number(conn).await?);
    let partner = w.partner_text();
    let version = write::log(conn, &partner, E, &id.to_string(), d.owner_id, false).await?;
    let stored = StoredDeal {
        deal: d,
        claimed_domain: None,
        version,
        stamps: FieldStamps::new(w.stamp(version)),
    };
    records::save_deal(conn, &partner, &stored).await?;
    Ok(Outcome::Applied { version })
}

pub async fn update(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &DEAL_FIELDS)?;
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    ensure_draft(&stored.deal, "edited")?;
    let merged = write::merge_update(E, w, &stored.deal, &stored.stamps, base_version, fields)?;
    let (next, changes) = match merged {
        Merge::Unchanged(conflicts) => return Ok(rules::outcome(stored.version, conflicts)),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check()?;
    if next.owner_id != stored.deal.owner_id {
        rules::check_owner(conn, w, E, next.owner_id, false).await?;
    }
    if next.prospect_id != stored.deal.prospect_id {
        ensure_prospect(conn, w, next.prospect_id).await?;
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
    stored.deal = next;
    stored.version = version;
    records::save_deal(conn, &w.partner_text(), &stored).await?;
    Ok(changes.outcome(version))
}

/// Deletes a draft. Deleting a deleted registration is already done.
pub async fn delete(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    if records::deal(conn, &partner, &id_text).await?.is_none() {
        if let Some(version) = changelog::is_deleted(conn, &partner, E, &id_text).await? {
            return Ok(Outcome::Applied { version });
        }
    }
    let stored = load(conn, w, &id_text).await?;
    ensure_draft(&stored.deal, "deleted")?;
    let version = write::log(conn, &partner, E, &id_text, stored.deal.owner_id, true).await?;
    records::delete_deal(conn, &partner, &id_text).await?;
    Ok(Outcome::Applied { version })
}

/// A step in the life cycle, judged against the registration's current status (not the one the
/// client saw). Submitting is decided by the vendor's rule engine at once.
pub async fn act(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    action: DealAction,
) -> Result<Outcome> {
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    let next = stored
        .deal
        .status
        .apply(action, Actor::Partner)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    if action == DealAction::Submit {
        return adjudicate::submit(conn, w, stored).await;
    }
    stored.deal.status = next;
    write::save_deal_step(conn, &w.partner_text(), &mut stored).await?;
    Ok(Outcome::Applied {
        version: stored.version,
    })
}
