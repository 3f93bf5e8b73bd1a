//! The demo seed: deterministic, idempotent when asked, and sized by the caller.

use anyhow::Result;
use chrono::NaiveDate;
use portal_server::db;
use portal_server::seed::{self, SeedOptions, DEMO_PASSWORD, DEMO_USERS};
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
    "marketing_resources",
    "courses",
];

async fn fresh_db(dir: &tempfile::TempDir) -> Result<SqlitePool> {
    Ok(db::open(&dir.path().join("portal.sqlite")).await?)
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
        today: NaiveDate::from_ymd_opt(2026, 5, 4).expect("a date"),
    }
}

#[tokio::test]
async fn two_seeds_give_the_same_data() -> Result<()> {
    let (a, b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (pa, pb) = (fresh_db(&a).await?, fresh_db(&b).await?);
    let ra = seed::seed(&pa, &options(25)).await?;
    let rb = seed::seed(&pb, &options(25)).await?;
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
    seed::seed(&pa, &options(25)).await?;
    assert_eq!(counts(&pa).await?, counts(&pb).await?);
    Ok(())
}

#[tokio::test]
async fn seed_demo_only_seeds_an_empty_database() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let pool = fresh_db(&dir).await?;
    assert!(!seed::has_partners(&pool).await?);
    let first = seed::seed_if_empty(&pool, &options(5)).await?;
    assert!(first.is_some());
    let before = counts(&pool).await?;
    assert!(seed::seed_if_empty(&pool, &options(9)).await?.is_none());
    assert_eq!(counts(&pool).await?, before);
    Ok(())
}

#[tokio::test]
async fn the_seed_has_the_demo_users_and_a_full_catalogue() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let pool = fresh_db(&dir).await?;
    let report = seed::seed(&pool, &options(12)).await?;
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
        count("SELECT COUNT(DISTINCT category) FROM marketing_resources").await?,
        6
    );
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
