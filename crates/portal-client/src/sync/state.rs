//! Where one user's sync stands on this install: the client id pushes carry, the cursor pulls
//! resume from, the next mutation id and the time of the last complete sync.

use crate::{error::ClientError, store::read};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct SyncState {
    pub client_id: Uuid,
    pub cursor: i64,
    pub last_synced: Option<DateTime<Utc>>,
}

/// Makes the scope's sync state if it has none (a new client id: the server ties a client id to
/// the first user who pushes with it, so each user of the machine has their own). Returns it.
pub async fn ensure(conn: &mut SqliteConnection, scope: &str) -> Result<SyncState, ClientError> {
    sqlx::query("INSERT INTO sync_state (scope, client_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .bind(scope)
        .bind(Uuid::new_v4().to_string())
        .execute(&mut *conn)
        .await?;
    load(conn, scope).await?.ok_or(ClientError::NotSignedIn)
}

pub async fn load(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Option<SyncState>, ClientError> {
    let row: Option<(String, i64, Option<String>)> =
        sqlx::query_as("SELECT client_id, cursor, last_synced FROM sync_state WHERE scope = ?1")
            .bind(scope)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(client_id, cursor, last_synced)| {
        Ok(SyncState {
            client_id: read::uuid(&client_id)?,
            cursor,
            last_synced: last_synced.as_deref().map(read::time).transpose()?,
        })
    })
    .transpose()
}

pub async fn set_cursor(
    conn: &mut SqliteConnection,
    scope: &str,
    cursor: i64,
) -> Result<(), ClientError> {
    sqlx::query("UPDATE sync_state SET cursor = ?2 WHERE scope = ?1")
        .bind(scope)
        .bind(cursor)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_last_synced(
    conn: &mut SqliteConnection,
    scope: &str,
    at: DateTime<Utc>,
) -> Result<(), ClientError> {
    sqlx::query("UPDATE sync_state SET last_synced = ?2 WHERE scope = ?1")
        .bind(scope)
        .bind(at.to_rfc3339())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
