//! A campaign drafted offline, synced, and launched online: refused in words while the profile is
//! incomplete, then live with a landing page anyone can open; its steps refused offline.

use super::*;
use portal_core::{
    pims::{
        app::CampaignForm,
        campaign::{CampaignStatus, CampaignStep},
        kit::KitPhase,
    },
    shell::Connection,
    ErrorKind,
};

fn form(name: &str, intro: &str) -> CampaignForm {
    CampaignForm {
        name: name.into(),
        regions: [("intro".to_owned(), intro.to_owned())].into(),
    }
}

#[tokio::test]
async fn a_draft_made_offline_is_synced_then_launched_once_the_profile_is_complete() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let kit = publish_kit(&server, "Spring security").await?;
    let marketing = App::new(&server, MARKETING).await?;
    let list = marketing.portal.campaign_kits().await?;
    assert!(list.may_run);
    let row = list
        .rows
        .iter()
        .find(|r| r.kit_id == kit.id)
        .context("the kit is listed")?;
    assert_eq!(row.phase, KitPhase::Active);
    assert!(row.campaign.is_none());

    server.stop().await?;
    assert_eq!(
        marketing.portal.sync_now().await?.connection,
        Connection::Offline
    );
    // A region longer than the kit allows is refused, what was typed kept by the caller.
    let err = marketing
        .portal
        .save_campaign_draft(kit.id, form("Spring at Northwind", &"x".repeat(401)))
        .await
        .expect_err("too long");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let intro = "Northwind blocks phishing before breakfast.";
    let view = marketing
        .portal
        .save_campaign_draft(kit.id, form("Spring at Northwind", intro))
        .await?;
    let id = view.campaign.as_ref().context("a draft")?.id;
    assert_eq!(view.status, CampaignStatus::Draft);
    assert!(view.unsynced);
    assert!(view.email.html.contains(intro) && view.email.text.contains(intro));
    assert!(view.landing_html.contains(intro));
    let missing = view
        .profile_missing
        .clone()
        .context("the profile is incomplete")?;
    let launch = view
        .steps
        .iter()
        .find(|s| s.step == CampaignStep::Launch)
        .context("a launch button")?;
    assert_eq!(launch.refusal.as_deref(), Some(missing.as_str()));
    let changes = marketing.portal.pending_changes().await?;
    assert_eq!(
        (
            changes[0].record_label.as_str(),
            changes[0].summary.as_str()
        ),
        ("Spring at Northwind", "Created as a draft")
    );

    server.start().await?;
    synced(&marketing.portal).await?;
    assert!(!marketing.portal.campaign(kit.id).await?.unsynced);
    // Refused, in the profile's words, while it is incomplete.
    let err = marketing
        .portal
        .campaign_step(id, CampaignStep::Launch)
        .await
        .expect_err("the profile is incomplete");
    assert_eq!(err.to_string(), missing);

    complete_profile(&marketing).await?;
    let live = marketing
        .portal
        .campaign_step(id, CampaignStep::Launch)
        .await?;
    assert_eq!(live.status, CampaignStatus::Live);
    let url = live.public_url.clone().context("a public address")?;
    assert!(
        url.starts_with(&server.base_url()) && url.contains("/c/"),
        "{url}"
    );
    assert!(live
        .steps
        .iter()
        .any(|s| s.step == CampaignStep::Pause && s.refusal.is_none()));

    // Anyone can open the landing page: the firm's words, co-branded.
    let page = reqwest::get(&url).await?;
    assert!(page.status().is_success(), "{}", page.status());
    let html = page.text().await?;
    assert!(html.contains(intro) && html.contains("Northwind Solutions"));

    // The funnel, as the server counts it, kept for offline.
    let results = marketing.portal.campaign_results().await?;
    assert!(!results.offline && results.as_of.is_some());
    assert!(results.campaigns.iter().any(|c| c.campaign_id == id));

    // A colleague's list shows it live.
    let admin = App::new(&server, crate::support::ADMIN).await?;
    let row = admin
        .portal
        .campaign_kits()
        .await?
        .rows
        .into_iter()
        .find(|r| r.kit_id == kit.id)
        .context("the kit")?;
    let campaign = row.campaign.context("the firm's campaign")?;
    assert_eq!(campaign.status, CampaignStatus::Live);
    assert_eq!(campaign.public_url.as_deref(), Some(url.as_str()));

    // Offline, the steps say why they cannot be taken.
    server.stop().await?;
    marketing.portal.sync_now().await?;
    let view = marketing.portal.campaign(kit.id).await?;
    let pause = view
        .steps
        .iter()
        .find(|s| s.step == CampaignStep::Pause)
        .context("a pause button")?;
    assert!(
        pause
            .refusal
            .as_deref()
            .is_some_and(|r| r.contains("Connect to the server")),
        "{pause:?}"
    );
    let err = marketing
        .portal
        .campaign_step(id, CampaignStep::Pause)
        .await
        .expect_err("offline");
    assert_eq!(err.kind(), ErrorKind::Offline);
    let kept = marketing.portal.campaign_results().await?;
    assert!(kept.offline);
    assert_eq!(kept.as_of, results.as_of);
    assert!(view.results.is_some_and(|r| r.campaign_id == id));
    // A live campaign is not deleted.
    assert!(marketing.portal.delete_campaign_draft(id).await.is_err());
    Ok(())
}

#[tokio::test]
async fn a_draft_is_deleted_and_a_salesperson_may_not_draft() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let kit = publish_kit(&server, "Autumn").await?;
    let marketing = App::new(&server, MARKETING).await?;
    let view = marketing
        .portal
        .save_campaign_draft(kit.id, form("Autumn at Northwind", "Hello."))
        .await?;
    let id = view.campaign.context("a draft")?.id;
    synced(&marketing.portal).await?;
    marketing.portal.delete_campaign_draft(id).await?;
    assert!(marketing.portal.campaign(kit.id).await?.campaign.is_none());
    synced(&marketing.portal).await?;
    let again = App::new(&server, MARKETING).await?;
    assert!(again.portal.campaign(kit.id).await?.campaign.is_none());

    let sales = App::new(&server, NORTHWIND_SALES).await?;
    let err = sales
        .portal
        .save_campaign_draft(kit.id, form("Mine", "Hello."))
        .await
        .expect_err("sales does not run campaigns");
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    Ok(())
}
