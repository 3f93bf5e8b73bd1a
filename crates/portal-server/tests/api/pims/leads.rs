//! Leads: accepting (the prospect made with the given id and owner, in the same push), the domain
//! rule, declining, expiry by the server's clock, and who receives which firm's leads.

use super::*;
use crate::support::{applied, refused};
use chrono::{Duration, Utc};
use portal_core::ids::PartnerId;
use portal_core::pims::lead::{DeclineReason, LeadState};
use portal_core::pims::profile::MarketingProfile;
use portal_core::prospect::Prospect;
use portal_core::ErrorKind;

#[tokio::test]
async fn accepting_makes_the_prospect_with_the_given_id_and_owner() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let mut admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let given = vendor
        .lead(
            *sales.partner.as_uuid(),
            "Nina Brandt",
            "nina@brandt-advisory.example",
            7,
        )
        .await?;
    assert_eq!(lead(&mut sales, given.id).await?.state, LeadState::Pending);

    // A salesperson may take a lead only for themselves.
    let (_, for_admin) = accept(admin.user);
    let error = refused(&decide(&mut sales, given.id, for_admin).await?).clone();
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(error.message.contains("take a lead yourself"));

    let (prospect_id, mine) = accept(sales.user);
    applied(&decide(&mut sales, given.id, mine).await?);
    let now = lead(&mut sales, given.id).await?;
    assert_eq!(now.state, LeadState::Accepted);
    assert_eq!(now.prospect_id, Some(prospect_id));
    assert_eq!(now.owner_id, Some(sales.user));
    assert_eq!(now.decided_by, Some(sales.user));
    let prospect: Prospect = sales
        .record(*prospect_id.as_uuid())
        .expect("the prospect comes in the same pull");
    assert_eq!(prospect.owner_id, sales.user);
    assert_eq!(prospect.domain.as_str(), "brandt-advisory.example");
    assert!(prospect.notes.contains("Call on Tuesday to book a demo."));

    // Deciding again is refused in words naming who did what.
    let (_, again) = accept(admin.user);
    admin.sync().await?;
    let error = refused(&decide(&mut admin, given.id, again).await?).clone();
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(error
        .message
        .contains("already accepted the lead from Nina Brandt"));

    // An administrator may give a lead to another active user.
    let other = vendor
        .lead(
            *sales.partner.as_uuid(),
            "Omar Haddad",
            "omar@haddad-logistics.example",
            7,
        )
        .await?;
    let (pid, for_sales) = accept(sales.user);
    applied(&decide(&mut admin, other.id, for_sales).await?);
    let p: Prospect = {
        admin.sync().await?;
        admin.record(*pid.as_uuid()).expect("pulled")
    };
    assert_eq!(p.owner_id, sales.user);
    Ok(())
}

#[tokio::test]
async fn a_lead_whose_domain_the_firm_has_is_refused_naming_the_prospect() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let existing = admin
        .all::<Prospect>(Entity::Prospect)
        .into_iter()
        .next()
        .expect("Northwind has prospects");
    let email = format!("someone@{}", existing.domain);
    let given = vendor
        .lead(*admin.partner.as_uuid(), "Sam Clash", &email, 7)
        .await?;
    let (prospect_id, decision) = accept(admin.user);
    let error = refused(&decide(&mut admin, given.id, decision).await?).clone();
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(
        error.message.contains(&existing.company_name),
        "names the prospect: {}",
        error.message
    );
    assert!(error.message.contains(existing.domain.as_str()));
    admin.sync().await?;
    assert!(
        admin.record::<Prospect>(*prospect_id.as_uuid()).is_none(),
        "no prospect made"
    );
    assert_eq!(lead(&mut admin, given.id).await?.state, LeadState::Pending);
    Ok(())
}

#[tokio::test]
async fn declining_needs_a_reason_and_for_other_a_note() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let given = vendor
        .lead(
            *marketing.partner.as_uuid(),
            "Dee Cline",
            "dee@contoso-pharma.example",
            7,
        )
        .await?;
    let error = refused(
        &decide(
            &mut marketing,
            given.id,
            Decision::Decline {
                reason: DeclineReason::Other,
                note: " ".into(),
            },
        )
        .await?,
    )
    .clone();
    assert_eq!(error.field.as_deref(), Some("note"));
    assert_eq!(error.message, "Say why you are declining this lead.");
    // A reason without a note is enough unless it is Other.
    let bad_body =
        json!({"lead_id": given.id, "decision": "decline", "note": "", "at": Utc::now()});
    let outcome = marketing
        .push_one(
            Entity::LeadDecision,
            Uuid::now_v7(),
            crate::support::create(&bad_body),
        )
        .await?;
    assert_eq!(
        refused(&outcome).kind,
        ErrorKind::InvalidInput,
        "a reason is required"
    );
    applied(
        &decide(
            &mut marketing,
            given.id,
            Decision::Decline {
                reason: DeclineReason::OutsideTerritory,
                note: String::new(),
            },
        )
        .await?,
    );
    let now = lead(&mut marketing, given.id).await?;
    assert_eq!(now.state, LeadState::Declined);
    assert_eq!(now.decline_reason, Some(DeclineReason::OutsideTerritory));
    Ok(())
}

#[tokio::test]
async fn pending_leads_past_their_window_expire_and_a_late_decision_is_refused() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let given = vendor
        .lead(
            *sales.partner.as_uuid(),
            "Tim Late",
            "tim@lateco.example",
            1,
        )
        .await?;
    // Nothing is due yet.
    let none = server.expire_leads(Utc::now()).await?;
    assert_eq!(none, 0);
    assert_eq!(lead(&mut sales, given.id).await?.state, LeadState::Pending);
    // Two days on, it (and any other pending lead past its window) expires.
    let expired = server.expire_leads(Utc::now() + Duration::days(2)).await?;
    assert!(expired >= 1);
    let now = lead(&mut sales, given.id).await?;
    assert_eq!(now.state, LeadState::Expired);
    // The vendor sees it returned.
    let returned = vendor.get("/api/v1/vendor/leads?state=expired").await?;
    assert_eq!(returned.status, 200);
    assert!(returned
        .body
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .any(|l| l["lead"]["id"] == json!(given.id)));
    // A decision made offline before it expired reaches the server too late.
    let (_, decision) = accept(sales.user);
    let error = refused(&decide(&mut sales, given.id, decision).await?).clone();
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(error.message.contains("expired"), "{}", error.message);
    assert!(error.message.contains("went back to the vendor"));
    // And it cannot be withdrawn any more.
    let withdraw = vendor
        .post(
            &format!("/api/v1/vendor/leads/{}/withdraw", given.id),
            Value::Null,
        )
        .await?;
    assert_eq!(withdraw.status, 409);
    Ok(())
}

#[tokio::test]
async fn the_vendor_withdraws_a_pending_lead_and_checks_what_it_gives() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let bad = vendor
        .post(
            "/api/v1/vendor/leads",
            json!({"partner_id": sales.partner, "origin": "", "name": "", "company": "X",
                   "email": "not-an-email"}),
        )
        .await?;
    assert_eq!(bad.status, 422);
    let message = bad.body["message"].as_str().unwrap_or("");
    assert!(message.contains("Enter your name."), "{message}");
    let given = vendor
        .lead(
            *sales.partner.as_uuid(),
            "Wanda Draw",
            "wanda@proseware.example",
            7,
        )
        .await?;
    let reply = vendor
        .post(
            &format!("/api/v1/vendor/leads/{}/withdraw", given.id),
            Value::Null,
        )
        .await?;
    assert_eq!(reply.status, 200);
    assert_eq!(
        lead(&mut sales, given.id).await?.state,
        LeadState::Withdrawn
    );
    let (_, decision) = accept(sales.user);
    let error = refused(&decide(&mut sales, given.id, decision).await?).clone();
    assert!(error
        .message
        .contains("The vendor withdrew the lead from Wanda Draw"));
    Ok(())
}

#[tokio::test]
async fn a_firm_never_sees_another_firms_leads_profile_campaigns_or_logos() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut north = Client::sign_in(&server, "marketing@northwind.example").await?;
    let mut blue = Client::sign_in(&server, "admin@bluefin.example").await?;
    north.sync().await?;
    blue.sync().await?;
    let ids = |c: &Client, e: Entity| -> Vec<Uuid> {
        c.all::<Value>(e)
            .iter()
            .filter_map(|v| v["id"].as_str().and_then(|s| s.parse().ok()))
            .collect()
    };
    for entity in [Entity::Lead, Entity::Campaign, Entity::MarketingProfile] {
        let mine = ids(&north, entity);
        let theirs = ids(&blue, entity);
        assert!(
            !mine.is_empty() && !theirs.is_empty(),
            "{entity:?} seeded for both"
        );
        assert!(
            mine.iter().all(|id| !theirs.contains(id)),
            "{entity:?} kept apart"
        );
    }
    let profiles: Vec<MarketingProfile> = blue.all(Entity::MarketingProfile);
    assert_eq!(profiles.len(), 1);
    assert_eq!(
        profiles[0].id,
        PartnerId::from_uuid(*blue.partner.as_uuid())
    );

    // Direct routes: Bluefin's logo is not Northwind's to fetch.
    let logo = profiles[0]
        .web_logo
        .clone()
        .expect("Bluefin has a web logo");
    let path = format!("/api/v1/pims/profile/logos/web/{}", logo.sha256);
    assert_eq!(blue.get(&path).await?.status, 200);
    assert_eq!(north.get(&path).await?.status, 404);
    // Nor its campaign to pause, nor its profile to change.
    let theirs = campaign_by_slug(&mut blue, LIVE_SLUG).await?;
    let reply = step(&north, theirs.id, "pause").await?;
    assert_eq!(reply.status, 404);
    let outcome = north
        .push_one(
            Entity::MarketingProfile,
            *blue.partner.as_uuid(),
            portal_core::sync::MutationOp::Update {
                base_version: 0,
                fields: json!({"company_name": "Hijacked"})
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            },
        )
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::NotFound);
    // Nor decide on its leads.
    let their_lead = blue.all::<Lead>(Entity::Lead).remove(0);
    let (_, decision) = accept(north.user);
    assert_eq!(
        refused(&decide(&mut north, their_lead.id, decision).await?).kind,
        ErrorKind::NotFound
    );

    // A Deal Registration user receives no leads at all; Sales does.
    let mut dealreg = Client::sign_in(&server, "dealreg@northwind.example").await?;
    dealreg.sync().await?;
    assert!(dealreg.all::<Value>(Entity::Lead).is_empty());
    let mine = north.all::<Lead>(Entity::Lead).remove(0);
    let (_, decision) = accept(dealreg.user);
    assert_eq!(
        refused(&decide(&mut dealreg, mine.id, decision).await?).kind,
        ErrorKind::Forbidden,
        "a Deal Registration user does not work leads"
    );
    assert!(
        !dealreg.all::<Value>(Entity::CampaignKit).is_empty(),
        "kits are for everyone"
    );
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    assert!(!sales.all::<Value>(Entity::Lead).is_empty());
    // The profile cannot be created or deleted, and only Marketing and Administrators change it.
    let own = *dealreg.partner.as_uuid();
    let outcome = dealreg
        .push_one(
            Entity::MarketingProfile,
            own,
            portal_core::sync::MutationOp::Update {
                base_version: 0,
                fields: json!({"phone": "+1 206 555 0100"})
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            },
        )
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Forbidden);
    let own = *north.partner.as_uuid();
    let outcome = north
        .push_one(
            Entity::MarketingProfile,
            own,
            portal_core::sync::MutationOp::Delete { base_version: 0 },
        )
        .await?;
    assert!(refused(&outcome)
        .message
        .contains("cannot be created or deleted"));
    Ok(())
}

#[tokio::test]
async fn the_dashboard_counts_open_leads_for_those_who_work_them() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let figure = |reply: Reply| reply.body["figures"]["new_leads"].clone();
    let now = Utc::now();
    let open = sales
        .all::<Lead>(Entity::Lead)
        .iter()
        .filter(|l| l.is_open(now))
        .count();
    assert_eq!(open, 3, "the seeded Lead Inbox has three pending leads");
    assert_eq!(figure(sales.get("/api/v1/dashboard").await?), json!(3));
    vendor
        .lead(
            *sales.partner.as_uuid(),
            "Fresh Lead",
            "fresh@newco-lighting.example",
            7,
        )
        .await?;
    assert_eq!(figure(sales.get("/api/v1/dashboard").await?), json!(4));
    let dealreg = Client::sign_in(&server, "dealreg@northwind.example").await?;
    assert_eq!(figure(dealreg.get("/api/v1/dashboard").await?), Value::Null);
    Ok(())
}

/// The people a lead's prospect may be given to, asked by each role.
async fn owners(user: &Client) -> Result<Reply> {
    user.api
        .call(
            Method::GET,
            "/api/v1/pims/lead-owners",
            Some(&user.token),
            None,
        )
        .await
}

#[tokio::test]
async fn the_lead_owner_list_is_who_may_own_the_prospect() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let dealreg = Client::sign_in(&server, "dealreg@northwind.example").await?;

    let ids = |reply: &Reply| -> Vec<String> {
        reply
            .body
            .as_array()
            .expect("a list")
            .iter()
            .map(|o| o["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    // Marketing routes leads to the people who work them, itself included, never to Deal
    // Registration.
    let list = owners(&marketing).await?;
    assert_eq!(list.status, StatusCode::OK);
    let listed = ids(&list);
    for who in [&marketing, &sales, &admin] {
        assert!(listed.contains(&who.user.to_string()), "{listed:?}");
    }
    assert!(!listed.contains(&dealreg.user.to_string()));
    assert!(list.body[0]["name"].as_str().is_some_and(|n| !n.is_empty()));
    // A salesperson is offered only themselves.
    assert_eq!(ids(&owners(&sales).await?), vec![sales.user.to_string()]);
    // Deal Registration works no leads.
    assert_eq!(owners(&dealreg).await?.status, StatusCode::FORBIDDEN);
    Ok(())
}
