//! A pulled page applied at once (a few statements for the whole page) leaves the cache exactly
//! as the same changes applied one by one: the server copies, the list rows, the short-search
//! counts and what the trigram indexes find.

use chrono::NaiveDate;
use portal_client::{
    lists::{grams, refold},
    store::{names::put_person, Cache},
    sync::page::{apply_page, PreparedPage, PulledChange},
    testing::sample,
};
use portal_core::{
    deal::DealStatus,
    ids::{DealId, UserId},
    money::{Currency, Money},
    prospect::Prospect,
    registration::Deal,
    sync::{Change, Entity},
};
use serde_json::json;
use sqlx::SqliteConnection;
use std::collections::HashSet;
use uuid::Uuid;

const SCOPE: &str = "scope";

fn prospect(p: &Prospect, version: i64) -> Change {
    Change {
        entity: Entity::Prospect,
        id: p.id.0,
        version,
        body: Some(serde_json::to_value(p).unwrap()),
    }
}

fn deal(n: u128, prospect: &Prospect, number: Option<&str>, version: i64) -> Change {
    let d = Deal {
        id: DealId::from_uuid(Uuid::from_u128(0xd000 + n)),
        number: number.map(str::to_owned),
        prospect_id: prospect.id,
        products: vec!["Bastion Archive".into()],
        estimated_value: Money::new(1_000 + n as i64, Currency::parse("USD").unwrap()),
        expected_close: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        notes: String::new(),
        owner_id: prospect.owner_id,
        status: DealStatus::Draft,
        status_reason: None,
        submitted_on: None,
        decided_on: None,
        expires_on: None,
    };
    Change {
        entity: Entity::Deal,
        id: d.id.0,
        version,
        body: Some(serde_json::to_value(&d).unwrap()),
    }
}

fn gone(entity: Entity, id: Uuid, version: i64) -> Change {
    Change {
        entity,
        id,
        version,
        body: None,
    }
}

/// Everything a page changes, read back (list rows without their rowids).
async fn contents(conn: &mut SqliteConnection) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT scope, entity, id, server_version, server_body, overlay, local_body
         FROM record ORDER BY scope, entity, id",
        "SELECT scope, id, company_name, domain, sector, mailboxes, status, status_rank,
           owner_id, owner_name, pending, search FROM prospect ORDER BY scope, id",
        "SELECT scope, id, number, prospect_id, prospect_name, domain, value_minor,
           currency, expected_close, status, status_rank, status_reason, expires_on,
           owner_id, waiting, pending, search FROM deal ORDER BY scope, id",
        "SELECT scope, gram, status_rank, owner_id, n FROM prospect_gram WHERE n <> 0
         ORDER BY scope, gram, status_rank, owner_id",
        // What the trigram indexes find, by id.
        "SELECT p.id, p.search FROM prospect_fts JOIN prospect p ON p.seq = prospect_fts.rowid
         WHERE prospect_fts MATCH '\"ltd\"' ORDER BY p.id",
        "SELECT d.id, d.search FROM deal_fts JOIN deal d ON d.seq = deal_fts.rowid
         WHERE deal_fts MATCH '\"dr-\"' ORDER BY d.id",
    ] {
        let rows: Vec<sqlx::sqlite::SqliteRow> =
            sqlx::query(sql).fetch_all(&mut *conn).await.unwrap();
        for row in rows {
            use sqlx::{Row, ValueRef};
            let cells: Vec<String> = (0..row.len())
                .map(|i| {
                    let raw = row.try_get_raw(i).unwrap();
                    if raw.is_null() {
                        "NULL".into()
                    } else if let Ok(n) = row.try_get::<i64, _>(i) {
                        n.to_string()
                    } else {
                        row.try_get::<String, _>(i).unwrap()
                    }
                })
                .collect();
            out.push(cells.join("|"));
        }
    }
    for fts in ["prospect_fts", "deal_fts"] {
        sqlx::query(&format!(
            "INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"
        ))
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    out
}

/// The pages applied at once and change by change leave the same cache.
async fn same_either_way(pages: &[Vec<Change>], expect_at_once: &[bool]) {
    let mut results = Vec::new();
    for at_once in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
        let mut conn = cache.pool().acquire().await.unwrap();
        put_person(
            &mut conn,
            SCOPE,
            &UserId::from_uuid(Uuid::from_u128(1)).to_string(),
            "Ann Owner",
        )
        .await
        .unwrap();
        for (page, expected) in pages.iter().zip(expect_at_once) {
            let pulled: Vec<PulledChange> = page.iter().map(PulledChange::from_change).collect();
            assert_eq!(
                PreparedPage::new(&pulled).at_once(),
                *expected,
                "whether the page goes at once"
            );
            if at_once {
                apply_page(&mut conn, SCOPE, page, &HashSet::new())
                    .await
                    .unwrap();
            } else {
                for change in page {
                    refold::apply_change(&mut conn, SCOPE, change, false)
                        .await
                        .unwrap();
                }
            }
            grams::settle_grams(&mut conn).await.unwrap();
        }
        results.push(contents(&mut conn).await);
    }
    assert!(results[0].len() > 10);
    assert_eq!(results[0], results[1]);
}

#[tokio::test]
async fn a_page_applied_at_once_ends_as_one_applied_change_by_change() {
    let owners: Vec<UserId> = (1..=2)
        .map(|i| UserId::from_uuid(Uuid::from_u128(i)))
        .collect();
    let ps = sample::prospects(12, &owners, 7);
    let mut renamed = ps[1].clone();
    renamed.company_name = "Renamed Ltd".into();
    let mut moved = ps[2].clone();
    moved.owner_id = owners[1];
    moved.status = portal_core::prospect::ProspectStatus::ALL[3];
    let customer = Change {
        entity: Entity::Customer,
        id: Uuid::from_u128(0xc1),
        version: 0,
        body: Some(json!({"id": "c1", "name": "A customer"})),
    };
    let pages = vec![
        // A deal before its prospect, others after; a customer.
        vec![
            deal(1, &ps[0], Some("DR-000001"), 1),
            prospect(&ps[0], 2),
            prospect(&ps[1], 3),
            deal(2, &ps[1], Some("DR-000002"), 4),
            prospect(&ps[2], 5),
            deal(3, &ps[2], None, 6),
            prospect(&ps[3], 7),
            deal(4, &ps[3], Some("DR-000004"), 8),
            customer.clone(),
            prospect(&ps[4], 9),
        ],
        // A rename carried to its deals, a prospect changing owner and status, deletions,
        // a body that does not read, a deal whose prospect left earlier in the page, a
        // tombstone for something never held.
        vec![
            prospect(&renamed, 10),
            prospect(&moved, 11),
            gone(Entity::Prospect, ps[3].id.0, 12),
            deal(5, &ps[3], Some("DR-000005"), 13),
            gone(Entity::Deal, Uuid::from_u128(0xd001), 14),
            Change {
                entity: Entity::Prospect,
                id: ps[4].id.0,
                version: 15,
                body: Some(json!({"id": ps[4].id, "not": "a prospect"})),
            },
            gone(Entity::Customer, Uuid::from_u128(0xc1), 16),
            gone(Entity::Prospect, Uuid::from_u128(0xbad), 17),
            prospect(&ps[5], 18),
        ],
        // A deal whose prospect leaves later in the same page: change by change.
        vec![
            deal(6, &ps[5], Some("DR-000006"), 19),
            gone(Entity::Prospect, ps[5].id.0, 20),
        ],
        // The same record twice: change by change.
        vec![prospect(&ps[6], 21), prospect(&ps[6], 22)],
    ];
    same_either_way(&pages, &[true, true, false, false]).await;
}
