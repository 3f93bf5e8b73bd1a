//! What prospect and deal mutations share when they write: logging a change to the firm's record,
//! merging a partial update into the stored record, and saving a deal's step in its life cycle.

use super::merge::{self, FieldStamps};
use super::push::Writer;
use super::records::{self, StoredDeal};
use super::{changelog, rules};
use crate::error::{Error, Result};
use portal_core::ids::UserId;
use portal_core::sync::{Entity, FieldConflict, Outcome};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::SqliteConnection;

/// Logs a change (or the deletion) of the firm's record owned by `owner`: its new version.
pub async fn log(
    conn: &mut SqliteConnection,
    partner: &str,
    entity: Entity,
    id: &str,
    owner: UserId,
    deleted: bool,
) -> Result<i64> {
    changelog::record(conn, partner, entity, id, Some(&owner.to_string()), deleted).await
}

/// A partial update merged into a stored record.
pub enum Merge<T> {
    /// Nothing to write: the fields held the values sent, or every change conflicted.
    Unchanged(Vec<FieldConflict>),
    /// The record with the update applied (not yet checked), and what changed.
    Changed(T, Changes),
}

/// The fields an update changed and those it could not.
pub struct Changes {
    /// Fields whose value changed, to stamp with the new version.
    changed: Vec<String>,
    conflicts: Vec<FieldConflict>,
}

impl Changes {
    /// The update's outcome once written as `version`.
    pub fn outcome(self, version: i64) -> Outcome {
        rules::outcome(version, self.conflicts)
    }
}

/// Merges `fields` into `record` (whose fields carry `stamps`), as sent by a writer who had seen
/// `base_version`.
pub fn merge_update<T: Serialize + DeserializeOwned>(
    entity: Entity,
    w: &Writer,
    record: &T,
    stamps: &FieldStamps,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Merge<T>> {
    let current = serde_json::to_value(record).map_err(Error::corrupt)?;
    let sent = rules::normalise::<T>(entity, &current, fields)?;
    let merged = merge::merge(&current, stamps, base_version, &sent, w.client);
    if merged.changed.is_empty() {
        return Ok(Merge::Unchanged(merged.conflicts));
    }
    Ok(Merge::Changed(
        rules::parse_record(entity, &merged.body)?,
        Changes {
            changed: merged.changed,
            conflicts: merged.conflicts,
        },
    ))
}

/// Logs an update of the firm's record and stamps the fields it changed with the new version.
pub async fn log_update(
    conn: &mut SqliteConnection,
    w: &Writer,
    entity: Entity,
    id: &str,
    owner: UserId,
    stamps: &mut FieldStamps,
    changes: &Changes,
) -> Result<i64> {
    let version = log(conn, &w.partner_text(), entity, id, owner, false).await?;
    for field in &changes.changed {
        stamps.set(field, w.stamp(version));
    }
    Ok(version)
}

/// Saves a deal registration whose status moved on, under a new version (its fields keep their
/// stamps: the step is the server's, not an edit).
pub async fn save_deal_step(
    conn: &mut SqliteConnection,
    partner: &str,
    stored: &mut StoredDeal,
) -> Result<()> {
    let id = stored.deal.id.to_string();
    stored.version = log(
        conn,
        partner,
        Entity::Deal,
        &id,
        stored.deal.owner_id,
        false,
    )
    .await?;
    records::save_deal(conn, partner, stored).await
}
