//! Pushes: creates, updates and deletes answered with their outcomes, the field merge, and a
//! repeated push answered the same.

use super::*;

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
