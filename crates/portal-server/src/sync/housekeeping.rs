//! Sync housekeeping, run hourly: forgetting tombstones older than `sync.tombstone_days` (raising
//! each firm's horizon) and the answers to pushes older than `sync.applied_mutation_days`.
//!
//! Change-log rows carry versions, not dates, so each run first notes every firm's head version
//! under today's date (`sync_marks`); a tombstone at or below a day's mark was written on that day
//! or before. The purge goes up to the newest mark that is old enough, so a tombstone is never
//! dropped early (at most a day late), and the horizon rises to that mark: a client that has not
//! pulled since then may have missed a deletion and is told to reset.
//!
//! Each installation's newest push answer is kept whatever its age. A push that repeats an older,
//! forgotten mutation is then recognised (mutation ids only grow) and refused rather than applied
//! a second time; see `push::apply`.

use crate::config::SyncConfig;
use crate::error::Result;
use crate::storage::{changelog, pushes, Storage};
use chrono::{Days, NaiveDate};
use portal_core::ids::PartnerId;

/// What one run forgot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Tombstones purged, across all firms.
    pub tombstones: u64,
    /// Push answers forgotten.
    pub applied_mutations: u64,
}

/// Notes today's head of every firm, purges the tombstones and push answers that are old enough
/// on `today` (the server's clock), and answers with how many of each went.
pub async fn housekeep(storage: &Storage, config: &SyncConfig, today: NaiveDate) -> Result<Swept> {
    {
        let mut db = storage.conn().await?;
        changelog::mark_heads(&mut db, today).await?;
    }
    let tombstones =
        purge_old_tombstones(storage, days_before(today, config.tombstone_days)).await?;
    let applied_mutations =
        forget_old_answers(storage, days_before(today, config.applied_mutation_days)).await?;
    if tombstones > 0 || applied_mutations > 0 {
        tracing::info!(tombstones, applied_mutations, "sync housekeeping");
    }
    Ok(Swept {
        tombstones,
        applied_mutations,
    })
}

fn days_before(today: NaiveDate, days: u32) -> NaiveDate {
    today
        .checked_sub_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MIN)
}

/// Drops the firm's tombstones at or below `through` (never beyond its head) and raises its
/// horizon to it: a client whose cursor is below the horizon may have missed a deletion, so its
/// next pull tells it to reset. Returns how many tombstones were dropped.
pub async fn purge_tombstones(storage: &Storage, partner: PartnerId, through: i64) -> Result<u64> {
    let mut tx = storage.write().await?;
    let (head, _) = changelog::head_and_horizon(&mut tx, partner).await?;
    let through = through.min(head);
    let dropped = changelog::forget_tombstones(&mut tx, partner, through).await?;
    tx.commit().await?;
    tracing::info!(%partner, through, dropped, "purged tombstones");
    Ok(dropped)
}

/// Purges every firm's tombstones up to its current head (for maintenance and tests).
pub async fn purge_all_tombstones(storage: &Storage) -> Result<u64> {
    let firms = {
        let mut db = storage.conn().await?;
        changelog::heads(&mut db).await?
    };
    let mut dropped = 0;
    for (partner, head) in firms {
        dropped += purge_tombstones(storage, partner, head).await?;
    }
    Ok(dropped)
}

/// Purges each firm's tombstones up to its newest mark from `cutoff` or before, when that is above
/// its horizon, then drops the marks the horizon has passed.
async fn purge_old_tombstones(storage: &Storage, cutoff: NaiveDate) -> Result<u64> {
    let due = {
        let mut db = storage.conn().await?;
        changelog::marks_above_horizon(&mut db, cutoff).await?
    };
    let mut dropped = 0;
    for (partner, through) in due {
        dropped += purge_tombstones(storage, partner, through).await?;
    }
    // Every mark from the cutoff or before is at or below its firm's horizon now.
    let mut db = storage.conn().await?;
    changelog::drop_marks(&mut db, cutoff).await?;
    Ok(dropped)
}

/// Forgets the answers to pushes applied before `cutoff` (the day itself is kept), except each
/// installation's newest.
async fn forget_old_answers(storage: &Storage, cutoff: NaiveDate) -> Result<u64> {
    let before = cutoff.and_time(chrono::NaiveTime::MIN).and_utc();
    let mut db = storage.conn().await?;
    pushes::forget_before(&mut db, before).await
}
