//! Per-firm versions and the change log: every write to a record a client caches takes the firm's
//! next version inside its write transaction and upserts the record's change-log row (its new
//! state or its tombstone, with its owner, remembering past owners); a pull's page of that log;
//! tombstones, the horizon below which they were forgotten, and the daily marks the housekeeping
//! dates versions by.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::NaiveDate;
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::Entity;
use uuid::Uuid;

/// Records a change to one record of the firm (its new state, or its tombstone) and returns the
/// version it took: the firm's next, taken inside `tx`, so versions become visible in the order
/// they were taken. When the record changes hands, its previous owner is remembered, so that the
/// record leaves that user's copy as a tombstone.
pub async fn record(
    tx: &mut Write,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
    owner: Option<UserId>,
    deleted: bool,
) -> Result<i64> {
    match tx.on() {
        On::Sqlite(c) => sqlite::record(c, partner, entity, id, owner, deleted).await,
    }
}

/// Records a change to a record every firm sees (a product, news item, resource or course): one
/// change-log row per firm, each with that firm's next version.
pub async fn record_global(tx: &mut Write, entity: Entity, id: Uuid, deleted: bool) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::record_global(c, entity, id, deleted).await,
    }
}

/// The version that deleted the firm's record, while its tombstone is kept.
pub async fn deleted_at(
    db: &mut Conn,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
) -> Result<Option<i64>> {
    match db.on() {
        On::Sqlite(c) => sqlite::deleted_at(c, partner, entity, id).await,
    }
}

/// The firm's newest version and its tombstone horizon ((0, 0) before its first change).
pub async fn head_and_horizon(db: &mut Conn, partner: PartnerId) -> Result<(i64, i64)> {
    match db.on() {
        On::Sqlite(c) => sqlite::head_and_horizon(c, partner).await,
    }
}

/// Every firm's newest version.
pub async fn heads(db: &mut Conn) -> Result<Vec<(PartnerId, i64)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::heads(c).await,
    }
}

/// Drops the firm's tombstones at or below `through` and raises its horizon to it (never lowers
/// it): how many were dropped.
pub async fn forget_tombstones(tx: &mut Write, partner: PartnerId, through: i64) -> Result<u64> {
    match tx.on() {
        On::Sqlite(c) => sqlite::forget_tombstones(c, partner, through).await,
    }
}

/// One change-log row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub entity: Entity,
    pub id: Uuid,
    pub version: i64,
    pub deleted: bool,
    pub owner: Option<UserId>,
}

/// Which rows of the firm's log a page holds.
#[derive(Debug, Clone, Copy)]
pub struct PageFilter<'a> {
    /// Kinds left out entirely.
    pub hidden: &'a [Entity],
    /// A copy starting empty: only live records, and no tombstones of records the user once owned.
    pub live_only: bool,
    /// Only records nobody owns, this user's, and (unless `live_only`) those the user once owned.
    pub owner: Option<UserId>,
}

/// The firm's log rows after version `after` that `filter` keeps, oldest first, at most `limit`.
/// One range read of the covering index `change_log_pull`.
pub async fn page(
    db: &mut Conn,
    partner: PartnerId,
    after: i64,
    limit: u32,
    filter: PageFilter<'_>,
) -> Result<Vec<Entry>> {
    match db.on() {
        On::Sqlite(c) => sqlite::page(c, partner, after, limit, filter).await,
    }
}

/// Notes every firm's head version as reached by `day` (the day's highest, if noted again).
pub async fn mark_heads(db: &mut Conn, day: NaiveDate) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::mark_heads(c, day).await,
    }
}

/// Per firm, the newest mark from `cutoff` or before, where it is above the firm's horizon.
pub async fn marks_above_horizon(
    db: &mut Conn,
    cutoff: NaiveDate,
) -> Result<Vec<(PartnerId, i64)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::marks_above_horizon(c, cutoff).await,
    }
}

/// Forgets the marks from `cutoff` or before.
pub async fn drop_marks(db: &mut Conn, cutoff: NaiveDate) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::drop_marks(c, cutoff).await,
    }
}
