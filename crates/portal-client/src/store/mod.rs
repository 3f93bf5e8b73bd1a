//! The bottom layer: the local SQLite cache — one file, WAL, one writer, migrated on open — and
//! what every layer above reads and writes through it.
//!
//! - [`Cache`]: the file, its schema (the top-level `migrations/`) and the server's answers kept
//!   whole by name (the profile, the firm's details, news…);
//! - [`read`]: the one reader of stored text into domain types;
//! - [`names`]: the names of the firm's users, as far as this user knows them;
//! - [`blobs`]: the marketing resources' files, by their SHA-256, checked before every use;
//! - [`files`]: files attached to orders, kept by their SHA-256 until the server has them.

pub mod blobs;
pub mod files;
pub mod names;
pub mod read;

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

/// Every table that holds a user's data by scope, emptied when they sign out. The tables kept
/// up to date by triggers on these (the day sums of renewals and seats) follow them; the
/// renewals a user was reminded of stay. The schema owns these names: a test checks that every
/// table with a `scope` column is one or the other.
const SCOPED: [&str; 21] = [
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
    "customer",
    "subscription",
    "renewal",
    "invoice",
    "support_case",
    "resource",
    "resource_keep",
    "resource_failure",
    "resource_announce",
];

/// A cached value and the time the server sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached<T> {
    pub value: T,
    pub as_of: DateTime<Utc>,
}

impl Cache {
    /// Opens (creating if needed) the cache file and brings its schema up to date. Work a layer
    /// above left half done when the app was stopped (indexes a first sync set aside) is that
    /// layer's to finish: the app opens the cache through [`crate::lists::aside::open`].
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
            let value = read::json(&body).ok()?;
            let as_of = read::time(&as_of).ok()?;
            Some(Cached { value, as_of })
        }))
    }

    /// Forgets everything cached under a scope (a user's data when they sign out): the server's
    /// answers, the replica, the outbox and the sync state, in one transaction.
    pub async fn forget_scope(&self, scope: &str) -> Result<(), ClientError> {
        let mut tx = self.pool.begin().await?;
        for table in SCOPED {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables with a scope that a sign-out leaves: the renewals this user of this install was
    /// reminded of (so they are not reminded again), what triggers keep in step with the tables of
    /// [`SCOPED`], and a queue its own trigger empties at once.
    const KEPT: [&str; 8] = [
        "renewal_reminded",
        // When the user last looked at What's New, and the items they have known (announced once).
        "resource_seen",
        "resource_known",
        // The leads this user was told of and opened (a lead is announced once).
        "lead_mark",
        "renewal_day",
        "customer_seat_step",
        "seat_day",
        "seat_recount",
    ];

    /// A table added with a `scope` column must be forgotten at sign-out or say why it stays.
    #[tokio::test]
    async fn every_scoped_table_is_forgotten_or_kept_on_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
        let scoped: Vec<String> = sqlx::query_scalar(
            "SELECT m.name FROM sqlite_master m
             WHERE m.type = 'table'
               AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'scope')
             ORDER BY m.name",
        )
        .fetch_all(cache.pool())
        .await
        .unwrap();
        let mut known: Vec<String> = SCOPED.iter().chain(&KEPT).map(|t| t.to_string()).collect();
        known.sort();
        assert_eq!(scoped, known);
    }
}
