//! The demo seed: deterministic, idempotent when asked, and sized by the caller.

use anyhow::Result;
use chrono::NaiveDate;
use portal_server::seed::{self, SeedOptions, DEMO_PASSWORD, DEMO_USERS};
use portal_server::storage::Storage;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

const TABLES: &[&str] = &[
    "partners",
    "account_managers",
    "partner_account_team",
    "users",
    "products",
    "price_tiers",
    "term_discounts",
    "customers",
    "subscriptions",
    "renewals",
    "invoices",
    "support_cases",
    "news",
    "resource_blobs",
    "resources",
    "resource_versions",
    "resource_files",
    "courses",
    "prospects",
    "deals",
    "change_log",
    "sync_counter",
    "counters",
];

/// A fresh database in `dir`: the storage the seed writes through, and a plain pool on the same
/// file to read it back.
async fn fresh_db(dir: &tempfile::TempDir) -> Result<(Storage, SqlitePool)> {
    let path = dir.path().join("portal.sqlite");
    let storage = Storage::open_sqlite(&path).await?;
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&path)).await?;
    Ok((storage, pool))
}

/// Every row of every table, as text, in a stable order.
async fn dump(pool: &SqlitePool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for table in TABLES {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .bind(table)
                .fetch_all(pool)
                .await?;
        let rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT json_array({}) AS r FROM {table} ORDER BY r",
            columns.join(", ")
        ))
        .fetch_all(pool)
        .await?;
        out.push(format!("{table}: {} rows", rows.len()));
        out.extend(rows);
    }
    Ok(out)
}

async fn counts(pool: &SqlitePool) -> Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for table in TABLES {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await?;
        out.push((table.to_string(), n));
    }
    Ok(out)
}

fn options(customers: u32) -> SeedOptions {
    SeedOptions {
        customers_per_partner: customers,
        prospects_per_partner: customers,
        today: NaiveDate::from_ymd_opt(2026, 5, 4).expect("a date"),
    }
}

#[tokio::test]
async fn two_seeds_give_the_same_data() -> Result<()> {
    let (a, b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let ((sa, pa), (sb, pb)) = (fresh_db(&a).await?, fresh_db(&b).await?);
    let ra = seed::seed(&sa, &options(25)).await?;
    let rb = seed::seed(&sb, &options(25)).await?;
    assert_eq!(ra, rb);
    assert_eq!(counts(&pa).await?, counts(&pb).await?);
    let names = "SELECT id || ' ' || company_name || ' ' || domain FROM customers ORDER BY id";
    let na: Vec<String> = sqlx::query_scalar(names).fetch_all(&pa).await?;
    let nb: Vec<String> = sqlx::query_scalar(names).fetch_all(&pb).await?;
    assert_eq!(na.len(), 50);
    assert_eq!(na, nb);
    // Everything else too, password hashes included.
    let (da, db) = (dump(&pa).await?, dump(&pb).await?);
    assert!(da.len() > 300, "the dump holds the rows: {}", da.len());
    assert_eq!(da, db);

    // Seeding again replaces rather than duplicates.
    seed::seed(&sa, &options(25)).await?;
    assert_eq!(counts(&pa).await?, counts(&pb).await?);
    Ok(())
}

#[tokio::test]
async fn seed_demo_only_seeds_an_empty_database() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (storage, pool) = fresh_db(&dir).await?;
    assert!(!seed::has_partners(&storage).await?);
    let first = seed::seed_if_empty(&storage, &options(5)).await?;
    assert!(first.is_some());
    let before = counts(&pool).await?;
    assert!(seed::seed_if_empty(&storage, &options(9)).await?.is_none());
    assert_eq!(counts(&pool).await?, before);
    Ok(())
}

#[tokio::test]
async fn the_seed_has_the_demo_users_and_a_full_catalogue() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (storage, pool) = fresh_db(&dir).await?;
    let report = seed::seed(&storage, &options(12)).await?;
    assert_eq!(report.customers, 24, "per partner");
    for (email, partner, role) in DEMO_USERS {
        let (found_partner, found_role, hash): (String, String, String) = sqlx::query_as(
            "SELECT p.name, u.role, u.password_hash FROM users u JOIN partners p ON p.id = u.partner_id
             WHERE u.email = ?1",
        )
        .bind(email)
        .fetch_one(&pool)
        .await?;
        assert_eq!(
            (found_partner.as_str(), found_role.as_str()),
            (*partner, role.as_str())
        );
        assert!(portal_server::auth::password::verify(DEMO_PASSWORD, &hash)?);
    }
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await }
    };
    assert!(count("SELECT COUNT(*) FROM products").await? >= 5);
    assert!(count("SELECT COUNT(*) FROM news").await? >= 6);
    assert_eq!(
        count("SELECT COUNT(DISTINCT category) FROM resources").await?,
        4
    );
    assert!(count("SELECT COUNT(*) FROM resources").await? >= 20);
    assert!(count("SELECT COUNT(*) FROM courses").await? > 0);
    assert!(count("SELECT COUNT(*) FROM support_cases").await? > 0);
    assert!(count("SELECT COUNT(*) FROM invoices WHERE kind = 'consolidated'").await? > 0);
    // Renewals fall in the next twelve months.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM renewals WHERE due_on <= '2026-05-04' OR due_on > '2027-05-05'"
        )
        .await?,
        0
    );
    // Every reference holds.
    assert_eq!(
        count("SELECT COUNT(*) FROM pragma_foreign_key_check").await?,
        0
    );
    Ok(())
}

#[tokio::test]
async fn every_seeded_record_is_in_the_change_log_with_its_own_version() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (storage, pool) = fresh_db(&dir).await?;
    let report = seed::seed(&storage, &options(30)).await?;
    assert_eq!(report.prospects, 2 * 30 + 11, "generated plus named");
    assert!(report.deals > 8);
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await }
    };
    // Per firm: one row per record of its own, one per shared record.
    for (table, entity, scope) in [
        ("prospects", "prospect", "t.partner_id = p.id"),
        ("deals", "deal", "t.partner_id = p.id"),
        ("customers", "customer", "t.partner_id = p.id"),
        ("invoices", "invoice", "t.partner_id = p.id"),
        ("support_cases", "support_case", "t.partner_id = p.id"),
        (
            "subscriptions",
            "subscription",
            "t.customer_id IN (SELECT id FROM customers WHERE partner_id = p.id)",
        ),
        (
            "renewals",
            "renewal",
            "t.subscription_id IN (SELECT s.id FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.partner_id = p.id)",
        ),
        ("products", "product", "1"),
        ("news", "news", "1"),
        // Only the firms whose tier an item's audience admits.
        (
            "resources",
            "resource",
            "(t.audience_tiers = '[]' OR EXISTS (SELECT 1 FROM json_each(t.audience_tiers) a
                                                  WHERE a.value = p.tier))",
        ),
        ("courses", "course", "1"),
    ] {
        let missing: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM partners p JOIN {table} t ON {scope}
             WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.partner_id = p.id
                               AND c.entity = '{entity}' AND c.record_id = t.id AND c.deleted = 0)"
        ))
        .fetch_one(&pool)
        .await?;
        assert_eq!(missing, 0, "{table} rows missing from the change log");
        let extra: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM change_log c WHERE c.entity = '{entity}'
             AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = c.record_id)"
        ))
        .fetch_one(&pool)
        .await?;
        assert_eq!(extra, 0, "change-log rows of {table} without a record");
    }
    // Versions run 1..=head in each firm, each used once, and the counter holds the head.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM sync_counter s WHERE s.version <> (SELECT COUNT(*) FROM change_log c WHERE c.partner_id = s.partner_id)
                OR s.version <> (SELECT MAX(version) FROM change_log c WHERE c.partner_id = s.partner_id)
                OR (SELECT COUNT(DISTINCT version) FROM change_log c WHERE c.partner_id = s.partner_id) <> s.version"
        )
        .await?,
        0
    );
    assert_eq!(count("SELECT COUNT(*) FROM sync_counter").await?, 2);
    assert_eq!(
        i64::try_from(report.changes)?,
        count("SELECT COUNT(*) FROM change_log").await?
    );
    // The contested domain: Bluefin holds it, approved; Northwind has no prospect with it.
    let holders: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.name, d.status FROM deals d JOIN partners p ON p.id = d.partner_id
         WHERE d.claimed_domain = ?1",
    )
    .bind(seed::CONTESTED_DOMAIN)
    .fetch_all(&pool)
    .await?;
    assert_eq!(
        holders,
        [("Bluefin IT".to_string(), "approved".to_string())]
    );
    let northwind_has_it: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM prospects x JOIN partners p ON p.id = x.partner_id
         WHERE p.name = 'Northwind Solutions' AND x.domain = ?1",
    )
    .bind(seed::CONTESTED_DOMAIN)
    .fetch_one(&pool)
    .await?;
    assert_eq!(northwind_has_it, 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM pragma_foreign_key_check").await?,
        0
    );
    Ok(())
}

#[tokio::test]
async fn a_database_from_before_sync_gets_its_records_into_the_change_log() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (storage, pool) = fresh_db(&dir).await?;
    seed::seed(&storage, &options(6)).await?;
    // As it was before migration 0002: data, but no sync state.
    for table in [
        "past_owners",
        "change_log",
        "sync_counter",
        "deals",
        "prospects",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&pool)
            .await?;
    }
    let migration = include_str!("../../migrations/sqlite/0002_sync.sql");
    let backfill = &migration[migration
        .find("-- A database that already holds data")
        .expect("the backfill")..];
    // The old marketing resources' table is gone (migration 0005 replaced it); the resources of
    // today are logged per audience when they are published, never by this backfill.
    let backfill = backfill.replace(
        "marketing_resources x",
        "(SELECT id FROM resources WHERE 0) x",
    );
    sqlx::raw_sql(&backfill).execute(&pool).await?;

    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await }
    };
    let expected = count(
        "SELECT (SELECT COUNT(*) FROM partners) * ((SELECT COUNT(*) FROM products)
                + (SELECT COUNT(*) FROM news) + (SELECT COUNT(*) FROM courses))
              + (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM subscriptions)
              + (SELECT COUNT(*) FROM renewals) + (SELECT COUNT(*) FROM invoices)
              + (SELECT COUNT(*) FROM support_cases)",
    )
    .await?;
    assert_eq!(count("SELECT COUNT(*) FROM change_log").await?, expected);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM sync_counter s WHERE s.version <>
                 (SELECT COUNT(DISTINCT version) FROM change_log c WHERE c.partner_id = s.partner_id)
              OR s.version <> (SELECT MAX(version) FROM change_log c WHERE c.partner_id = s.partner_id)"
        )
        .await?,
        0,
        "versions 1..=head per firm, and the counter at the head"
    );
    assert_eq!(count("SELECT COUNT(*) FROM sync_counter").await?, 2);
    Ok(())
}
