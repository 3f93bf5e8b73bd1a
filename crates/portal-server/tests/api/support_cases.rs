//! Opening a support case through the sync push: an administrator opens one for a customer of the
//! firm and every administrator pulls it, numbered and open; nobody else may, and nothing else may
//! be done to a case.

use crate::support::{applied, create, database, refused, today, Installation};
use anyhow::Result;
use portal_core::ids::{CustomerId, SupportCaseId};
use portal_core::support::{NewSupportCase, SupportCaseForm};
use portal_core::sync::{Change, Entity, MutationOp, PullResponse};
use portal_core::ErrorKind;
use portal_server::testing::TestServer;
use serde_json::Map;
use uuid::Uuid;

async fn pull_all(who: &Installation) -> Result<Vec<Change>> {
    let (mut changes, mut cursor) = (Vec::new(), 0);
    loop {
        let reply = who
            .get(&format!("/api/v1/sync/changes?after={cursor}&limit=5000"))
            .await?;
        anyhow::ensure!(reply.status == 200, "pull: {reply:?}");
        let page: PullResponse = serde_json::from_value(reply.body)?;
        changes.extend(page.changes);
        cursor = page.cursor;
        if !page.more {
            return Ok(changes);
        }
    }
}

/// A customer of the firm of `partner` (by its text id).
async fn customer_of(server: &TestServer, partner: &str) -> Result<CustomerId> {
    let db = database(server).await?;
    let id: String =
        sqlx::query_scalar("SELECT id FROM customers WHERE partner_id = ?1 ORDER BY id LIMIT 1")
            .bind(partner)
            .fetch_one(&db)
            .await?;
    Ok(id.parse()?)
}

fn new_case(customer: CustomerId) -> NewSupportCase {
    SupportCaseForm {
        customer_id: customer.to_string(),
        subject: "Licence key is refused".into(),
        priority: "high".into(),
        description: "The key from the last order is refused on activation.".into(),
    }
    .parse(SupportCaseId::from_uuid(Uuid::now_v7()))
    .expect("a valid case")
}

#[tokio::test]
async fn an_administrator_opens_a_case_that_is_numbered_and_pulled() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut admin = Installation::sign_in(&server, "admin@northwind.example").await?;
    let customer = customer_of(&server, &admin.partner.to_string()).await?;
    let db = database(&server).await?;
    let highest: i64 =
        sqlx::query_scalar("SELECT MAX(CAST(substr(number, 4) AS INTEGER)) FROM support_cases")
            .fetch_one(&db)
            .await?;

    let case = new_case(customer);
    let id = *case.id.as_uuid();
    let req = admin.batch(vec![(Entity::SupportCase, id, create(&case))]);
    let first = admin.send(&req).await?;
    let again = admin.send(&req).await?;
    assert_eq!(first.status, 200, "{first:?}");
    assert_eq!(first.body, again.body, "the same push is answered the same");
    let version = first.body["results"][0]["version"]
        .as_i64()
        .expect("applied");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM support_cases WHERE id = ?1")
        .bind(id.to_string())
        .fetch_one(&db)
        .await?;
    assert_eq!(stored, 1, "applied once");

    // Another administrator's installation of the firm pulls it, numbered next in the series.
    let other = Installation::sign_in(&server, "admin@northwind.example").await?;
    let changes = pull_all(&other).await?;
    let pulled = changes
        .iter()
        .find(|c| c.entity == Entity::SupportCase && c.id == id)
        .expect("the new case is pulled");
    assert_eq!(pulled.version, version);
    let body = pulled.body.as_ref().expect("a body");
    assert_eq!(body["number"], format!("CS-{:07}", highest + 1));
    assert_eq!(body["status"], "open");
    assert_eq!(body["priority"], "high");
    assert_eq!(body["subject"], "Licence key is refused");
    assert_eq!(body["opened_on"], today().format("%Y-%m-%d").to_string());
    assert_eq!(body["customer_id"], customer.to_string());

    // The sales user of the firm does not receive it.
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    assert!(!pull_all(&sales)
        .await?
        .iter()
        .any(|c| c.entity == Entity::SupportCase));

    // Nothing else may be done to a case.
    for op in [
        MutationOp::Update {
            base_version: version,
            fields: Map::from_iter([("subject".into(), "Changed subject".into())]),
        },
        MutationOp::Delete {
            base_version: version,
        },
    ] {
        let outcome = admin.push_one(Entity::SupportCase, id, op).await?;
        let error = refused(&outcome);
        assert_eq!(error.kind, ErrorKind::Forbidden);
        assert!(error.message.contains("support case"), "{error:?}");
    }
    Ok(())
}

#[tokio::test]
async fn only_an_administrator_opens_a_case_and_only_for_the_firms_customer() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let mut admin = Installation::sign_in(&server, "admin@northwind.example").await?;
    let ours = customer_of(&server, &admin.partner.to_string()).await?;
    let bluefin = Installation::sign_in(&server, "admin@bluefin.example").await?;
    let theirs = customer_of(&server, &bluefin.partner.to_string()).await?;

    let case = new_case(ours);
    let outcome = sales
        .push_one(Entity::SupportCase, *case.id.as_uuid(), create(&case))
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Forbidden);

    let case = new_case(theirs);
    let outcome = admin
        .push_one(Entity::SupportCase, *case.id.as_uuid(), create(&case))
        .await?;
    let error = refused(&outcome);
    assert_eq!(error.field.as_deref(), Some("customer_id"), "{error:?}");

    // A body that breaks the rules is refused with them.
    let mut body = serde_json::to_value(new_case(ours))?;
    body["subject"] = "Hi".into();
    let id: Uuid = serde_json::from_value(body["id"].clone())?;
    let outcome = admin
        .push_one(Entity::SupportCase, id, MutationOp::Create { body })
        .await?;
    assert!(refused(&outcome).message.contains("at least 5"));

    let db = database(&server).await?;
    let ours_created: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM support_cases WHERE subject = 'Licence key is refused'",
    )
    .fetch_one(&db)
    .await?;
    assert_eq!(ours_created, 0, "nothing refused was stored");

    // The same case, sent properly, is opened.
    let case = new_case(ours);
    applied(
        &admin
            .push_one(Entity::SupportCase, *case.id.as_uuid(), create(&case))
            .await?,
    );
    Ok(())
}
