//! A pull: the firm's changes after a cursor, oldest first, each the record's whole body or a
//! tombstone, as the caller's role may see them.
//!
//! One read transaction gives the page, its bodies and the head from one snapshot. The page is one
//! range read of the covering index `change_log_pull`; bodies are fetched per kind of record in one
//! query each, never per row.

use super::{changelog, records, reference};
use crate::error::Result;
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::{Change, Entity, PullResponse, MAX_PAGE};
use portal_core::Role;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, HashMap};

/// Who is pulling.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub partner: PartnerId,
    pub user: UserId,
    pub role: Role,
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

/// The page of changes after `after`, at most `limit` (capped at [`MAX_PAGE`]).
///
/// - Prospects, deals, quotes and orders the viewer may not see (another user's, for a role that
///   sees only its own) come as tombstones to users who owned them once — which is how a record
///   reassigned away from the viewer leaves its copy — and are not sent at all to users who never
///   had them.
/// - Customers-area records are left out entirely for roles without the Customers area.
/// - A pull from 0 starts an empty copy, so it carries no tombstones at all.
/// - Rows left out still move the cursor: `cursor` may lie beyond the last change's version.
pub async fn pull(
    pool: &SqlitePool,
    viewer: &Viewer,
    after: i64,
    limit: u32,
) -> Result<PullResponse> {
    let limit = limit.clamp(1, MAX_PAGE) as usize;
    let partner = viewer.partner.to_string();
    let user = viewer.user.to_string();
    let sees_all = viewer.role.sees_all_firm_records();

    let mut tx = pool.begin().await?;
    let (head, horizon) = changelog::head_and_horizon(&mut tx, &partner).await?;
    // Below the horizon a deletion may have been forgotten; beyond the head the cursor belongs to
    // some other database. Either way the copy cannot be brought up to date change by change.
    if (after > 0 && after < horizon) || after > head {
        return Ok(PullResponse {
            changes: Vec::new(),
            cursor: 0,
            more: true,
            head,
            reset: true,
        });
    }

    let mut sql = String::from(
        "SELECT entity, record_id, version, deleted, owner_id FROM change_log
         WHERE partner_id = ?1 AND version > ?2",
    );
    if !viewer.role.sees_customers_area() {
        let hidden: Vec<String> = reference::CUSTOMER_AREA
            .iter()
            .map(|e| format!("'{}'", e.as_str()))
            .collect();
        sql.push_str(&format!(" AND entity NOT IN ({})", hidden.join(", ")));
    }
    let fresh = after == 0;
    if fresh {
        sql.push_str(" AND deleted = 0");
    }
    if !sees_all {
        sql.push_str(if fresh {
            " AND (owner_id IS NULL OR owner_id = ?4)"
        } else {
            " AND (owner_id IS NULL OR owner_id = ?4 OR EXISTS (SELECT 1 FROM past_owners o
                 WHERE o.partner_id = change_log.partner_id AND o.entity = change_log.entity
                   AND o.record_id = change_log.record_id AND o.user_id = ?4))"
        });
    }
    sql.push_str(" ORDER BY version LIMIT ?3");
    let mut query = sqlx::query_as::<_, LogRow>(&sql)
        .bind(&partner)
        .bind(after)
        .bind(limit as i64 + 1);
    if !sees_all {
        query = query.bind(&user);
    }
    let mut rows = query.fetch_all(&mut *tx).await?;
    let more = rows.len() > limit;
    rows.truncate(limit);

    let mut entities = Vec::with_capacity(rows.len());
    let mut wanted: BTreeMap<Entity, Vec<&str>> = BTreeMap::new();
    for row in &rows {
        let entity = Entity::parse(&row.entity)
            .ok_or_else(|| crate::Error::corrupt(format!("change_log.entity {:?}", row.entity)))?;
        let owned = !matches!(
            entity,
            Entity::Prospect | Entity::Deal | Entity::Quote | Entity::Order
        ) || sees_all
            || row.owner_id.as_deref() == Some(user.as_str());
        if !row.deleted && owned {
            wanted.entry(entity).or_default().push(&row.record_id);
        }
        entities.push(entity);
    }
    let mut bodies: HashMap<Entity, HashMap<String, serde_json::Value>> = HashMap::new();
    for (entity, ids) in &wanted {
        let found = match entity {
            Entity::Prospect => records::bodies(&mut tx, "prospects", &partner, ids).await?,
            Entity::Deal => records::bodies(&mut tx, "deals", &partner, ids).await?,
            Entity::Quote => records::bodies(&mut tx, "quotes", &partner, ids).await?,
            Entity::Order => records::bodies(&mut tx, "orders", &partner, ids).await?,
            other => reference::bodies(&mut tx, *other, &partner, ids).await?,
        };
        bodies.insert(*entity, found);
    }
    tx.commit().await?;

    let cursor = match (more, rows.last()) {
        (true, Some(last)) => last.version,
        // Everything up to the head was considered, including rows this viewer does not receive.
        _ => head.max(after),
    };
    let changes = rows
        .into_iter()
        .zip(entities)
        .map(|(row, entity)| {
            let body = bodies
                .get_mut(&entity)
                .and_then(|found| found.remove(&row.record_id));
            Ok(Change {
                entity,
                id: crate::db::parse_uuid(&row.record_id)?,
                version: row.version,
                body,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PullResponse {
        changes,
        cursor,
        more,
        head,
        reset: false,
    })
}
