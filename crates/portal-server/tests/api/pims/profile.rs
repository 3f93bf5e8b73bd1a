//! The marketing profile's logos (checked, stored, served to the firm) and launching a campaign
//! (refused until the profile is complete and the kit running; then a public page).

use super::*;
use crate::support::{applied, refused};
use portal_core::pims::campaign::CampaignStatus;
use portal_core::pims::kit::{CampaignKit, KitPhase};
use portal_core::pims::profile::MarketingProfile;
use portal_core::sync::MutationOp;
use portal_core::ErrorKind;

#[tokio::test]
async fn logos_are_checked_and_served_only_to_the_firm() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("web", b"just some text".to_vec(), "neither a PNG nor an SVG"),
        ("web", png(40, 20), "too small to look sharp"),
        ("web", png(3000, 1000), "larger than needed"),
        ("web", png(900, 100), "too narrow a strip"),
        ("print", png(480, 160), "too small to look sharp"),
        (
            "web",
            br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><script>alert(1)</script></svg>"#.to_vec(),
            "which a logo may not carry",
        ),
        ("web", Vec::new(), "The file is empty."),
    ];
    for (kind, bytes, words) in cases {
        let reply = upload_logo(&marketing, kind, bytes).await?;
        assert_eq!(reply.status, 422, "{words}: {reply:?}");
        assert_eq!(reply.body["field"], format!("{kind}_logo"));
        let message = reply.body["message"].as_str().unwrap_or("");
        assert!(message.contains(words), "{message}");
        assert!(
            message.contains("must be"),
            "says what is needed: {message}"
        );
    }
    let too_big = upload_logo(&marketing, "web", vec![0u8; 2 * 1024 * 1024]).await?;
    assert_eq!(too_big.status, 422);
    assert!(too_big.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("too large"));

    let forbidden = upload_logo(&sales, "web", png(480, 160)).await?;
    assert_eq!(forbidden.status, 403);

    let bytes = png(480, 160);
    let ok = upload_logo(&marketing, "web", bytes.clone()).await?;
    assert_eq!(ok.status, 200, "{ok:?}");
    let profile: MarketingProfile = serde_json::from_value(ok.body)?;
    let logo = profile.web_logo.expect("the logo is on the profile");
    assert_eq!((logo.width, logo.height), (480, 160));
    let svg = upload_logo(
        &marketing,
        "print",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400"><rect width="1200" height="400" fill="navy"/></svg>"#.to_vec(),
    )
    .await?;
    assert_eq!(svg.status, 200, "{svg:?}");

    // Any user of the firm fetches it; the next pull carries the new profile.
    let resp = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/pims/profile/logos/web/{}",
            sales.api.base, logo.sha256
        ))
        .bearer_auth(&sales.token)
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().await?.to_vec(), bytes);
    let mut sales = sales;
    sales.sync().await?;
    let pulled: Vec<MarketingProfile> = sales.all(Entity::MarketingProfile);
    assert_eq!(pulled.len(), 1);
    assert!(pulled[0].web_logo.is_some() && pulled[0].print_logo.is_some());
    Ok(())
}

fn kit_in(user: &Client, phase: KitPhase) -> CampaignKit {
    let today = crate::support::today();
    user.all::<CampaignKit>(Entity::CampaignKit)
        .into_iter()
        .find(|k| k.phase(today) == phase)
        .expect("a seeded kit in that phase")
}

#[tokio::test]
async fn a_launch_waits_for_a_complete_profile_and_a_running_kit() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let mut marketing = Client::sign_in(&server, "marketing@northwind.example").await?;
    let active = kit_in(&marketing, KitPhase::Active);
    let upcoming = kit_in(&marketing, KitPhase::Upcoming);

    // A draft of the upcoming kit cannot be launched before it starts.
    let early = Campaign::draft(
        CampaignId::from_uuid(Uuid::now_v7()),
        &upcoming,
        marketing.user,
        chrono::Utc::now(),
    );
    applied(
        &marketing
            .push_one(Entity::Campaign, *early.id.as_uuid(), create(&early))
            .await?,
    );
    let reply = step(&marketing, early.id, "launch").await?;
    assert_eq!(reply.status, 422);
    assert!(reply.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("it can be launched from then"));

    // A draft of the running kit waits for the profile: the words list what is missing.
    let mut draft = Campaign::draft(
        CampaignId::from_uuid(Uuid::now_v7()),
        &active,
        marketing.user,
        chrono::Utc::now(),
    );
    draft.name = "Northwind: stop the phish".into();
    applied(
        &marketing
            .push_one(Entity::Campaign, *draft.id.as_uuid(), create(&draft))
            .await?,
    );
    let reply = step(&marketing, draft.id, "launch").await?;
    assert_eq!(reply.status, 422, "{reply:?}");
    let message = reply.body["message"].as_str().unwrap_or("");
    assert!(message.contains("an unsubscribe address"), "{message}");
    assert!(message.contains("a web logo"), "{message}");

    // Partners cannot launch by editing the status, nor create a launched campaign.
    let outcome = edit(
        &mut marketing,
        Entity::Campaign,
        *draft.id.as_uuid(),
        json!({"status": "live"}),
    )
    .await?;
    assert_eq!(refused(&outcome).field.as_deref(), Some("status"));
    let mut launched = draft.clone();
    launched.id = CampaignId::from_uuid(Uuid::now_v7());
    launched.status = CampaignStatus::Live;
    let outcome = marketing
        .push_one(Entity::Campaign, *launched.id.as_uuid(), create(&launched))
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::InvalidInput);

    // An invalid profile edit is refused naming the field; a good one applies.
    let profile_id = *marketing.partner.as_uuid();
    let outcome = edit(
        &mut marketing,
        Entity::MarketingProfile,
        profile_id,
        json!({"website": "northwind"}),
    )
    .await?;
    assert_eq!(refused(&outcome).field.as_deref(), Some("website"));
    applied(
        &edit(
            &mut marketing,
            Entity::MarketingProfile,
            profile_id,
            json!({"unsubscribe": "unsubscribe@northwind.example"}),
        )
        .await?,
    );
    assert_eq!(
        upload_logo(&marketing, "web", png(480, 160)).await?.status,
        200
    );
    assert_eq!(
        upload_logo(&marketing, "print", png(1200, 400))
            .await?
            .status,
        200
    );

    let reply = step(&marketing, draft.id, "launch").await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    let live: Campaign = serde_json::from_value(reply.body)?;
    assert_eq!(live.status, CampaignStatus::Live);
    assert_eq!(live.launched_by, Some(marketing.user));
    let slug = live.slug.clone().expect("a slug");
    assert!(
        slug.starts_with("northwind-solutions-northwind-stop-the-phish-"),
        "{slug}"
    );
    assert!(portal_core::pims::campaign::is_slug(&slug));
    let page = Visitor::new(&server, 20)?
        .get(&format!("/c/{slug}"))
        .await?;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("<form"));
    // A launched campaign cannot be deleted; the next pull carries it live.
    let outcome = marketing
        .push_one(
            Entity::Campaign,
            *live.id.as_uuid(),
            MutationOp::Delete { base_version: 0 },
        )
        .await?;
    assert_eq!(refused(&outcome).kind, ErrorKind::Conflict);
    marketing.sync().await?;
    let pulled: Campaign = marketing.record(*live.id.as_uuid()).expect("pulled");
    assert_eq!(pulled.slug.as_deref(), Some(slug.as_str()));
    // A draft can be deleted.
    applied(
        &marketing
            .push_one(
                Entity::Campaign,
                *early.id.as_uuid(),
                MutationOp::Delete { base_version: 0 },
            )
            .await?,
    );
    Ok(())
}
