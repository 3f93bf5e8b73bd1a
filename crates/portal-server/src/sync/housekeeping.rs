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

use super::changelog::purge_tombstones;
use crate::config::SyncConfig;
use crate::db::{date_text, instant_text};
use crate::error::{Error, Result};
use chrono::{Days, NaiveDate};
use portal_core::ids::PartnerId;
use sqlx::SqlitePool;

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
pub async fn housekeep(pool: &SqlitePool, config: &SyncConfig, today: NaiveDate) -> Result<Swept> {
    mark_heads(pool, today).await?;
    let tombstones = purge_old_tombstones(pool, days_before(today, config.tombstone_days)).await?;
    let applied_mutations =
        forget_old_answers(pool, days_before(today, config.applied_mutation_days)).await?;
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

/// Records every firm's head version as reached by `today` (the day's highest, if run again).
async fn mark_heads(pool: &SqlitePool, today: NaiveDate) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_marks (partner_id, day, version)
         SELECT partner_id, ?1, version FROM sync_counter WHERE true
         ON CONFLICT (partner_id, day) DO UPDATE SET version = MAX(version, excluded.version)",
    )
    .bind(date_text(today))
    .execute(pool)
    .await?;
    Ok(())
}

/// Purges each firm's tombstones up to its newest mark from `cutoff` or before, when that is above
/// its horizon, then drops the marks the horizon has passed.
async fn purge_old_tombstones(pool: &SqlitePool, cutoff: NaiveDate) -> Result<u64> {
    let cutoff = date_text(cutoff);
    let due: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.partner_id, MAX(m.version) FROM sync_marks m
         JOIN sync_counter c ON c.partner_id = m.partner_id
         WHERE m.day <= ?1
         GROUP BY m.partner_id, c.horizon
         HAVING MAX(m.version) > c.horizon",
    )
    .bind(&cutoff)
    .fetch_all(pool)
    .await?;
    let mut dropped = 0;
    for (partner, through) in due {
        let partner: PartnerId = partner.parse().map_err(Error::corrupt)?;
        dropped += purge_tombstones(pool, partner, through).await?;
    }
    // Every mark from the cutoff or before is at or below its firm's horizon now.
    sqlx::query("DELETE FROM sync_marks WHERE day <= ?1")
        .bind(&cutoff)
        .execute(pool)
        .await?;
    Ok(dropped)
}

/// Forgets the answers to pushes applied before `cutoff` (the day itself is kept), except each
/// installation's newest.
async fn forget_old_answers(pool: &SqlitePool, cutoff: NaiveDate) -> Result<u64> {
    let before = instant_text(cutoff.and_time(chrono::NaiveTime::MIN).and_utc());
    Ok(sqlx::query(
        "DELETE FROM applied_mutation
         WHERE applied_at < ?1
           AND mutation_id < (SELECT MAX(newest.mutation_id) FROM applied_mutation newest
                              WHERE newest.client_id = applied_mutation.client_id)",
    )
    .bind(before)
    .execute(pool)
    .await?
    .rows_affected())
}
