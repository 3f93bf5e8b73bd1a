//! The library's list rows and query: projected from pulled copies, dropped by tombstones,
//! filtered, searched word by word, sorted and paged, with their facets; announcements.

use super::*;
use crate::store::Cache;
use chrono::{Duration, TimeZone, Utc};
use portal_core::{
    ids::ResourceId,
    resources::{ProductTag, ResourceFile, Sha256, VersionNote},
};
use uuid::Uuid;

fn hash(n: u8) -> Sha256 {
    Sha256::from_digest(&[n; 32])
}

fn item(n: u8, category: Category, title: &str, sku: &str, media: &str) -> Resource {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap() + Duration::days(i64::from(n));
    Resource {
        id: ResourceId::from_uuid(Uuid::from_u128(u128::from(n))),
        category,
        title: title.into(),
        summary: format!("Summary of {title}"),
        description: "Plain words".into(),
        products: vec![ProductTag {
            sku: sku.into(),
            name: format!("Product {sku}"),
        }],
        files: vec![ResourceFile {
            name: format!("file-{n}.bin"),
            media_type: media.into(),
            size: 100 + u64::from(n),
            sha256: hash(n),
        }],
        thumbnail: None,
        version: 1,
        versions: vec![VersionNote {
            version: 1,
            published_at: at,
            note: String::new(),
        }],
        published_at: at,
        review_on: None,
        expires_on: None,
    }
}

/// What a pulled change does to the list (the pull's own path is tested with the real server).
async fn pull(conn: &mut SqliteConnection, r: Option<&Resource>, id: u8) {
    match r {
        Some(r) => put_resource(conn, "me", r).await.unwrap(),
        None => {
            sqlx::query("DELETE FROM resource WHERE scope = 'me' AND id = ?1")
                .bind(Uuid::from_u128(u128::from(id)).to_string())
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
}

fn q(category: Option<Category>, search: &str) -> ResourceQuery {
    ResourceQuery {
        category,
        search: search.into(),
        ..ResourceQuery::default()
    }
}

#[tokio::test]
async fn the_library_filters_searches_sorts_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
    let mut conn = cache.pool().acquire().await.unwrap();
    let items = [
        item(
            1,
            Category::SalesTools,
            "Gateway battle card",
            "BM-GW",
            "application/pdf",
        ),
        item(
            2,
            Category::SalesTools,
            "Archive pitch deck",
            "BM-AR",
            "application/vnd.ms-powerpoint",
        ),
        item(
            3,
            Category::BrandingLogos,
            "Logo pack",
            "BM-GW",
            "application/zip",
        ),
        item(
            4,
            Category::SalesTools,
            "ROI calculator",
            "BM-GW",
            "text/csv",
        ),
    ];
    for (i, r) in items.iter().enumerate() {
        pull(&mut conn, Some(r), i as u8 + 1).await;
    }
    let titles = |rows: &[Row]| rows.iter().map(|r| r.title.clone()).collect::<Vec<_>>();

    // What's New: every category, newest first, whatever sort is asked.
    let mut whats_new = q(None, "");
    whats_new.sort = ResourceSort::Title;
    let (total, rows, products, types) = query(&mut conn, "me", &whats_new).await.unwrap();
    assert_eq!(total, 4);
    assert_eq!(
        titles(&rows),
        [
            "ROI calculator",
            "Logo pack",
            "Archive pitch deck",
            "Gateway battle card"
        ]
    );
    assert_eq!(products.len(), 2);
    assert_eq!(types.len(), 4);

    // A category by title, paged.
    let mut sales = q(Some(Category::SalesTools), "");
    sales.sort = ResourceSort::Title;
    sales.limit = 2;
    let (total, rows, ..) = query(&mut conn, "me", &sales).await.unwrap();
    assert_eq!(total, 3);
    assert_eq!(titles(&rows), ["Archive pitch deck", "Gateway battle card"]);
    sales.offset = 2;
    let (_, rows, ..) = query(&mut conn, "me", &sales).await.unwrap();
    assert_eq!(titles(&rows), ["ROI calculator"]);

    // Every word somewhere, any case, short words too; product names and file names count.
    for (search, expect) in [
        ("BATTLE gate", vec!["Gateway battle card"]),
        ("card bm-gw", vec!["Gateway battle card"]),
        ("roi ul", vec!["ROI calculator"]),
        ("file-3.bin", vec!["Logo pack"]),
        ("product bm-ar", vec!["Archive pitch deck"]),
        ("gateway nothing", vec![]),
    ] {
        let (total, rows, ..) = query(&mut conn, "me", &q(None, search)).await.unwrap();
        assert_eq!(titles(&rows), expect, "searching {search}");
        assert_eq!(total as usize, expect.len());
    }

    // Product and type filters; the facets do not shrink to the choice.
    let mut gw = q(Some(Category::SalesTools), "");
    gw.product = Some("BM-GW".into());
    let (total, _, products, _) = query(&mut conn, "me", &gw).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(products.len(), 2);
    gw.file_type = Some(FileType::Spreadsheet);
    let (_, rows, ..) = query(&mut conn, "me", &gw).await.unwrap();
    assert_eq!(titles(&rows), ["ROI calculator"]);

    // A tombstone takes the row away, and its search text with it.
    pull(&mut conn, None, 1).await;
    let (total, ..) = query(&mut conn, "me", &q(None, "battle")).await.unwrap();
    assert_eq!(total, 0);
    // A new version changes the row in place.
    let mut v2 = items[1].clone();
    v2.title = "Archive pitch deck 2027".into();
    v2.version = 2;
    pull(&mut conn, Some(&v2), 2).await;
    let (_, rows, ..) = query(&mut conn, "me", &q(None, "2027")).await.unwrap();
    assert_eq!(rows[0].version, 2);
}

#[tokio::test]
async fn items_arriving_after_the_first_sync_are_announced_once() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
    let mut conn = cache.pool().acquire().await.unwrap();
    // The first sync: nothing to announce.
    pull(
        &mut conn,
        Some(&item(
            1,
            Category::SalesTools,
            "One",
            "A",
            "application/pdf",
        )),
        1,
    )
    .await;
    library_synced(&mut conn, "me").await.unwrap();
    assert!(take_announcements(&mut conn, "me")
        .await
        .unwrap()
        .is_empty());
    // Later: a new item is announced once; a new version of a known one is not.
    pull(
        &mut conn,
        Some(&item(
            2,
            Category::SalesTools,
            "Two",
            "A",
            "application/pdf",
        )),
        2,
    )
    .await;
    let mut one = item(1, Category::SalesTools, "One v2", "A", "application/pdf");
    one.version = 2;
    pull(&mut conn, Some(&one), 1).await;
    let ids = take_announcements(&mut conn, "me").await.unwrap();
    assert_eq!(ids, [Uuid::from_u128(2).to_string()]);
    assert!(take_announcements(&mut conn, "me")
        .await
        .unwrap()
        .is_empty());
    // Withdrawn and published again (or brought back by a reset): known, not announced again.
    pull(&mut conn, None, 2).await;
    pull(
        &mut conn,
        Some(&item(
            2,
            Category::SalesTools,
            "Two",
            "A",
            "application/pdf",
        )),
        2,
    )
    .await;
    assert!(take_announcements(&mut conn, "me")
        .await
        .unwrap()
        .is_empty());

    // What's New counts by the last look.
    assert_eq!(count_new(&mut conn, "me", None).await.unwrap(), 2);
    let seen = item(1, Category::SalesTools, "x", "A", "application/pdf").published_at;
    set_seen_at(&mut conn, "me", seen).await.unwrap();
    assert_eq!(seen_at(&mut conn, "me").await.unwrap(), Some(seen));
    assert_eq!(count_new(&mut conn, "me", Some(seen)).await.unwrap(), 1);
}
