//! The local SQLite cache: one file, WAL, one writer, migrated on open.

use crate::error::ClientError;
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};
use std::{path::Path, str::FromStr, time::Duration};

/// The schema of the cache, compiled in from the top-level `migrations/`.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Handle to the cache database. Cloning shares the pool.
#[derive(Clone, Debug)]
pub struct Cache {
    pool: SqlitePool,
}

/// A cached value and the time the server sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached<T> {
    pub value: T,
    pub as_of: DateTime<Utc>,
}

impl Cache {
    /// Opens (creating if needed) the cache file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, ClientError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ClientError::Storage(sqlx::Error::Io(e)))?;
        }
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL + NORMAL: a committed transaction survives the app being killed; only an OS crash
            // can lose the last commits, never corrupt the file.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // 16 KiB pages (new files only): a large firm's records, lists and indexes in fewer,
            // shallower B-trees, and a first sync writes out fewer pages per commit.
            .page_size(16_384)
            // The lists and their search indexes of a large firm stay in memory (64 MiB at most).
            .pragma("cache_size", "-65536")
            // Statement journals (a statement that writes many rows keeps the pages it changes
            // until it ends) stay in memory rather than in a temporary file.
            .pragma("temp_store", "memory");
        // One connection: one writer, and every user action is one transaction on it.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        // Indexes a first sync set aside and had no time to build again (the app was stopped).
        let mut tx = pool.begin().await?;
        crate::projection::restore_list_indexes(&mut tx).await?;
        tx.commit().await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Stores the latest server answer for `(scope, name)`, replacing the previous one.
    pub async fn put<T: Serialize>(
        &self,
        scope: &str,
        name: &str,
        value: &T,
        as_of: DateTime<Utc>,
    ) -> Result<(), ClientError> {
        let body =
            serde_json::to_string(value).map_err(|e| ClientError::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO snapshot (scope, name, body, as_of) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (scope, name) DO UPDATE SET body = excluded.body, as_of = excluded.as_of",
        )
        .bind(scope)
        .bind(name)
        .bind(body)
        .bind(as_of.to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The cached answer for `(scope, name)`, if any; an entry that no longer decodes (an older
    /// app version's shape) counts as absent.
    pub async fn get<T: DeserializeOwned>(
        &self,
        scope: &str,
        name: &str,
    ) -> Result<Option<Cached<T>>, ClientError> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT body, as_of FROM snapshot WHERE scope = ?1 AND name = ?2")
                .bind(scope)
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|(body, as_of)| {
            let value = serde_json::from_str(&body).ok()?;
            let as_of = DateTime::parse_from_rfc3339(&as_of)
                .ok()?
                .with_timezone(&Utc);
            Some(Cached { value, as_of })
        }))
    }

    /// Forgets everything cached under a scope (a user's data when they sign out): the server's
    /// answers, the replica, the outbox and the sync state, in one transaction.
    pub async fn forget_scope(&self, scope: &str) -> Result<(), ClientError> {
        let mut tx = self.pool.begin().await?;
        for table in [
            "snapshot",
            "record",
            "prospect",
            "deal",
            "quote",
            "sales_order",
            "attachment",
            "person",
            "outbox",
            "sync_state",
            "prospect_gram_stage",
            "prospect_gram",
        ]
        .into_iter()
        .chain(crate::reference::TABLES)
        {
            sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
                .bind(scope)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets only the scope's cached server answers (the replica and outbox stay).
    pub async fn forget_snapshots(&self, scope: &str) -> Result<(), ClientError> {
        sqlx::query("DELETE FROM snapshot WHERE scope = ?1")
            .bind(scope)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
