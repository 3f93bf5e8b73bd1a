//! What a mutation does to a deal registration: create a draft (numbered by the server), merge an
//! update into a draft, delete a draft, or take a step in its life cycle.

use super::numbers;
use super::rules::Referred;
use super::write::{self, Merge};
use super::writer::Writer;
use super::{adjudicate, rules};
use crate::error::{Error, Result};
use crate::storage::records::{StoredDeal, StoredProspect};
use crate::storage::{Conn, Write};
use portal_core::actor::Actor;
use portal_core::deal::{DealAction, DealStatus};
use portal_core::ids::ProspectId;
use portal_core::registration::{Deal, DEAL_FIELDS};
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::Deal;

/// A deal is registered on one of the writer's own prospects (any of the firm's, for an
/// administrator).
async fn ensure_prospect(db: &mut Conn, w: &Writer, id: ProspectId) -> Result<()> {
    let refused = |message: &str| -> Error { ApiError::invalid("prospect_id", message).into() };
    match rules::referred::<StoredProspect>(db, w, id.0).await? {
        Referred::Usable(_) => Ok(()),
        Referred::Others => Err(refused(
            "The prospect belongs to another user of your firm; choose one of your own prospects.",
        )),
        Referred::Deleted => Err(refused(
            "The prospect of this deal registration was deleted.",
        )),
        Referred::Unknown => Err(refused("Choose the prospect this deal is for.")),
    }
}

/// Only drafts may be edited or deleted.
fn ensure_draft(d: &Deal, doing: &str) -> Result<()> {
    rules::ensure_status(
        E,
        d.status == DealStatus::Draft,
        d.status.label(),
        doing,
        None,
    )
}

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    let mut d = rules::parse_new::<StoredDeal>(body, id)?;
    // The server's fields are the server's, whatever was sent: every registration starts a draft.
    d.status = DealStatus::Draft;
    d.status_reason = None;
    d.submitted_on = None;
    d.decided_on = None;
    d.expires_on = None;
    d.check()?;
    rules::ensure_creatable::<StoredDeal>(tx, w, &d).await?;
    ensure_prospect(tx, w, d.prospect_id).await?;
    d.number = Some(numbers::next_deal_number(tx).await?);
    write::save_new::<StoredDeal>(tx, w, d).await
}

pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &DEAL_FIELDS)?;
    let mut stored: StoredDeal = rules::load(tx, w, id).await?;
    ensure_draft(&stored.deal, "edited")?;
    let (next, changes) = match write::merge_update(w, &stored, base_version, fields)? {
        Merge::Unchanged(outcome) => return Ok(outcome),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check()?;
    if next.owner_id != stored.deal.owner_id {
        rules::check_owner(tx, w, E, next.owner_id, false).await?;
    }
    if next.prospect_id != stored.deal.prospect_id {
        ensure_prospect(tx, w, next.prospect_id).await?;
    }
    write::save_update(tx, w, &mut stored, next, changes).await
}

/// Deletes a draft. Deleting a deleted registration is already done.
pub async fn delete(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    let deletable = |d: &StoredDeal| ensure_draft(&d.deal, "deleted");
    Ok(write::delete(tx, w, id, deletable).await?.0)
}

/// A step in the life cycle, judged against the registration's current status (not the one the
/// client saw). Submitting is decided by the vendor's rule engine at once.
pub async fn act(tx: &mut Write, w: &Writer, id: Uuid, action: DealAction) -> Result<Outcome> {
    let mut stored: StoredDeal = rules::load(tx, w, id).await?;
    let next = stored
        .deal
        .status
        .apply(action, Actor::Partner)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    if action == DealAction::Submit {
        return adjudicate::submit(tx, w, stored).await;
    }
    stored.deal.status = next;
    write::save_step(tx, w.partner, &mut stored).await?;
    Ok(Outcome::Applied {
        version: stored.version,
    })
}
