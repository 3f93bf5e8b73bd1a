//! The briefcase's choices, in the cache: the items and whole categories the user keeps offline,
//! why a kept item's last download failed, and which files and thumbnails the file store must keep.

use super::resources::{Row, COLUMNS};
use crate::{error::ClientError, store::read};
use portal_core::resources::Category;
use sqlx::SqliteConnection;
use std::collections::{BTreeSet, HashSet};

/// What the user keeps offline: the items kept one by one, and the categories kept whole.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub items: HashSet<String>,
    pub categories: BTreeSet<Category>,
}

impl Kept {
    /// Whether the item is kept, and whether by its category.
    pub fn keeps(&self, id: &str, category: Category) -> Option<bool> {
        if self.categories.contains(&category) {
            Some(true)
        } else if self.items.contains(id) {
            Some(false)
        } else {
            None
        }
    }
}

pub async fn kept(conn: &mut SqliteConnection, scope: &str) -> Result<Kept, ClientError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, target FROM resource_keep WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    let mut kept = Kept::default();
    for (kind, target) in rows {
        match kind.as_str() {
            "category" => {
                kept.categories.insert(read::wire(&target)?);
            }
            _ => {
                kept.items.insert(target);
            }
        }
    }
    Ok(kept)
}

/// Keeps (or stops keeping) an item or a category.
pub async fn set_kept(
    conn: &mut SqliteConnection,
    scope: &str,
    kind: &str,
    target: &str,
    keep: bool,
) -> Result<(), ClientError> {
    if keep {
        sqlx::query(
            "INSERT INTO resource_keep (scope, kind, target, kept_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )
        .bind(scope)
        .bind(kind)
        .bind(target)
        .bind(super::resources::stored_time(chrono::Utc::now()))
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query("DELETE FROM resource_keep WHERE scope = ?1 AND kind = ?2 AND target = ?3")
            .bind(scope)
            .bind(kind)
            .bind(target)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The rows of every kept item (one by one or by category), by title.
pub async fn kept_rows(conn: &mut SqliteConnection, scope: &str) -> Result<Vec<Row>, ClientError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM resource WHERE resource.scope = ?1 AND (
           resource.id IN (SELECT target FROM resource_keep WHERE scope = ?1 AND kind = 'item')
           OR resource.category IN (SELECT target FROM resource_keep
                                    WHERE scope = ?1 AND kind = 'category'))
         ORDER BY resource.title COLLATE NOCASE, resource.id"
    ))
    .bind(scope)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every file hash the kept items of every user of this cache need (what the briefcase's folder
/// keeps).
pub async fn kept_files_all(conn: &mut SqliteConnection) -> Result<HashSet<String>, ClientError> {
    let shas: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT f.value ->> 0 FROM resource AS r, json_each(r.files) AS f
         WHERE r.id IN (SELECT target FROM resource_keep k WHERE k.scope = r.scope AND k.kind = 'item')
            OR r.category IN (SELECT target FROM resource_keep k
                              WHERE k.scope = r.scope AND k.kind = 'category')",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(shas.into_iter().collect())
}

/// Every thumbnail hash of any listed item (what the thumbnails' folder keeps).
pub async fn thumbnails_all(conn: &mut SqliteConnection) -> Result<HashSet<String>, ClientError> {
    let shas: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT thumb_sha FROM resource WHERE thumb_sha IS NOT NULL")
            .fetch_all(&mut *conn)
            .await?;
    Ok(shas.into_iter().collect())
}

/// Items kept one by one that are no longer listed (withdrawn): forgotten.
pub async fn forget_withdrawn(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<u64, ClientError> {
    let done = sqlx::query(
        "DELETE FROM resource_keep WHERE scope = ?1 AND kind = 'item'
           AND target NOT IN (SELECT id FROM resource WHERE scope = ?1)",
    )
    .bind(scope)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM resource_failure WHERE scope = ?1
           AND id NOT IN (SELECT id FROM resource WHERE scope = ?1)",
    )
    .bind(scope)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Why the item's last download failed, or None to clear it.
pub async fn set_failure(
    conn: &mut SqliteConnection,
    scope: &str,
    id: &str,
    message: Option<&str>,
) -> Result<(), ClientError> {
    match message {
        Some(m) => {
            sqlx::query(
                "INSERT INTO resource_failure (scope, id, message) VALUES (?1, ?2, ?3)
                 ON CONFLICT (scope, id) DO UPDATE SET message = excluded.message",
            )
            .bind(scope)
            .bind(id)
            .bind(m)
            .execute(&mut *conn)
            .await?
        }
        None => {
            sqlx::query("DELETE FROM resource_failure WHERE scope = ?1 AND id = ?2")
                .bind(scope)
                .bind(id)
                .execute(&mut *conn)
                .await?
        }
    };
    Ok(())
}

/// The scope's download failures, by item id.
pub async fn failures(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<std::collections::HashMap<String, String>, ClientError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, message FROM resource_failure WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().collect())
}
