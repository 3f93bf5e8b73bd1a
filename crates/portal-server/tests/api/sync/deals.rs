//! Deal registrations decided by the vendor's rule engine: channel conflicts, expiry, and the
//! domain check that never names the other firm.

use super::*;

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
