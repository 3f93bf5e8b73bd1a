//! Each record's row in the cache: the server's copy (version and body) and, when the user's
//! queued changes alter it, the view folded on top (`overlay`, `local_body`). Read for detail
//! pages; written whenever the copy or the changes on it change, in the same transaction.

use super::{
    fold::{fold, Folded, ServerCopy},
    outbox::{self, Queued},
};
use crate::{
    error::ClientError,
    store::read::{self, to_json},
};
use portal_core::{pending::ChangeState, sync::Entity};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::SqliteConnection;
use uuid::Uuid;

/// One record's view, as read for a detail page.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub version: i64,
    pub body: Value,
}

impl View {
    /// The view as its domain type (a prospect, a quote…).
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ClientError> {
        read::body(self.body.clone())
    }
}

/// The server's copy of one record (the default when the server has sent nothing).
pub async fn server_copy(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<ServerCopy, ClientError> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT server_version, server_body FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some((version, body)) => ServerCopy {
            version,
            body: body.as_deref().map(read::json).transpose()?,
        },
        None => ServerCopy::default(),
    })
}

/// Whether the server has sent a copy of the record.
pub async fn has_server_copy(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<bool, ClientError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3
                          AND server_body IS NOT NULL)",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_one(&mut *conn)
    .await?)
}

/// The record as the UI sees it, if it exists.
pub async fn view(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Option<View>, ClientError> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT server_version, CASE WHEN overlay = 1 THEN local_body ELSE server_body END
         FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((version, Some(body))) => Ok(Some(View {
            version,
            body: read::json(&body)?,
        })),
        _ => Ok(None),
    }
}

/// The record folded again from its stored server copy and its queued changes, stored; what the
/// UI now sees of it. The list row is the lists' to keep: layers above call
/// [`crate::lists::refold()`], which does both.
pub async fn refold_record(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Folded, ClientError> {
    let server = server_copy(conn, scope, entity, id).await?;
    let queued = outbox::for_record(conn, scope, entity, id).await?;
    store(conn, scope, entity, id, &server, &queued).await
}

/// Stores a server copy with its queued changes folded on top; what the UI now sees of it.
pub async fn store(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
    server: &ServerCopy,
    queued: &[Queued],
) -> Result<Folded, ClientError> {
    let folded = fold(entity, server, queued);
    // Changes the server has and that no longer belong on top of anything (a kind it never sends
    // back, such as a recorded download, once settled) keep nothing alive either.
    let settled = queued
        .iter()
        .all(|q| q.state == ChangeState::Synced && !q.in_view(server.version));
    if server.body.is_none() && folded.body.is_none() && settled {
        // Nothing of it is left to show or to keep: a tombstone of a record nobody edited here,
        // or a record only made here whose changes the server has settled.
        sqlx::query("DELETE FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3")
            .bind(scope)
            .bind(entity.as_str())
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
    } else {
        let overlay = folded.body != server.body;
        sqlx::query(
            "INSERT INTO record (scope, entity, id, server_version, server_body, overlay, local_body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (scope, entity, id) DO UPDATE SET
               server_version = excluded.server_version, server_body = excluded.server_body,
               overlay = excluded.overlay, local_body = excluded.local_body",
        )
        .bind(scope)
        .bind(entity.as_str())
        .bind(id.to_string())
        .bind(server.version)
        .bind(server.body.as_ref().map(to_json))
        .bind(overlay)
        .bind(if overlay {
            folded.body.as_ref().map(to_json)
        } else {
            None
        })
        .execute(&mut *conn)
        .await?;
    }
    Ok(folded)
}

/// Stores pulled server copies (entity, id, version, body as the server sent it) of records with
/// no changes queued here, a few hundred rows per statement: a first sync of a large firm stores
/// hundreds of thousands. The bodies are bound as they are (a JSON array of them would be escaped
/// here and parsed again by SQLite).
pub async fn store_pulled(
    conn: &mut SqliteConnection,
    scope: &str,
    copies: Vec<(&'static str, String, i64, String)>,
) -> Result<(), ClientError> {
    let mut copies = copies.into_iter();
    let mut left = copies.len();
    while left > 0 {
        let rows = STORE_ROWS_MAX.min(1 << left.ilog2());
        let mut query = sqlx::query(store_sql(rows));
        for (entity, id, version, body) in copies.by_ref().take(rows) {
            query = query
                .bind(scope)
                .bind(entity)
                .bind(id)
                .bind(version)
                .bind(body);
        }
        query.execute(&mut *conn).await?;
        left -= rows;
    }
    Ok(())
}

/// Drops the rows of pulled tombstones (entity, id) of records with no changes queued here.
pub async fn drop_pulled(
    conn: &mut SqliteConnection,
    scope: &str,
    dropped: &[(&'static str, String)],
) -> Result<(), ClientError> {
    if dropped.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "DELETE FROM record WHERE scope = ?1 AND (entity, id) IN
           (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?2) AS j)",
    )
    .bind(scope)
    .bind(to_json(&dropped))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The most server copies stored by one statement (a power of two).
const STORE_ROWS_MAX: usize = 256;

/// The statement that stores `rows` server copies (a power of two up to [`STORE_ROWS_MAX`]): the
/// scope, entity, id, version and body of each.
fn store_sql(rows: usize) -> &'static str {
    static SQL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        (0..=STORE_ROWS_MAX.ilog2())
            .map(|k| {
                // Anonymous parameters: sqlx looks each numbered one up by name, which SQLite
                // answers by walking the list of names (a statement of N takes N² steps).
                let values = vec!["(?, ?, ?, ?, ?, 0, NULL)"; 1usize << k];
                format!(
                    "INSERT INTO record (scope, entity, id, server_version, server_body, overlay,
                       local_body)
                     VALUES {}
                     ON CONFLICT (scope, entity, id) DO UPDATE SET
                       server_version = excluded.server_version,
                       server_body = excluded.server_body,
                       overlay = excluded.overlay, local_body = excluded.local_body",
                    values.join(", ")
                )
            })
            .collect()
    });
    &all[rows.ilog2() as usize]
}

/// Forgets every record row of the scope (a reset; the outbox stays).
pub async fn forget_all(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    sqlx::query("DELETE FROM record WHERE scope = ?1")
        .bind(scope)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ids of the cached records of a reference entity with their bodies (read-only data).
pub async fn bodies(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
) -> Result<Vec<(Uuid, Value)>, ClientError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, server_body FROM record
         WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(entity.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, body)| Ok((read::uuid(&id)?, read::json(&body)?)))
        .collect()
}

/// The kinds of record the scope holds (what a reset changes).
pub async fn entities(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Entity>, ClientError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT entity FROM record WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|e| read::entity(e)).collect()
}
