//! A database from before the library (migrations 0001–0004, with the old marketing resources:
//! a title and a link each) migrates: its old items leave every app as tombstones numbered after
//! the firm's newest version, and the old table is gone.

use super::*;
use portal_server::storage::Storage;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;
use std::path::Path;

#[tokio::test]
async fn the_old_resources_leave_every_app_as_tombstones() -> Result<()> {
    let dir = tempfile::tempdir()?;
    // The migrations before this issue's, applied by themselves.
    let before = dir.path().join("migrations");
    std::fs::create_dir(&before)?;
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&all)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name < "0005" {
            std::fs::copy(&path, before.join(name))?;
        }
    }
    let db = dir.path().join("portal.sqlite");
    let pool = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(&db)
            .create_if_missing(true),
    )
    .await?;
    sqlx::migrate::Migrator::new(before.as_path())
        .await?
        .run(&pool)
        .await?;
    let (firm_a, firm_b) = (Uuid::now_v7(), Uuid::now_v7());
    let (old_1, old_2) = (Uuid::now_v7(), Uuid::now_v7());
    for (firm, head) in [(firm_a, 7), (firm_b, 2)] {
        sqlx::query(
            "INSERT INTO partners (id, name, tier, margin_bp, created_at)
             VALUES (?1, 'A firm', 'gold', 2000, '2026-01-01T00:00:00.000Z')",
        )
        .bind(firm.to_string())
        .execute(&pool)
        .await?;
        sqlx::query("INSERT INTO sync_counter (partner_id, version) VALUES (?1, ?2)")
            .bind(firm.to_string())
            .bind(head)
            .execute(&pool)
            .await?;
        for (i, old) in [old_1, old_2].into_iter().enumerate() {
            sqlx::query(
                "INSERT INTO change_log (partner_id, entity, record_id, version)
                 VALUES (?1, 'resource', ?2, ?3)",
            )
            .bind(firm.to_string())
            .bind(old.to_string())
            .bind(head - 1 + i as i64)
            .execute(&pool)
            .await?;
        }
    }
    for old in [old_1, old_2] {
        sqlx::query(
            "INSERT INTO marketing_resources (id, category, title, url, published_on)
             VALUES (?1, 'whats_new', 'Old news', 'https://example.com', '2026-01-01')",
        )
        .bind(old.to_string())
        .execute(&pool)
        .await?;
    }
    pool.close().await;

    // The server opens it: migration 0005 runs.
    let storage = Storage::open_sqlite(&db).await?;
    storage.close().await;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db)).await?;
    for (firm, head) in [(firm_a, 7), (firm_b, 2)] {
        let rows: Vec<(String, i64, bool)> = sqlx::query_as(
            "SELECT record_id, version, deleted FROM change_log
             WHERE partner_id = ?1 AND entity = 'resource' ORDER BY version",
        )
        .bind(firm.to_string())
        .fetch_all(&pool)
        .await?;
        let mut expected = vec![
            (old_1.to_string(), head + 1, true),
            (old_2.to_string(), head + 2, true),
        ];
        expected.sort_by_key(|(id, ..)| id.clone());
        for (i, row) in expected.iter_mut().enumerate() {
            row.1 = head + 1 + i as i64;
        }
        assert_eq!(rows, expected, "tombstones after the firm's newest version");
        let counter: i64 =
            sqlx::query_scalar("SELECT version FROM sync_counter WHERE partner_id = ?1")
                .bind(firm.to_string())
                .fetch_one(&pool)
                .await?;
        // Migration 0006 then gives each firm its marketing profile, as the next version.
        assert_eq!(counter, head + 3);
    }
    let old_table: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'marketing_resources'")
            .fetch_one(&pool)
            .await?;
    assert_eq!(old_table, 0);
    Ok(())
}
