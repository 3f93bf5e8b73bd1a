//! A first sync in large pages (fetched ahead, the lists' indexes set aside) against a server
//! seeded with a large firm.

use super::*;
use portal_core::shell::commands::SignIn;
use portal_server::seed::{self, SeedOptions, DEMO_PASSWORD};

/// A first sync in large pages (fetched ahead, the lists' indexes set aside) leaves the cache
/// whole: every index back, the trigram indexes and the short-search counts in step.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_first_sync_leaves_every_index_and_count_in_step() {
    let mut server = TestServer::spawn_seeded().await.unwrap();
    server.stop().await.unwrap();
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(server.database_path()),
    )
    .await
    .unwrap();
    seed::seed(
        &pool,
        &SeedOptions {
            prospects_per_partner: 6_000,
            customers_per_partner: 300,
            ..SeedOptions::default()
        },
    )
    .await
    .unwrap();
    pool.close().await;
    server.start().await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let portal = Portal::open(dir.path()).await.unwrap();
    let indexes = |portal: &Portal| {
        let pool = portal.cache().pool().clone();
        async move {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            names
        }
    };
    let before = indexes(&portal).await;
    portal
        .sign_in(SignIn {
            server_url: server.base_url(),
            email: "admin@northwind.example".into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await
        .unwrap();
    let status = portal.sync_now().await.unwrap();
    assert!(status.last_error.is_none(), "{status:?}");

    let pool = portal.cache().pool().clone();
    assert_eq!(indexes(&portal).await, before, "every index is back");
    let set_aside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM set_aside_index")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(set_aside, 0);
    for fts in ["prospect_fts", "deal_fts"] {
        sqlx::query(&format!(
            "INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"
        ))
        .execute(&pool)
        .await
        .unwrap();
    }
    let (records, listed): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM record WHERE entity = 'prospect'),
                (SELECT COUNT(*) FROM prospect)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(listed > 6_000 && listed == records, "{listed} of {records}");
    // Short searches are totalled from the counts, longer ones by the trigram index: both
    // agree with a plain scan.
    for search in ["a", "er", "ltd", "example.net"] {
        let total = portal
            .prospects(ProspectQuery {
                search: search.into(),
                ..ProspectQuery::default()
            })
            .await
            .unwrap()
            .total;
        let scanned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM prospect WHERE instr(search, ?1) > 0")
                .bind(search)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(total, scanned as u64, "{search:?}");
    }
}
