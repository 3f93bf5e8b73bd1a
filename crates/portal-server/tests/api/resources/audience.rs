//! Who receives which item: a firm whose tier an item is not for never gets a change-log row for
//! it; a user whose role it is not for never gets its body. Narrowing the audience and withdrawing
//! take the item away (tombstones); expired items keep coming with their dates.

use super::*;
use crate::support::{database, today};
use portal_core::resources::file_path;
use portal_server::seed::library;

/// How many change-log rows (live or not) the firm of `user` has for the item.
async fn log_rows(server: &TestServer, user: &Installation, id: Uuid) -> Result<i64> {
    let db = database(server).await?;
    let n = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE partner_id = ?1 AND entity = 'resource'
         AND record_id = ?2",
    )
    .bind(user.partner.to_string())
    .bind(id.to_string())
    .fetch_one(&db)
    .await?;
    db.close().await;
    Ok(n)
}

#[tokio::test]
async fn a_tier_or_role_an_item_is_not_for_never_receives_it() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let nw_admin = Installation::sign_in(&server, "admin@northwind.example").await?;
    let nw_sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let nw_marketing = Installation::sign_in(&server, "marketing@northwind.example").await?;
    let nw_dealreg = Installation::sign_in(&server, "dealreg@northwind.example").await?;
    let bf_admin = Installation::sign_in(&server, "admin@bluefin.example").await?;

    let has = |items: &BTreeMap<String, Resource>, title: &str| items.contains_key(title);
    let admin = library(&nw_admin).await?;
    let sales = library(&nw_sales).await?;
    let marketing = library(&nw_marketing).await?;
    let dealreg = library(&nw_dealreg).await?;
    let silver = library(&bf_admin).await?;
    assert!(admin.len() >= 20, "a real library: {}", admin.len());
    // Tiers: Northwind is Gold, Bluefin Silver.
    for gold in [library::GOLD_AND_PLATINUM, library::GOLD_ONLY] {
        assert!(has(&admin, gold) && has(&sales, gold));
        assert!(!has(&silver, gold), "{gold} is not for a Silver firm");
        let id = *admin[gold].id.as_uuid();
        assert_eq!(
            log_rows(&server, &bf_admin, id).await?,
            0,
            "not even logged"
        );
    }
    // Roles.
    assert!(has(&marketing, library::MARKETING_ONLY));
    for other in [&admin, &sales, &dealreg, &silver] {
        assert!(!has(other, library::MARKETING_ONLY));
    }
    assert!(has(&admin, library::QUOTERS_ONLY) && has(&sales, library::QUOTERS_ONLY));
    assert!(has(&silver, library::QUOTERS_ONLY));
    assert!(!has(&marketing, library::QUOTERS_ONLY) && !has(&dealreg, library::QUOTERS_ONLY));

    // The bodies: four categories, products named from the price book, the dates, the versions.
    let categories: std::collections::BTreeSet<_> = admin.values().map(|r| r.category).collect();
    assert_eq!(categories.len(), 4);
    let card = &admin[library::VERSIONED];
    assert_eq!(card.version, 2);
    assert_eq!(card.versions.len(), 2);
    assert!(!card.versions[1].note.is_empty());
    assert!(card.updated_at() > card.published_at);
    assert!(card
        .products
        .iter()
        .any(|p| p.sku == "BM-GW" && p.name == "Bastion Email Security Gateway"));
    // Expired items still come, with their expiry date: the app shows them expired.
    let expired = &admin[library::EXPIRED];
    assert!(expired.is_expired(today()) && !expired.may_share(today()));
    assert!(admin.values().filter(|r| r.is_expired(today())).count() == 1);
    assert!(admin
        .values()
        .all(|r| r.thumbnail.is_some() && !r.files.is_empty()));
    let pack = &admin["Bastion Mail logo pack"];
    assert_eq!(pack.files[0].media_type, "application/zip");
    assert!(pack.files.iter().any(|f| f.media_type == "image/svg+xml"));

    // A new item for Gold firms' Marketing: after a cursor, the marketing user receives it, a
    // colleague gets only a tombstone, and the Silver firm nothing at all.
    let (_, m_cursor) = pull_resources(&nw_marketing, 0).await?;
    let (_, s_cursor) = pull_resources(&nw_sales, 0).await?;
    let (_, b_cursor) = pull_resources(&bf_admin, 0).await?;
    let vendor = Vendor::sign_in(&server).await?;
    let item = vendor
        .publish_simple(
            "Gold co-marketing fund",
            json!({"roles": ["marketing"], "tiers": ["gold", "platinum"]}),
        )
        .await?;
    let id = *item.resource.id.as_uuid();
    let (seen, _) = pull_resources(&nw_marketing, m_cursor).await?;
    assert_eq!(seen[&id].as_ref(), Some(&item.resource));
    let (seen, _) = pull_resources(&nw_sales, s_cursor).await?;
    assert_eq!(
        seen.get(&id),
        Some(&None),
        "a bodiless tombstone for another role"
    );
    let (seen, _) = pull_resources(&bf_admin, b_cursor).await?;
    assert!(
        !seen.contains_key(&id),
        "nothing for a firm of another tier"
    );
    assert_eq!(log_rows(&server, &bf_admin, id).await?, 0);
    let file = file_path(item.resource.id, &item.resource.files[0].sha256);
    assert_eq!(fetch(&nw_marketing, &file, &[]).await?.0, 200);
    assert_eq!(fetch(&nw_sales, &file, &[]).await?.0, 404);
    assert_eq!(fetch(&bf_admin, &file, &[]).await?.0, 404);
    Ok(())
}

#[tokio::test]
async fn narrowing_the_audience_or_withdrawing_takes_the_item_away() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let nw = Installation::sign_in(&server, "sales@northwind.example").await?;
    let bf_admin = Installation::sign_in(&server, "admin@bluefin.example").await?;
    let bf_sales = Installation::sign_in(&server, "sales@bluefin.example").await?;
    let item = vendor
        .publish_simple("Renewal talk track", json!({}))
        .await?;
    let id = *item.resource.id.as_uuid();
    let mut cursors = Vec::new();
    for user in [&nw, &bf_admin, &bf_sales] {
        let (seen, cursor) = pull_resources(user, 0).await?;
        assert!(seen[&id].is_some(), "everyone has it");
        cursors.push(cursor);
    }

    // Version 2 is for Silver firms' administrators only.
    let next = vendor
        .upload(
            "Renewal-talk-track-v2.pdf",
            "application/pdf",
            b"%PDF-1.7 v2".to_vec(),
        )
        .await?;
    let v2 = vendor
        .replace(
            id,
            json!({"files": [next.sha256], "note": "For Silver administrators now.",
                   "audience": {"tiers": ["silver"], "roles": ["administrator"]}}),
        )
        .await?;
    assert_eq!(v2.resource.version, 2);
    let (seen, c0) = pull_resources(&nw, cursors[0]).await?;
    assert_eq!(seen.get(&id), Some(&None), "the Gold firm's copy drops it");
    let (seen, c1) = pull_resources(&bf_admin, cursors[1]).await?;
    assert_eq!(seen[&id].as_ref().map(|r| r.version), Some(2));
    let (seen, c2) = pull_resources(&bf_sales, cursors[2]).await?;
    assert_eq!(
        seen.get(&id),
        Some(&None),
        "the Silver firm's sales user's copy drops it"
    );
    for user in [&nw, &bf_sales] {
        assert!(!pull_resources(user, 0).await?.0.contains_key(&id));
    }

    // Withdrawn: it leaves every copy, its files are no longer served, and it cannot be replaced.
    let withdrawn = vendor.withdraw(id).await?;
    assert!(withdrawn.withdrawn_at.is_some());
    assert_eq!(withdrawn.status.as_str(), "withdrawn");
    assert_eq!(
        vendor.withdraw(id).await?.withdrawn_at,
        withdrawn.withdrawn_at
    );
    let (seen, _) = pull_resources(&bf_admin, c1).await?;
    assert_eq!(seen.get(&id), Some(&None));
    for (user, cursor) in [(&nw, c0), (&bf_sales, c2)] {
        let (seen, _) = pull_resources(user, cursor).await?;
        assert!(seen.get(&id).is_none_or(|body| body.is_none()));
    }
    for user in [&nw, &bf_admin, &bf_sales] {
        assert!(!pull_resources(user, 0).await?.0.contains_key(&id));
    }
    let file = file_path(item.resource.id, &next.sha256);
    assert_eq!(fetch(&bf_admin, &file, &[]).await?.0, 404);
    let again = vendor
        .post(
            &format!("/api/v1/vendor/resources/{id}/versions"),
            json!({"files": [next.sha256], "note": "Back again"}),
        )
        .await?;
    assert_eq!((again.status.as_u16(), again.kind()), (409, "conflict"));
    Ok(())
}
