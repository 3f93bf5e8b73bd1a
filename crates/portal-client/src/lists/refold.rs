//! A record's view and its list row kept in step, in the caller's transaction: after a change is
//! queued or answered (refold), when a pull brings its server copy (one change), and when a reset
//! drops the whole copy.

use super::{grams, reference, rows};
use crate::{
    error::ClientError,
    replica::{copy, outbox, Folded, ServerCopy},
};
use portal_core::sync::{Change, Entity};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// Refolds one record from its stored server copy and its queued changes, and its list row.
pub async fn refold(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Folded, ClientError> {
    let folded = copy::refold_record(conn, scope, entity, id).await?;
    rows::project(conn, scope, entity, id, &folded).await?;
    Ok(folded)
}

/// Applies one pulled change: the new server copy (or its tombstone) under the record's queued
/// changes, and its list row. `tracked` says whether the outbox has any row for it (if not,
/// nothing to read there).
pub async fn apply_change(
    conn: &mut SqliteConnection,
    scope: &str,
    change: &Change,
    tracked: bool,
) -> Result<(), ClientError> {
    let server = ServerCopy {
        version: change.version,
        body: change.body.clone(),
    };
    let queued = if tracked {
        outbox::for_record(conn, scope, change.entity, change.id).await?
    } else {
        Vec::new()
    };
    let folded = copy::store(conn, scope, change.entity, change.id, &server, &queued).await?;
    rows::project(conn, scope, change.entity, change.id, &folded).await
}

/// The list tables a reset empties with the copy (the Customers area's too).
const LISTS: [&str; 5] = ["prospect", "deal", "quote", "sales_order", "resource"];

/// Drops the scope's copy of the server's data (a reset) but keeps the outbox; the records it
/// holds changes for are refolded from those alone until the pull brings them back.
pub async fn drop_copy(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    copy::forget_all(conn, scope).await?;
    for table in LISTS.into_iter().chain(reference::TABLES) {
        sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
            .bind(scope)
            .execute(&mut *conn)
            .await?;
    }
    grams::forget_grams(conn, scope).await?;
    for (entity, id) in outbox::tracked(conn, scope).await? {
        refold(conn, scope, entity, id).await?;
    }
    Ok(())
}
