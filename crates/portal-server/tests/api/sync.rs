//! The sync protocol over real HTTP: pull pages and tombstones, pushes and their outcomes, the
//! field merge, idempotence, deal adjudication and expiry, the horizon reset, domain checks, roles.

use crate::support::{applied, create, database, refused, today, Installation};
use anyhow::{Context, Result};
use chrono::Days;
use portal_core::deal::{DealAction, DealStatus};
use portal_core::ids::{DealId, ProspectId, UserId};
use portal_core::prospect::{Prospect, ProspectForm};
use portal_core::registration::{Deal, DealForm};
use portal_core::sales::DomainCheckResponse;
use portal_core::sync::{
    Change, Entity, Mutation, MutationOp, Outcome, PullResponse, PushResponse, MAX_PAGE, MAX_PUSH,
};
use portal_core::ErrorKind;
use portal_server::seed::{CONTESTED_COMPANY, CONTESTED_DOMAIN};
use portal_server::testing::TestServer;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use uuid::Uuid;

/// One installation of the app, signed in as a demo user.
type Client = Installation;

impl Client {
    async fn pull_page(&self, after: i64, limit: u32) -> Result<PullResponse> {
        let reply = self
            .get(&format!("/api/v1/sync/changes?after={after}&limit={limit}"))
            .await?;
        anyhow::ensure!(reply.status == 200, "pull after {after}: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    /// Every page after `after`: the changes, and the cursor to keep.
    async fn pull(&self, after: i64) -> Result<(Vec<Change>, i64)> {
        let (mut changes, mut cursor) = (Vec::new(), after);
        loop {
            let page = self.pull_page(cursor, 1000).await?;
            anyhow::ensure!(!page.reset, "unexpected reset");
            changes.extend(page.changes);
            cursor = page.cursor;
            if !page.more {
                return Ok((changes, cursor));
            }
        }
    }

    async fn domain_check(&self, domain: &str) -> Result<DomainCheckResponse> {
        let reply = self
            .get(&format!("/api/v1/prospects/domain-check?domain={domain}"))
            .await?;
        anyhow::ensure!(reply.status == 200, "{reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }
}

/// A seeded server, and Northwind's salesperson signed in to it on one installation.
async fn seeded_with_sales() -> Result<(TestServer, Client)> {
    let server = TestServer::spawn_seeded().await?;
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    Ok((server, sales))
}

fn new_prospect(owner: UserId, company: &str, domain: &str) -> Prospect {
    let form = ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        mailboxes: "250".into(),
        ..ProspectForm::default()
    };
    form.parse(ProspectId::from_uuid(Uuid::now_v7()), owner)
        .expect("a valid prospect")
}

fn new_deal(owner: UserId, prospect: ProspectId) -> Deal {
    let form = DealForm {
        prospect_id: Some(prospect),
        products: vec!["Bastion Email Security Gateway".into()],
        estimated_value: "12,500".into(),
        expected_close: (today() + Days::new(60)).to_string(),
        ..DealForm::default()
    };
    form.parse(DealId::from_uuid(Uuid::now_v7()), owner, today())
        .expect("a valid deal")
}

fn update(base_version: i64, fields: Value) -> MutationOp {
    MutationOp::Update {
        base_version,
        fields: fields.as_object().expect("an object").clone(),
    }
}

fn act(action: DealAction) -> MutationOp {
    MutationOp::Act {
        base_version: 0,
        action: action.into(),
    }
}

/// The latest change to `id` among `changes`.
fn latest(changes: &[Change], id: Uuid) -> Option<&Change> {
    changes.iter().rev().find(|c| c.id == id)
}

fn bodies<T: serde::de::DeserializeOwned>(changes: &[Change], entity: Entity) -> Vec<T> {
    changes
        .iter()
        .filter(|c| c.entity == entity)
        .filter_map(|c| c.body.clone())
        .map(|b| serde_json::from_value(b).expect("the portal-core shape"))
        .collect()
}

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
            assert_eq!(page.changes.len(), 97);
            assert_eq!(page.cursor, page.changes.last().unwrap().version);
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
        head,
        "an administrator receives every change of a fresh firm"
    );
    assert!(all.iter().all(|c| c.body.is_some()), "no tombstones from 0");
    let kinds: BTreeSet<Entity> = all.iter().map(|c| c.entity).collect();
    assert_eq!(
        kinds,
        Entity::ALL.into_iter().collect(),
        "every kind of record"
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

#[tokio::test]
async fn creates_updates_and_deletes_answer_with_their_outcomes() -> Result<()> {
    let (_server, mut sales) = seeded_with_sales().await?;
    let (_, start) = sales.pull(0).await?;

    let p = new_prospect(sales.user, "Northgate Dental", "northgate-dental.example");
    let id = *p.id.as_uuid();
    let v1 = applied(&sales.push_one(Entity::Prospect, id, create(&p)).await?);
    assert!(v1 > start);
    let v2 = applied(&sales.push_one(Entity::Prospect, id, update(v1, json!({"status": "contacted", "domain": "HTTPS://www.Northgate-Dental.example/"}))).await?);
    assert!(v2 > v1);
    let (changes, cursor) = sales.pull(start).await?;
    let got: Prospect =
        serde_json::from_value(latest(&changes, id).unwrap().body.clone().unwrap())?;
    assert_eq!(latest(&changes, id).unwrap().version, v2);
    assert_eq!(got.status, portal_core::prospect::ProspectStatus::Contacted);
    assert_eq!(
        got.domain.as_str(),
        "northgate-dental.example",
        "normalised"
    );

    // Refusals name the field and the reason.
    let dup = new_prospect(sales.user, "Copycat", "contoso.example");
    let outcome = sales
        .push_one(Entity::Prospect, *dup.id.as_uuid(), create(&dup))
        .await?;
    let e = refused(&outcome);
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("domain"))
    );
    assert!(e.message.contains("Contoso Ltd"), "{e:?}");
    let mut nameless = new_prospect(sales.user, "x", "nameless.example");
    nameless.company_name = " ".into();
    let e = refused(
        &sales
            .push_one(Entity::Prospect, *nameless.id.as_uuid(), create(&nameless))
            .await?,
    )
    .clone();
    assert_eq!(e.field.as_deref(), Some("company_name"));
    let e = refused(
        &sales
            .push_one(
                Entity::Prospect,
                id,
                update(v2, json!({"id": Uuid::now_v7()})),
            )
            .await?,
    )
    .clone();
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    let e = refused(
        &sales
            .push_one(
                Entity::Prospect,
                id,
                update(v2, json!({"mailboxes": "lots"})),
            )
            .await?,
    )
    .clone();
    assert_eq!(e.field.as_deref(), Some("mailboxes"));
    let e = refused(&sales.push_one(Entity::Prospect, id, update(v2, json!({"primary_contact": {"first_name": "", "last_name": "", "email": "bad@", "phone": "", "job_title": ""}}))).await?).clone();
    assert_eq!(e.field.as_deref(), Some("primary_contact.email"));
    let e = refused(
        &sales
            .push_one(Entity::Prospect, Uuid::now_v7(), create(&p))
            .await?,
    )
    .clone();
    assert_eq!(
        e.field.as_deref(),
        Some("id"),
        "the body's id is the mutation's"
    );
    let e = refused(&sales.push_one(Entity::Prospect, id, create(&p)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict, "an id that exists");
    let e = refused(
        &sales
            .push_one(Entity::Product, Uuid::now_v7(), create(&json!({})))
            .await?,
    )
    .clone();
    assert_eq!(e.kind, ErrorKind::Forbidden, "reference data is read-only");
    let e = refused(
        &sales
            .push_one(Entity::Prospect, id, act(DealAction::Submit))
            .await?,
    )
    .clone();
    assert_eq!(e.kind, ErrorKind::InvalidInput);

    // Delete: a tombstone with a new version; the record is gone for good.
    let v3 = applied(
        &sales
            .push_one(
                Entity::Prospect,
                id,
                MutationOp::Delete { base_version: v2 },
            )
            .await?,
    );
    assert!(v3 > v2);
    let (changes, _) = sales.pull(cursor).await?;
    let tomb = latest(&changes, id).unwrap();
    assert_eq!((tomb.version, &tomb.body), (v3, &None));
    let e = refused(
        &sales
            .push_one(Entity::Prospect, id, update(v3, json!({"notes": "?"})))
            .await?,
    )
    .clone();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::NotFound, "This prospect was deleted.")
    );
    assert_eq!(
        applied(
            &sales
                .push_one(
                    Entity::Prospect,
                    id,
                    MutationOp::Delete { base_version: v3 }
                )
                .await?
        ),
        v3
    );
    let e = refused(&sales.push_one(Entity::Prospect, id, create(&p)).await?).clone();
    assert_eq!(e.kind, ErrorKind::NotFound);

    // Too many mutations in one push is a bad request.
    let mut req = sales.batch(Vec::new());
    req.mutations = (0..=MAX_PUSH as i64)
        .map(|i| Mutation {
            mutation_id: 10_000 + i,
            entity: Entity::Prospect,
            id: Uuid::now_v7(),
            op: MutationOp::Delete { base_version: 0 },
        })
        .collect();
    let reply = sales.send(&req).await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (422, "invalid_input")
    );
    Ok(())
}

#[tokio::test]
async fn edits_to_different_fields_merge_and_to_the_same_field_conflict() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut laptop = Client::sign_in(&server, "sales@northwind.example").await?;
    let mut desktop = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = new_prospect(laptop.user, "Cedar Analytics", "cedar-analytics.example");
    let id = *p.id.as_uuid();
    // Created and edited offline before the create's version was known: base 0 is fine.
    let outcomes = laptop
        .push(vec![
            (Entity::Prospect, id, create(&p)),
            (
                Entity::Prospect,
                id,
                update(0, json!({"sector": "Finance"})),
            ),
        ])
        .await?;
    let base = applied(&outcomes[0]);
    applied(&outcomes[1]);
    // The desktop, which never saw the create, does conflict with it.
    let e = desktop
        .push_one(Entity::Prospect, id, update(0, json!({"sector": "Legal"})))
        .await?;
    assert!(matches!(e, Outcome::Conflict { .. }), "{e:?}");
    let base = base + 1;

    // Different fields from both machines against the same version: both kept.
    applied(
        &laptop
            .push_one(
                Entity::Prospect,
                id,
                update(base, json!({"notes": "Call in May"})),
            )
            .await?,
    );
    applied(
        &desktop
            .push_one(
                Entity::Prospect,
                id,
                update(base, json!({"mailboxes": 400})),
            )
            .await?,
    );
    // The same field with another value: a conflict listing both values; the rest still applies.
    let outcome = desktop
        .push_one(
            Entity::Prospect,
            id,
            update(
                base,
                json!({"notes": "Call in June", "status": "qualified"}),
            ),
        )
        .await?;
    let Outcome::Conflict { version, conflicts } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "notes");
    assert_eq!(
        (conflicts[0].yours.clone(), conflicts[0].theirs.clone()),
        (json!("Call in June"), json!("Call in May"))
    );
    // The same field with the same value: no conflict.
    let same = desktop
        .push_one(
            Entity::Prospect,
            id,
            update(base, json!({"notes": "Call in May"})),
        )
        .await?;
    assert_eq!(
        applied(&same),
        version,
        "nothing to change, nothing versioned"
    );

    let (changes, _) = desktop.pull(0).await?;
    let got: Prospect =
        serde_json::from_value(latest(&changes, id).unwrap().body.clone().unwrap())?;
    assert_eq!(
        (got.notes.as_str(), got.mailboxes, got.sector.as_str()),
        ("Call in May", 400, "Finance")
    );
    assert_eq!(got.status, portal_core::prospect::ProspectStatus::Qualified);
    assert_eq!(latest(&changes, id).unwrap().version, version);
    // Keeping mine: send it again against the newer version.
    applied(
        &desktop
            .push_one(
                Entity::Prospect,
                id,
                update(version, json!({"notes": "Call in June"})),
            )
            .await?,
    );
    Ok(())
}

#[tokio::test]
async fn a_repeated_push_answers_the_same_and_changes_nothing() -> Result<()> {
    let (server, mut sales) = seeded_with_sales().await?;
    let p = new_prospect(sales.user, "Beacon Hotels", "beacon-hotels.example");
    let d = new_deal(sales.user, p.id);
    let req = sales.batch(vec![
        (Entity::Prospect, *p.id.as_uuid(), create(&p)),
        (
            Entity::Prospect,
            *p.id.as_uuid(),
            update(0, json!({"notes": "Met at the expo"})),
        ),
        (Entity::Deal, *d.id.as_uuid(), create(&d)),
        (Entity::Deal, *d.id.as_uuid(), act(DealAction::MarkWon)),
    ]);
    let first = sales.send(&req).await?;
    assert_eq!(first.status, 200);
    let (_, head) = sales.pull(0).await?;
    let again = sales.send(&req).await?;
    assert_eq!(
        again.body, first.body,
        "the same outcomes, refusal included"
    );
    let (changes, cursor) = sales.pull(head).await?;
    assert!(
        changes.is_empty() && cursor == head,
        "nothing was applied twice"
    );

    // Another user cannot push under this installation's id.
    let mut other = Client::sign_in(&server, "admin@northwind.example").await?;
    other.id = sales.id;
    let reply = other.send(&req).await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));
    Ok(())
}

#[tokio::test]
async fn a_deal_on_a_domain_another_firm_holds_is_rejected_for_channel_conflict() -> Result<()> {
    let (server, mut sales) = seeded_with_sales().await?;
    let check = sales.domain_check(CONTESTED_DOMAIN).await?;
    assert_eq!((check.existing, check.registered_elsewhere), (None, true));
    let (_, start) = sales.pull(0).await?;

    let p = new_prospect(sales.user, CONTESTED_COMPANY, CONTESTED_DOMAIN);
    let mut d = new_deal(sales.user, p.id);
    // The server's fields are the server's.
    d.status = DealStatus::Approved;
    d.number = Some("DR-999999".into());
    let outcomes = sales
        .push(vec![
            (Entity::Prospect, *p.id.as_uuid(), create(&p)),
            (Entity::Deal, *d.id.as_uuid(), create(&d)),
            (Entity::Deal, *d.id.as_uuid(), act(DealAction::Submit)),
        ])
        .await?;
    applied(&outcomes[0]);
    applied(&outcomes[1]);
    let reason = format!("Channel conflict: another partner firm holds an active registration for {CONTESTED_DOMAIN}.");
    let e = refused(&outcomes[2]);
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Conflict, reason.as_str())
    );
    let (changes, _) = sales.pull(start).await?;
    let got: Deal = serde_json::from_value(
        latest(&changes, *d.id.as_uuid())
            .unwrap()
            .body
            .clone()
            .unwrap(),
    )?;
    assert_eq!(got.status, DealStatus::Rejected, "the rejection is pulled");
    assert_eq!(got.status_reason.as_deref(), Some(reason.as_str()));
    assert_eq!(
        (got.submitted_on, got.decided_on),
        (Some(today()), Some(today()))
    );
    assert_ne!(got.number.as_deref(), Some("DR-999999"));
    assert!(
        !serde_json::to_string(&changes)?.contains("Bluefin"),
        "the other firm is never named"
    );

    // A free domain is approved at once, until today + 90 days.
    let free = new_prospect(sales.user, "Summit Foods", "summit-foods.example");
    let won = new_deal(sales.user, free.id);
    let second = new_deal(sales.user, free.id);
    let (w, s2) = (*won.id.as_uuid(), *second.id.as_uuid());
    let (_, cursor) = sales.pull(0).await?;
    let outcomes = sales
        .push(vec![
            (Entity::Prospect, *free.id.as_uuid(), create(&free)),
            (Entity::Deal, w, create(&won)),
            (Entity::Deal, s2, create(&second)),
            (Entity::Deal, w, act(DealAction::Submit)),
        ])
        .await?;
    outcomes.iter().for_each(|o| {
        applied(o);
    });
    let (changes, _) = sales.pull(cursor).await?;
    let approved: Deal =
        serde_json::from_value(latest(&changes, w).unwrap().body.clone().unwrap())?;
    assert_eq!(approved.status, DealStatus::Approved);
    assert_eq!(approved.decided_on, Some(today()));
    assert_eq!(approved.expires_on, Some(today() + Days::new(90)));
    let number = approved.number.clone().unwrap();
    let other_firm = Client::sign_in(&server, "admin@bluefin.example").await?;
    assert!(
        other_firm
            .domain_check("summit-foods.example")
            .await?
            .registered_elsewhere
    );

    // What an approved registration refuses, in the words the user reads.
    let outcomes = sales
        .push(vec![
            (Entity::Deal, w, act(DealAction::Submit)),
            (Entity::Deal, s2, act(DealAction::Submit)),
            (Entity::Deal, w, update(0, json!({"notes": "late edit"}))),
            (Entity::Deal, w, act(DealAction::Withdraw)),
            (Entity::Deal, w, act(DealAction::Approve)),
            (Entity::Deal, w, MutationOp::Delete { base_version: 0 }),
            (
                Entity::Prospect,
                *free.id.as_uuid(),
                MutationOp::Delete { base_version: 0 },
            ),
            (Entity::Deal, w, act(DealAction::MarkWon)),
        ])
        .await?;
    let messages: Vec<String> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Refused { error } => error.message.clone(),
            other => format!("{other:?}")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string(),
        })
        .collect();
    assert_eq!(
        messages,
        [
            "This deal registration is approved, so it cannot be submitted.".to_string(),
            format!("Your firm already holds an active registration for summit-foods.example ({number})."),
            "This deal registration is approved, so it can no longer be edited.".into(),
            "This deal registration is approved, so it cannot be withdrawn.".into(),
            "Only the vendor can approve a deal registration.".into(),
            "This deal registration is approved, so it can no longer be deleted.".into(),
            format!("This prospect has a deal registration that is approved ({number}), so it cannot be deleted."),
            "Applied".into(),
        ]
    );
    // The refused second registration stayed a draft.
    let (changes, _) = sales.pull(0).await?;
    let second: Deal = serde_json::from_value(latest(&changes, s2).unwrap().body.clone().unwrap())?;
    assert_eq!(second.status, DealStatus::Draft);
    Ok(())
}

#[tokio::test]
async fn approved_registrations_expire_after_their_date() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let (changes, cursor) = admin.pull(0).await?;
    let approved: Vec<Deal> = bodies::<Deal>(&changes, Entity::Deal)
        .into_iter()
        .filter(|d| d.status == DealStatus::Approved)
        .collect();
    assert_eq!(approved.len(), 1, "Contoso's");
    let expires = approved[0].expires_on.unwrap();

    let storage = server.storage().await?;
    assert_eq!(
        portal_server::sync::expire_deals(&storage, Some(admin.partner), expires).await?,
        0,
        "not on the day itself"
    );
    let expired = server.expire_deals(expires + Days::new(1)).await?;
    assert_eq!(
        expired, 2,
        "Northwind's, and Bluefin's on the contested domain"
    );
    let (changes, _) = admin.pull(cursor).await?;
    assert_eq!(changes.len(), 1, "one versioned change: {changes:?}");
    let got: Deal = serde_json::from_value(changes[0].body.clone().unwrap())?;
    assert_eq!((got.id, got.status), (approved[0].id, DealStatus::Expired));
    assert_eq!(
        portal_server::sync::expire_deals(&storage, None, expires + Days::new(1)).await?,
        0
    );

    // Bluefin's hold on the contested domain has lapsed too: Northwind may now register it.
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    assert!(
        !sales
            .domain_check(CONTESTED_DOMAIN)
            .await?
            .registered_elsewhere
    );
    let p = new_prospect(sales.user, CONTESTED_COMPANY, CONTESTED_DOMAIN);
    let d = new_deal(sales.user, p.id);
    let outcomes = sales
        .push(vec![
            (Entity::Prospect, *p.id.as_uuid(), create(&p)),
            (Entity::Deal, *d.id.as_uuid(), create(&d)),
            (Entity::Deal, *d.id.as_uuid(), act(DealAction::Submit)),
        ])
        .await?;
    applied(&outcomes[2]);
    Ok(())
}

#[tokio::test]
async fn a_cursor_older_than_the_horizon_is_told_to_reset() -> Result<()> {
    let (server, mut sales) = seeded_with_sales().await?;
    let (_, cursor) = sales.pull(0).await?;
    let p = new_prospect(sales.user, "Keystone Legal", "keystone-legal.example");
    let id = *p.id.as_uuid();
    applied(&sales.push_one(Entity::Prospect, id, create(&p)).await?);
    applied(
        &sales
            .push_one(Entity::Prospect, id, MutationOp::Delete { base_version: 0 })
            .await?,
    );
    let (_, current) = sales.pull(cursor).await?;

    assert_eq!(server.purge_tombstones().await?, 1);
    let page = sales.pull_page(cursor, 100).await?;
    assert!(
        page.reset && page.more && page.changes.is_empty() && page.cursor == 0,
        "{page:?}"
    );
    // Up to date at the horizon: nothing lost, no reset.
    let page = sales.pull_page(current, 100).await?;
    assert!(!page.reset && page.changes.is_empty());
    // From 0 a fresh copy needs no tombstones; a cursor from another database resets too.
    let (fresh, _) = sales.pull(0).await?;
    assert!(latest(&fresh, id).is_none());
    assert!(sales.pull_page(current + 1000, 100).await?.reset);
    Ok(())
}

#[tokio::test]
async fn housekeeping_forgets_old_tombstones_and_answers_but_keeps_recent_ones() -> Result<()> {
    use portal_server::sync::Swept;
    let (server, mut sales) = seeded_with_sales().await?;
    let sync = server.config().sync;
    assert_eq!((sync.tombstone_days, sync.applied_mutation_days), (90, 90));
    let day = today();
    let (_, before_all) = sales.pull(0).await?;
    let delete = MutationOp::Delete { base_version: 0 };

    // Day 0: a prospect created and deleted, then the hourly run notes the head.
    let old = new_prospect(sales.user, "Keystone Legal", "keystone-legal.example");
    let old_id = *old.id.as_uuid();
    let first = sales.batch(vec![
        (Entity::Prospect, old_id, create(&old)),
        (Entity::Prospect, old_id, delete.clone()),
    ]);
    anyhow::ensure!(sales.send(&first).await?.status == 200);
    assert_eq!(server.housekeep(day).await?, Swept::default());
    let (_, marked) = sales.pull(before_all).await?;
    // Later on day 0: another one, whose tombstone is newer than the mark.
    let recent = new_prospect(sales.user, "Northgate Dental", "northgate-dental.example");
    let recent_id = *recent.id.as_uuid();
    let second = sales.batch(vec![
        (Entity::Prospect, recent_id, create(&recent)),
        (Entity::Prospect, recent_id, delete),
    ]);
    anyhow::ensure!(sales.send(&second).await?.status == 200);

    // Day 90: the first tombstone is old enough, the second is not; no answer is 90 days old.
    assert_eq!(
        server.housekeep(day + Days::new(90)).await?,
        Swept {
            tombstones: 1,
            applied_mutations: 0
        }
    );
    assert!(
        sales.pull_page(before_all, 100).await?.reset,
        "a copy from before the purged deletion is rebuilt"
    );
    let (changes, _) = sales.pull(marked).await?;
    let kept = latest(&changes, recent_id).context("the newer tombstone is still sent")?;
    assert!(kept.body.is_none());

    // Day 92: every answer is old now; the installation's newest is kept all the same.
    assert_eq!(
        server.housekeep(day + Days::new(92)).await?,
        Swept {
            tombstones: 0,
            applied_mutations: 3
        }
    );
    let left: Vec<i64> = sqlx::query_scalar(
        "SELECT mutation_id FROM applied_mutation WHERE client_id = ?1 ORDER BY mutation_id",
    )
    .bind(sales.id.to_string())
    .fetch_all(&database(&server).await?)
    .await?;
    assert_eq!(left, [second.mutations[1].mutation_id]);

    // The first push, repeated now, is refused rather than applied again: the prospect it
    // created and deleted does not come back.
    let reply = sales.send(&first).await?;
    let answer: PushResponse = serde_json::from_value(reply.body)?;
    for result in &answer.results {
        assert!(
            refused(&result.outcome)
                .message
                .contains("no longer keeps its answer"),
            "{result:?}"
        );
    }
    let (changes, _) = sales.pull(marked).await?;
    assert!(latest(&changes, old_id).is_none(), "not re-created");
    // The newest answer is still given as it was.
    let reply = sales.send(&second).await?;
    let answer: PushResponse = serde_json::from_value(reply.body)?;
    refused(&answer.results[0].outcome);
    assert_eq!(applied(&answer.results[1].outcome), kept.version);
    Ok(())
}

#[tokio::test]
async fn the_domain_check_names_the_firms_prospect_and_never_the_other_firm() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let northwind = Client::sign_in(&server, "marketing@northwind.example").await?;
    let check = northwind
        .domain_check("https://www.Contoso.example/about")
        .await?;
    assert_eq!(check.domain, "contoso.example");
    assert_eq!(
        check.existing.map(|e| e.company_name).as_deref(),
        Some("Contoso Ltd"),
        "a colleague's too"
    );
    assert!(
        !check.registered_elsewhere,
        "Northwind's own registration is not elsewhere"
    );
    let bluefin = Client::sign_in(&server, "sales@bluefin.example").await?;
    let check = bluefin.domain_check("contoso.example").await?;
    assert!(check.existing.is_some() && check.registered_elsewhere);
    let reply = bluefin
        .get("/api/v1/prospects/domain-check?domain=not%20a%20domain")
        .await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (422, "invalid_input")
    );
    assert_eq!(reply.body["field"], "domain");
    assert_eq!(
        reply.body["message"],
        "A domain can hold only letters, digits, hyphens and dots."
    );
    let reply = bluefin.get("/api/v1/prospects/domain-check").await?;
    assert_eq!(reply.status, 422);
    Ok(())
}
