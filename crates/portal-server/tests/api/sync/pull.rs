//! Pulls: a first sync in pages, oldest first, and each role receiving only what it may see.

use super::*;

#[tokio::test]
async fn a_first_sync_pages_through_everything_oldest_first() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;

    let mut all = Vec::new();
    let (mut cursor, mut pages) = (0, 0);
    let head = loop {
        let page = admin.pull_page(cursor, 97).await?;
        pages += 1;
        assert!(page.changes.len() <= 97 && !page.reset);
        if page.more {
            // A page is 97 rows of the log, less the marketing resources not meant for this
            // user (left out of a first sync); the cursor is the last row's, sent or not.
            assert!(page.changes.len() >= 96);
            assert!(page.cursor >= page.changes.last().unwrap().version);
        }
        all.extend(page.changes);
        cursor = page.cursor;
        if !page.more {
            break page.head;
        }
    };
    assert!(pages > 3);
    assert_eq!(cursor, head, "the last page's cursor is the head");
    assert!(
        all.windows(2).all(|w| w[0].version < w[1].version),
        "oldest first, one version per change"
    );
    assert_eq!(
        all.len() as i64,
        head - 1,
        "an administrator receives every change of a fresh firm but the Marketing-only brand guide"
    );
    assert!(all.iter().all(|c| c.body.is_some()), "no tombstones from 0");
    let kinds: BTreeSet<Entity> = all.iter().map(|c| c.entity).collect();
    assert_eq!(
        kinds,
        Entity::ALL
            .into_iter()
            .filter(|e| !matches!(e, Entity::ResourceUse | Entity::LeadDecision))
            .collect(),
        "every kind of record but the uses of resources and decisions on leads, which are \
         pushed and never pulled"
    );

    // Bodies have their documented shapes.
    let prospects: Vec<Prospect> = bodies(&all, Entity::Prospect);
    let deals: Vec<Deal> = bodies(&all, Entity::Deal);
    assert!(prospects.iter().any(|p| p.company_name == "Contoso Ltd"));
    assert!(!prospects
        .iter()
        .any(|p| p.domain.as_str() == CONTESTED_DOMAIN));
    assert!(deals
        .iter()
        .all(|d| d.number.as_deref().unwrap_or("").starts_with("DR-")));
    let product = all.iter().find(|c| c.entity == Entity::Product).unwrap();
    let body = product.body.as_ref().unwrap();
    assert_eq!(body["list_price"]["currency"], "USD");
    assert!(body["price_tiers"].as_array().unwrap().len() > 1);
    assert!(body["term_discounts"].as_array().unwrap().len() == 3);
    assert!(body["active"].is_boolean());
    let renewal = all.iter().find(|c| c.entity == Entity::Renewal).unwrap();
    assert!(renewal.body.as_ref().unwrap()["value"]["minor"].is_i64());
    let news = all.iter().find(|c| c.entity == Entity::News).unwrap();
    serde_json::from_value::<portal_core::api::news::NewsItem>(news.body.clone().unwrap())?;
    let course = all.iter().find(|c| c.entity == Entity::Course).unwrap();
    assert!(course.body.as_ref().unwrap()["assessment"].is_boolean());

    // Nothing new: an empty page at the head. Limits are capped; bad cursors are refused.
    let idle = admin.pull_page(head, 10).await?;
    assert_eq!(
        (idle.changes.len(), idle.cursor, idle.more),
        (0, head, false)
    );
    let big = admin.pull_page(0, 1_000_000).await?;
    assert!(big.changes.len() <= MAX_PAGE as usize);
    for bad in ["?after=-1", "?after=soon", ""] {
        let reply = admin.get(&format!("/api/v1/sync/changes{bad}")).await?;
        assert_eq!(
            (reply.status.as_u16(), reply.kind()),
            (422, "invalid_input"),
            "{bad}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn each_role_receives_only_what_it_may_see() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let (everything, _) = admin.pull(0).await?;
    let (mine, cursor) = sales.pull(0).await?;

    let all_prospects: Vec<Prospect> = bodies(&everything, Entity::Prospect);
    let owners: BTreeSet<UserId> = all_prospects.iter().map(|p| p.owner_id).collect();
    assert!(
        owners.len() >= 3,
        "the administrator sees everyone's: {owners:?}"
    );
    let my_prospects: Vec<Prospect> = bodies(&mine, Entity::Prospect);
    assert!(!my_prospects.is_empty());
    assert!(my_prospects.iter().all(|p| p.owner_id == sales.user));
    let my_deals: Vec<Deal> = bodies(&mine, Entity::Deal);
    assert!(my_deals.iter().all(|d| d.owner_id == sales.user));
    assert!(
        mine.iter().all(|c| c.body.is_some()),
        "no tombstones from 0"
    );
    let kinds: BTreeSet<Entity> = mine.iter().map(|c| c.entity).collect();
    for hidden in [
        Entity::Customer,
        Entity::Subscription,
        Entity::Renewal,
        Entity::Invoice,
        Entity::SupportCase,
    ] {
        assert!(!kinds.contains(&hidden), "{hidden:?} is for administrators");
    }
    for shared in [
        Entity::Product,
        Entity::News,
        Entity::Resource,
        Entity::Course,
    ] {
        assert!(kinds.contains(&shared), "{shared:?} is for everyone");
    }

    // A colleague's prospect can be neither changed nor created on their behalf.
    let theirs = all_prospects
        .iter()
        .find(|p| p.owner_id != sales.user)
        .unwrap();
    let version = latest(&everything, *theirs.id.as_uuid()).unwrap().version;
    let outcome = sales
        .push_one(
            Entity::Prospect,
            *theirs.id.as_uuid(),
            update(version, json!({"notes": "mine now"})),
        )
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Forbidden);
    let for_boss = new_prospect(theirs.owner_id, "Gift Ltd", "gift.example");
    let outcome = sales
        .push_one(Entity::Prospect, *for_boss.id.as_uuid(), create(&for_boss))
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Forbidden);
    // Nor given away.
    let own = &my_prospects[0];
    let version = latest(&mine, *own.id.as_uuid()).unwrap().version;
    let outcome = sales
        .push_one(
            Entity::Prospect,
            *own.id.as_uuid(),
            update(version, json!({"owner_id": theirs.owner_id})),
        )
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Forbidden);

    // When the administrator gives the sales user's prospect to someone else, it leaves the sales
    // user's copy as a tombstone.
    let mut admin = admin;
    let outcome = admin
        .push_one(
            Entity::Prospect,
            *own.id.as_uuid(),
            update(version, json!({"owner_id": admin.user})),
        )
        .await?;
    applied(&outcome);
    // A change to a colleague's prospect is not sent to the sales user at all.
    let version = latest(&everything, *theirs.id.as_uuid()).unwrap().version;
    applied(
        &admin
            .push_one(
                Entity::Prospect,
                *theirs.id.as_uuid(),
                update(version, json!({"notes": "Board meets in March"})),
            )
            .await?,
    );
    let (after, _) = sales.pull(cursor).await?;
    let gone = latest(&after, *own.id.as_uuid()).context("the reassignment is pulled")?;
    assert_eq!(gone.body, None, "a tombstone");
    assert_eq!(
        after.len(),
        1,
        "nothing about records never owned: {after:?}"
    );
    // Once it is theirs again, it comes back whole.
    let version = gone.version;
    applied(
        &admin
            .push_one(
                Entity::Prospect,
                *own.id.as_uuid(),
                update(version, json!({"owner_id": sales.user})),
            )
            .await?,
    );
    let (back, _) = sales.pull(cursor).await?;
    assert!(latest(&back, *own.id.as_uuid()).unwrap().body.is_some());
    Ok(())
}
