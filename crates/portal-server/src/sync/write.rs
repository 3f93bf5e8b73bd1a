//! What prospect, deal, quote and order mutations share when they write: logging a change to the
//! firm's record, saving a new record, merging a partial update into the stored record and saving
//! it, saving a step in its life cycle, and deleting it — each inside the push's write transaction.

use super::merge;
use super::rules;
use super::writer::Writer;
use crate::error::{Error, Result};
use crate::storage::records::{self, FieldStamps, Stored};
use crate::storage::{changelog, Conn, Write};
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::{Entity, FieldConflict, Outcome};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Logs a change (or the deletion) of the firm's record owned by `owner`: its new version.
async fn log(
    tx: &mut Write,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
    owner: UserId,
    deleted: bool,
) -> Result<i64> {
    changelog::record(tx, partner, entity, id, Some(owner), deleted).await
}

/// A partial update merged into a stored record.
pub enum Merge<T> {
    /// Nothing to write (the fields held the values sent, or every change conflicted): the outcome.
    Unchanged(Outcome),
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

/// Saves the firm's new record, as created by the writer: its first version.
pub async fn save_new<S: Stored>(tx: &mut Write, w: &Writer, record: S::Record) -> Result<Outcome> {
    let id = S::id_of(&record);
    let version = log(tx, w.partner, S::ENTITY, id, S::owner_of(&record), false).await?;
    S::created(record, version, FieldStamps::new(w.stamp(version)))
        .save(tx, w.partner)
        .await?;
    Ok(Outcome::Applied { version })
}

/// Merges `fields` into `stored`, as sent by a writer who had seen `base_version`.
pub fn merge_update<S: Stored>(
    w: &Writer,
    stored: &S,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Merge<S::Record>> {
    let entity = S::ENTITY;
    let current = serde_json::to_value(stored.record()).map_err(Error::corrupt)?;
    let sent = rules::normalise::<S::Record>(entity, &current, fields)?;
    let merged = merge::merge(&current, stored.stamps(), base_version, &sent, w.client);
    if merged.changed.is_empty() {
        return Ok(Merge::Unchanged(rules::outcome(
            stored.version(),
            merged.conflicts,
        )));
    }
    Ok(Merge::Changed(
        rules::parse_record(entity, &merged.body)?,
        Changes {
            changed: merged.changed,
            conflicts: merged.conflicts,
        },
    ))
}

/// Saves an update merged into `stored` as `next`, under a new version that stamps the fields it
/// changed.
pub async fn save_update<S: Stored>(
    tx: &mut Write,
    w: &Writer,
    stored: &mut S,
    next: S::Record,
    changes: Changes,
) -> Result<Outcome> {
    let id = stored.id();
    let version = log(tx, w.partner, S::ENTITY, id, S::owner_of(&next), false).await?;
    for field in &changes.changed {
        stored.stamps_mut().set(field, w.stamp(version));
    }
    *stored.record_mut() = next;
    *stored.version_mut() = version;
    stored.save(tx, w.partner).await?;
    Ok(changes.outcome(version))
}

/// Saves a record whose status (or another of the server's fields) moved on, under a new version
/// (its fields keep their stamps: the step is the server's, not an edit).
pub async fn save_step<S: Stored>(
    tx: &mut Write,
    partner: PartnerId,
    stored: &mut S,
) -> Result<()> {
    let id = stored.id();
    *stored.version_mut() = log(tx, partner, S::ENTITY, id, stored.owner(), false).await?;
    stored.save(tx, partner).await
}

/// The version that deleted the firm's record `id`, if it is deleted: deleting it again is done.
pub async fn already_deleted<S: Stored>(
    db: &mut Conn,
    partner: PartnerId,
    id: Uuid,
) -> Result<Option<i64>> {
    if S::find(db, partner, id).await?.is_some() {
        return Ok(None);
    }
    changelog::deleted_at(db, partner, S::ENTITY, id).await
}

/// Deletes the firm's record `id` if `deletable` allows it, leaving a tombstone: the outcome, and the
/// record deleted (none if it was deleted already: deleting it again is done).
pub async fn delete<S: Stored>(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    deletable: impl FnOnce(&S) -> Result<()>,
) -> Result<(Outcome, Option<S>)> {
    if let Some(version) = already_deleted::<S>(tx, w.partner, id).await? {
        return Ok((Outcome::Applied { version }, None));
    }
    let stored: S = rules::load(tx, w, id).await?;
    deletable(&stored)?;
    let version = remove(tx, w.partner, &stored).await?;
    Ok((Outcome::Applied { version }, Some(stored)))
}

/// Deletes the firm's record, leaving a tombstone: its version.
pub async fn remove<S: Stored>(tx: &mut Write, partner: PartnerId, stored: &S) -> Result<i64> {
    let id = stored.id();
    let version = log(tx, partner, S::ENTITY, id, stored.owner(), true).await?;
    records::delete::<S>(tx, partner, id).await?;
    Ok(version)
}
