//! Per-firm versions and the change log: every write to a synced record takes the firm's next
//! version inside its transaction and upserts the record's change-log row; tombstones, the horizon
//! and the purge.

use crate::error::Result;
use portal_core::ids::PartnerId;
use portal_core::sync::Entity;
use sqlx::{SqliteConnection, SqlitePool};

/// Takes the firm's next version. Call inside the write transaction: SQLite holds the write lock
/// until commit, so versions become visible in the order they were taken.
pub async fn next_version(conn: &mut SqliteConnection, partner: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO sync_counter (partner_id, version) VALUES (?1, 1)
         ON CONFLICT (partner_id) DO UPDATE SET version = version + 1
         RETURNING version",
    )
    .bind(partner)
    .fetch_one(&mut *conn)
    .await?)
}

/// Records a change to one record of the firm (its new state, or its tombstone) and returns the
/// version it took. When the record changes hands, its previous owner is remembered, so that the
/// record leaves that user's copy as a tombstone.
pub async fn record(
    conn: &mut SqliteConnection,
    partner: &str,
    entity: Entity,
    id: &str,
    owner: Option<&str>,
    deleted: bool,
) -> Result<i64> {
    let version = next_version(conn, partner).await?;
    let previous: Option<Option<String>> = sqlx::query_scalar(
        "SELECT owner_id FROM change_log WHERE partner_id = ?1 AND entity = ?2 AND record_id = ?3",
    )
    .bind(partner)
    .bind(entity.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO change_log (partner_id, entity, record_id, version, deleted, owner_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (partner_id, entity, record_id) DO UPDATE
         SET version = excluded.version, deleted = excluded.deleted, owner_id = excluded.owner_id",
    )
    .bind(partner)
    .bind(entity.as_str())
    .bind(id)
    .bind(version)
    .bind(deleted)
    .bind(owner)
    .execute(&mut *conn)
    .await?;
    if let Some(Some(before)) = previous.filter(|before| before.as_deref() != owner) {
        sqlx::query(
            "INSERT INTO past_owners (partner_id, entity, record_id, user_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )
        .bind(partner)
        .bind(entity.as_str())
        .bind(id)
        .bind(before)
        .execute(&mut *conn)
        .await?;
    }
    Ok(version)
}

/// Records a change to a record every firm sees (a product, news item, resource or course): one
/// change-log row per firm, each with that firm's next version.
pub async fn record_global(
    conn: &mut SqliteConnection,
    entity: Entity,
    id: &str,
    deleted: bool,
) -> Result<()> {
    let partners: Vec<String> = sqlx::query_scalar("SELECT id FROM partners ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    for partner in partners {
        record(conn, &partner, entity, id, None, deleted).await?;
    }
    Ok(())
}

/// Whether the firm's change log holds a tombstone for the record (it was deleted, and the
/// tombstone has not been purged yet).
pub async fn is_deleted(
    conn: &mut SqliteConnection,
    partner: &str,
    entity: Entity,
    id: &str,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT version FROM change_log
         WHERE partner_id = ?1 AND entity = ?2 AND record_id = ?3 AND deleted = 1",
    )
    .bind(partner)
    .bind(entity.as_str())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The firm's newest version and its tombstone horizon.
pub async fn head_and_horizon(conn: &mut SqliteConnection, partner: &str) -> Result<(i64, i64)> {
    Ok(
        sqlx::query_as("SELECT version, horizon FROM sync_counter WHERE partner_id = ?1")
            .bind(partner)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or((0, 0)),
    )
}

/// Drops the firm's tombstones at or below `through` and raises its horizon to it: a client whose
/// cursor is below the horizon may have missed a deletion, so its next pull tells it to reset.
/// Returns how many tombstones were dropped.
pub async fn purge_tombstones(pool: &SqlitePool, partner: PartnerId, through: i64) -> Result<u64> {
    let partner = partner.to_string();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let (head, _) = head_and_horizon(&mut tx, &partner).await?;
    let through = through.min(head);
    let dropped = sqlx::query(
        "DELETE FROM change_log WHERE partner_id = ?1 AND deleted = 1 AND version <= ?2",
    )
    .bind(&partner)
    .bind(through)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE sync_counter SET horizon = MAX(horizon, ?2) WHERE partner_id = ?1")
        .bind(&partner)
        .bind(through)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(%partner, through, dropped, "purged tombstones");
    Ok(dropped)
}

/// Purges every firm's tombstones up to its current head (for maintenance and tests).
pub async fn purge_all_tombstones(pool: &SqlitePool) -> Result<u64> {
    let firms: Vec<(String, i64)> = sqlx::query_as("SELECT partner_id, version FROM sync_counter")
        .fetch_all(pool)
        .await?;
    let mut dropped = 0;
    for (partner, head) in firms {
        let partner: PartnerId = partner.parse().map_err(crate::Error::corrupt)?;
        dropped += purge_tombstones(pool, partner, head).await?;
    }
    Ok(dropped)
}
