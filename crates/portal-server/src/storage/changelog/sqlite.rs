//! The change log's SQL for SQLite: `sync_counter` (head and horizon per firm), `change_log`,
//! `past_owners` and `sync_marks`. The write lock of `BEGIN IMMEDIATE` is what keeps versions in
//! order.

use super::{Entry, PageFilter};
use crate::error::{Error, Result};
use crate::storage::sqlite::{date_text, parse_id, parse_uuid, Connection};
use chrono::NaiveDate;
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::Entity;
use portal_core::wire::sql_list;
use uuid::Uuid;

/// Takes the firm's next version. Inside the write transaction: SQLite holds the write lock until
/// commit, so versions become visible in the order they were taken.
async fn next_version(c: &mut Connection, partner: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO sync_counter (partner_id, version) VALUES (?1, 1)
         ON CONFLICT (partner_id) DO UPDATE SET version = version + 1
         RETURNING version",
    )
    .bind(partner)
    .fetch_one(&mut *c)
    .await?)
}

async fn record_text(
    c: &mut Connection,
    partner: &str,
    entity: Entity,
    id: &str,
    owner: Option<&str>,
    deleted: bool,
) -> Result<i64> {
    let version = next_version(c, partner).await?;
    let previous: Option<Option<String>> = sqlx::query_scalar(
        "SELECT owner_id FROM change_log WHERE partner_id = ?1 AND entity = ?2 AND record_id = ?3",
    )
    .bind(partner)
    .bind(entity.as_str())
    .bind(id)
    .fetch_optional(&mut *c)
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
    .execute(&mut *c)
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
        .execute(&mut *c)
        .await?;
    }
    Ok(version)
}

pub async fn record(
    c: &mut Connection,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
    owner: Option<UserId>,
    deleted: bool,
) -> Result<i64> {
    let owner = owner.map(|o| o.to_string());
    record_text(
        c,
        &partner.to_string(),
        entity,
        &id.to_string(),
        owner.as_deref(),
        deleted,
    )
    .await
}

pub async fn record_global(
    c: &mut Connection,
    entity: Entity,
    id: Uuid,
    deleted: bool,
) -> Result<()> {
    let partners: Vec<String> = sqlx::query_scalar("SELECT id FROM partners ORDER BY id")
        .fetch_all(&mut *c)
        .await?;
    let id = id.to_string();
    for partner in partners {
        record_text(c, &partner, entity, &id, None, deleted).await?;
    }
    Ok(())
}

pub async fn deleted_at(
    c: &mut Connection,
    partner: PartnerId,
    entity: Entity,
    id: Uuid,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT version FROM change_log
         WHERE partner_id = ?1 AND entity = ?2 AND record_id = ?3 AND deleted = 1",
    )
    .bind(partner.to_string())
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

pub async fn head_and_horizon(c: &mut Connection, partner: PartnerId) -> Result<(i64, i64)> {
    Ok(
        sqlx::query_as("SELECT version, horizon FROM sync_counter WHERE partner_id = ?1")
            .bind(partner.to_string())
            .fetch_optional(&mut *c)
            .await?
            .unwrap_or((0, 0)),
    )
}

pub async fn heads(c: &mut Connection) -> Result<Vec<(PartnerId, i64)>> {
    let firms: Vec<(String, i64)> = sqlx::query_as("SELECT partner_id, version FROM sync_counter")
        .fetch_all(&mut *c)
        .await?;
    firms
        .into_iter()
        .map(|(partner, head)| Ok((parse_id(&partner)?, head)))
        .collect()
}

pub async fn forget_tombstones(
    c: &mut Connection,
    partner: PartnerId,
    through: i64,
) -> Result<u64> {
    let partner = partner.to_string();
    let dropped = sqlx::query(
        "DELETE FROM change_log WHERE partner_id = ?1 AND deleted = 1 AND version <= ?2",
    )
    .bind(&partner)
    .bind(through)
    .execute(&mut *c)
    .await?
    .rows_affected();
    sqlx::query("UPDATE sync_counter SET horizon = MAX(horizon, ?2) WHERE partner_id = ?1")
        .bind(&partner)
        .bind(through)
        .execute(&mut *c)
        .await?;
    Ok(dropped)
}

/// One change-log row of the page.
#[derive(sqlx::FromRow)]
struct LogRow {
    entity: String,
    record_id: String,
    version: i64,
    deleted: bool,
    owner_id: Option<String>,
}

pub async fn page(
    c: &mut Connection,
    partner: PartnerId,
    after: i64,
    limit: u32,
    filter: PageFilter<'_>,
) -> Result<Vec<Entry>> {
    let mut sql = String::from(
        "SELECT entity, record_id, version, deleted, owner_id FROM change_log
         WHERE partner_id = ?1 AND version > ?2",
    );
    if !filter.hidden.is_empty() {
        sql.push_str(&format!(" AND entity NOT IN ({})", sql_list(filter.hidden)));
    }
    if filter.live_only {
        sql.push_str(" AND deleted = 0");
    }
    if filter.owner.is_some() {
        sql.push_str(if filter.live_only {
            " AND (owner_id IS NULL OR owner_id = ?4)"
        } else {
            " AND (owner_id IS NULL OR owner_id = ?4 OR EXISTS (SELECT 1 FROM past_owners o
                 WHERE o.partner_id = change_log.partner_id AND o.entity = change_log.entity
                   AND o.record_id = change_log.record_id AND o.user_id = ?4))"
        });
    }
    sql.push_str(" ORDER BY version LIMIT ?3");
    let mut query = sqlx::query_as::<_, LogRow>(&sql)
        .bind(partner.to_string())
        .bind(after)
        .bind(i64::from(limit));
    if let Some(owner) = filter.owner {
        query = query.bind(owner.to_string());
    }
    let rows = query.fetch_all(&mut *c).await?;
    rows.into_iter()
        .map(|row| {
            Ok(Entry {
                entity: Entity::parse(&row.entity)
                    .ok_or_else(|| Error::corrupt(format!("change_log.entity {:?}", row.entity)))?,
                id: parse_uuid(&row.record_id)?,
                version: row.version,
                deleted: row.deleted,
                owner: row.owner_id.as_deref().map(parse_id).transpose()?,
            })
        })
        .collect()
}

pub async fn mark_heads(c: &mut Connection, day: NaiveDate) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_marks (partner_id, day, version)
         SELECT partner_id, ?1, version FROM sync_counter WHERE true
         ON CONFLICT (partner_id, day) DO UPDATE SET version = MAX(version, excluded.version)",
    )
    .bind(date_text(day))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn marks_above_horizon(
    c: &mut Connection,
    cutoff: NaiveDate,
) -> Result<Vec<(PartnerId, i64)>> {
    let due: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.partner_id, MAX(m.version) FROM sync_marks m
         JOIN sync_counter c ON c.partner_id = m.partner_id
         WHERE m.day <= ?1
         GROUP BY m.partner_id, c.horizon
         HAVING MAX(m.version) > c.horizon",
    )
    .bind(date_text(cutoff))
    .fetch_all(&mut *c)
    .await?;
    due.into_iter()
        .map(|(partner, through)| Ok((parse_id(&partner)?, through)))
        .collect()
}

pub async fn drop_marks(c: &mut Connection, cutoff: NaiveDate) -> Result<()> {
    sqlx::query("DELETE FROM sync_marks WHERE day <= ?1")
        .bind(date_text(cutoff))
        .execute(&mut *c)
        .await?;
    Ok(())
}
