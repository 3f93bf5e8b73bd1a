//! PIMS on the server: the vendor's campaign kits ([`kits`]), each firm's marketing profile and
//! logos ([`profile`]), its campaigns and their online steps ([`campaigns`]), leads — the decisions
//! partners push, the vendor's distribution and withdrawal, expiry ([`leads`]) — the public landing
//! pages' posts ([`landing`]) and a campaign's funnel ([`results`]).
//!
//! **Who receives what.** Kits are logged for the firms their audience's tiers admit (a tombstone
//! when withdrawn or no longer admitted) and their bodies go to the roles it admits. A firm's
//! profile, campaigns and leads are logged with no owner, so every user of the firm receives the
//! change; a lead's body goes only to roles that work leads ([`portal_core::pims::works_leads`]),
//! the others get tombstones. A `lead_decision` is kept, never pulled: the lead's new state (and
//! the prospect an acceptance made) come back instead.

pub mod campaigns;
pub mod kits;
pub mod landing;
pub mod leads;
pub mod profile;
pub mod results;

use super::merge;
use super::rules;
use super::writer::Writer;
use crate::error::{Error, Result};
use crate::storage::records::FieldStamps;
use crate::storage::{changelog, Write};
use portal_core::ids::PartnerId;
use portal_core::sync::{Entity, FieldConflict, Outcome};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Logs a change to a PIMS record of the firm (owned by nobody: every user of the firm receives
/// it): its new version.
pub(crate) async fn log(
    tx: &mut Write,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
    deleted: bool,
) -> Result<i64> {
    changelog::record(tx, partner, entity, id, None, deleted).await
}

/// An update merged into a stored record by the usual field rule.
pub(crate) enum Merged<T> {
    /// Nothing to write: the outcome.
    Unchanged(Outcome),
    /// The record with the update applied (not yet checked), the fields changed and the conflicts.
    Changed(T, Vec<String>, Vec<FieldConflict>),
}

/// Merges `fields`, sent by a writer who had seen `base_version`, into `record` (stored as
/// `version` with `stamps`).
pub(crate) fn merge_update<T: Serialize + DeserializeOwned>(
    w: &Writer,
    entity: Entity,
    record: &T,
    version: i64,
    stamps: &FieldStamps,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Merged<T>> {
    let current = serde_json::to_value(record).map_err(Error::corrupt)?;
    let sent = rules::normalise::<T>(entity, &current, fields)?;
    let merged = merge::merge(&current, stamps, base_version, &sent, w.client);
    if merged.changed.is_empty() {
        return Ok(Merged::Unchanged(rules::outcome(version, merged.conflicts)));
    }
    Ok(Merged::Changed(
        rules::parse_record(entity, &merged.body)?,
        merged.changed,
        merged.conflicts,
    ))
}
