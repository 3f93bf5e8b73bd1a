//! Uses pushed through the sync engine: stored once per record id, refused for what the user may
//! not see, never pulled, and counted for the vendor per item, firm and month.

use super::*;
use crate::support::{applied, create, refused, today};
use chrono::{Duration, Utc};
use portal_core::resources::publish::UsageRow;
use portal_core::resources::{ResourceUse, UseKind};
use portal_core::sync::{Entity, MutationOp};
use portal_core::ErrorKind;
use portal_server::seed::library;

fn used(item: &Resource, kind: UseKind, days_ago: i64) -> ResourceUse {
    ResourceUse {
        resource_id: item.id,
        version: item.version,
        sha256: item.files[0].sha256.clone(),
        kind,
        at: Utc::now() - Duration::days(days_ago),
    }
}

async fn usage(vendor: &Vendor, query: &str) -> Result<Vec<UsageRow>> {
    let reply = vendor
        .get(&format!("/api/v1/vendor/resources/usage{query}"))
        .await?;
    anyhow::ensure!(reply.status == 200, "usage{query}: {reply:?}");
    Ok(serde_json::from_value(reply.body)?)
}

fn totals(rows: &[UsageRow]) -> (u64, u64, u64) {
    rows.iter().fold((0, 0, 0), |(d, o, s), r| {
        (d + r.downloads, o + r.opens, s + r.shares)
    })
}

#[tokio::test]
async fn uses_are_counted_once_per_record_and_never_pulled() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let mut bluefin = Installation::sign_in(&server, "admin@bluefin.example").await?;
    let nw = library(&sales).await?;
    let bf = library(&bluefin).await?;
    let card = &nw[library::VERSIONED];
    let sheet = &nw["Bastion Archive data sheet"];
    let (_, cursor) = pull_resources(&sales, 0).await?;

    // Northwind: a download and an open of the card (40 days ago and today), a share of the sheet.
    let download = Uuid::now_v7();
    let outcomes = sales
        .push(vec![
            (
                Entity::ResourceUse,
                download,
                create(&used(card, UseKind::Download, 40)),
            ),
            (
                Entity::ResourceUse,
                Uuid::now_v7(),
                create(&used(card, UseKind::Open, 0)),
            ),
            (
                Entity::ResourceUse,
                Uuid::now_v7(),
                create(&used(sheet, UseKind::Share, 0)),
            ),
        ])
        .await?;
    for o in &outcomes {
        applied(o);
    }
    // The same use sent again (a new mutation after a lost answer): applied, counted once.
    let again = sales
        .push_one(
            Entity::ResourceUse,
            download,
            create(&used(card, UseKind::Download, 40)),
        )
        .await?;
    applied(&again);
    // And the same batch repeated is answered from the record of its outcomes.
    let req = sales.batch(vec![(
        Entity::ResourceUse,
        Uuid::now_v7(),
        create(&used(&bf[library::QUOTERS_ONLY], UseKind::Download, 0)),
    )]);
    let first = sales.send(&req).await?;
    let second = sales.send(&req).await?;
    assert_eq!((first.status.as_u16(), &first.body), (200, &second.body));
    // Bluefin: one download of the card (its own copy of it).
    applied(
        &bluefin
            .push_one(
                Entity::ResourceUse,
                Uuid::now_v7(),
                create(&used(&bf[library::VERSIONED], UseKind::Download, 0)),
            )
            .await?,
    );

    // Refused: an item not meant for the user, an unknown one, a file it never had, a change.
    let marketing =
        library(&Installation::sign_in(&server, "marketing@northwind.example").await?).await?;
    let not_mine = used(&marketing[library::MARKETING_ONLY], UseKind::Download, 0);
    let mut unknown = used(card, UseKind::Download, 0);
    unknown.resource_id = "0191d2c0-0000-7000-8000-000000000001".parse()?;
    let mut wrong_file = used(card, UseKind::Open, 0);
    wrong_file.sha256 = sheet.files[0].sha256.clone();
    let mut future_version = used(card, UseKind::Open, 0);
    future_version.version = 9;
    for (body, expected) in [
        (not_mine, "resource_id"),
        (unknown, "resource_id"),
        (wrong_file, "sha256"),
        (future_version, "sha256"),
    ] {
        let outcome = sales
            .push_one(Entity::ResourceUse, Uuid::now_v7(), create(&body))
            .await?;
        let error = refused(&outcome);
        assert_eq!(
            (error.kind, error.field.as_deref()),
            (ErrorKind::InvalidInput, Some(expected))
        );
        assert!(!error.message.is_empty());
    }
    // The thumbnail, and the first version's file of the card, count too.
    let thumb = ResourceUse {
        sha256: card.thumbnail.clone().expect("a thumbnail").sha256,
        ..used(card, UseKind::Open, 0)
    };
    applied(
        &sales
            .push_one(Entity::ResourceUse, Uuid::now_v7(), create(&thumb))
            .await?,
    );
    let change = sales
        .push_one(
            Entity::ResourceUse,
            download,
            MutationOp::Delete { base_version: 0 },
        )
        .await?;
    assert_eq!(refused(&change).kind, ErrorKind::Forbidden);
    // Never pulled back (pull_resources fails on any resource_use).
    pull_resources(&sales, cursor).await?;
    pull_resources(&sales, 0).await?;

    // The vendor's counts.
    let by_item = usage(&vendor, "").await?;
    let card_row = by_item
        .iter()
        .find(|r| r.resource_id == Some(card.id))
        .expect("the card is counted");
    assert_eq!(card_row.title.as_deref(), Some(library::VERSIONED));
    assert_eq!(
        (card_row.downloads, card_row.opens, card_row.shares),
        (2, 2, 0)
    );
    assert_eq!(by_item[0].resource_id, Some(card.id), "busiest first");
    assert_eq!(totals(&by_item), (3, 2, 1));
    let by_firm = usage(&vendor, "?by=firm").await?;
    let firms: Vec<_> = by_firm
        .iter()
        .map(|r| {
            (
                r.firm.as_deref().unwrap_or(""),
                r.downloads + r.opens + r.shares,
            )
        })
        .collect();
    assert_eq!(firms, [("Northwind Solutions", 5), ("Bluefin IT", 1)]);
    assert!(by_firm
        .iter()
        .all(|r| r.resource_id.is_none() && r.month.is_none()));
    let by_month = usage(&vendor, "?by=month").await?;
    let this_month = today().format("%Y-%m").to_string();
    let earlier = (Utc::now() - Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let months: Vec<_> = by_month
        .iter()
        .map(|r| r.month.clone().unwrap_or_default())
        .collect();
    assert_eq!(months, [earlier, this_month.clone()]);
    // Between two days.
    let recent = usage(
        &vendor,
        &format!("?by=item&from={}", today() - Duration::days(1)),
    )
    .await?;
    assert_eq!(totals(&recent), (2, 2, 1));
    let old = usage(&vendor, &format!("?to={}", today() - Duration::days(30))).await?;
    assert_eq!(totals(&old), (1, 0, 0));
    for bad in [
        "?by=week",
        "?from=yesterday",
        "?from=2026-12-02&to=2026-12-01",
    ] {
        let reply = vendor
            .get(&format!("/api/v1/vendor/resources/usage{bad}"))
            .await?;
        assert_eq!(
            (reply.status.as_u16(), reply.kind()),
            (422, "invalid_input"),
            "{bad}"
        );
    }
    // A withdrawn item's counts stay.
    vendor.withdraw(card.id).await?;
    assert_eq!(totals(&usage(&vendor, "").await?), (3, 2, 1));
    Ok(())
}
