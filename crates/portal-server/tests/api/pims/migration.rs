//! A database from before PIMS (migrations 0001–0005) migrates: every firm gets its blank
//! marketing profile, named after it, as its next version (so apps receive it at their next
//! pull), and the change log keeps every row and past owner it had.

use portal_core::pims::profile::MarketingProfile;
use portal_server::storage::Storage;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;
use std::path::Path;
use uuid::Uuid;

#[tokio::test]
async fn every_firm_gets_its_profile_as_its_next_version() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let before = dir.path().join("migrations");
    std::fs::create_dir(&before)?;
    let all = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&all)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name < "0006" {
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
    let (with_changes, without) = (Uuid::now_v7(), Uuid::now_v7());
    let (prospect, owner) = (Uuid::now_v7(), Uuid::now_v7());
    for (firm, name) in [(with_changes, "Contoso Partners"), (without, "Fresh Firm")] {
        sqlx::query(
            "INSERT INTO partners (id, name, tier, margin_bp, created_at)
             VALUES (?1, ?2, 'gold', 2000, '2026-01-01T00:00:00.000Z')",
        )
        .bind(firm.to_string())
        .bind(name)
        .execute(&pool)
        .await?;
    }
    sqlx::query("INSERT INTO sync_counter (partner_id, version) VALUES (?1, 9)")
        .bind(with_changes.to_string())
        .execute(&pool)
        .await?;
    sqlx::query(
        "INSERT INTO change_log (partner_id, entity, record_id, version, owner_id)
         VALUES (?1, 'prospect', ?2, 9, ?3)",
    )
    .bind(with_changes.to_string())
    .bind(prospect.to_string())
    .bind(owner.to_string())
    .execute(&pool)
    .await?;
    sqlx::query(
        "INSERT INTO past_owners (partner_id, entity, record_id, user_id)
         VALUES (?1, 'prospect', ?2, ?3)",
    )
    .bind(with_changes.to_string())
    .bind(prospect.to_string())
    .bind(Uuid::now_v7().to_string())
    .execute(&pool)
    .await?;
    pool.close().await;

    let storage = Storage::open_sqlite(&db).await?;
    storage.close().await;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db)).await?;
    for (firm, name, version) in [
        (with_changes, "Contoso Partners", 10),
        (without, "Fresh Firm", 1),
    ] {
        let logged: (i64, bool) = sqlx::query_as(
            "SELECT version, deleted FROM change_log
             WHERE partner_id = ?1 AND entity = 'marketing_profile' AND record_id = ?1",
        )
        .bind(firm.to_string())
        .fetch_one(&pool)
        .await?;
        assert_eq!(logged, (version, false));
        let head: i64 =
            sqlx::query_scalar("SELECT version FROM sync_counter WHERE partner_id = ?1")
                .bind(firm.to_string())
                .fetch_one(&pool)
                .await?;
        assert_eq!(head, version, "the head moved to the profile's version");
        let body: String =
            sqlx::query_scalar("SELECT body FROM marketing_profiles WHERE partner_id = ?1")
                .bind(firm.to_string())
                .fetch_one(&pool)
                .await?;
        let profile: MarketingProfile = serde_json::from_str(&body)?;
        assert_eq!(profile.company_name, name);
        assert_eq!(*profile.id.as_uuid(), firm);
        assert!(profile.web_logo.is_none() && profile.unsubscribe.is_empty());
    }
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM past_owners WHERE partner_id = ?1 AND record_id = ?2",
    )
    .bind(with_changes.to_string())
    .bind(prospect.to_string())
    .fetch_one(&pool)
    .await?;
    assert_eq!(kept, 1, "past owners survive the change log's rebuild");
    Ok(())
}
