//! The marketing profile edited offline and synced; logos refused here without a round trip or
//! uploaded, then previewed offline on another machine.

use super::*;
use portal_core::{
    pims::{app::CampaignForm, profile::Missing},
    shell::Connection,
    ErrorKind,
};

#[tokio::test]
async fn the_profile_is_edited_offline_shown_at_once_and_synced_for_colleagues() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let marketing = App::new(&server, MARKETING).await?;
    let view = marketing.portal.marketing_profile().await?;
    assert!(view.may_edit);
    assert!(
        view.missing.contains(&Missing::WebLogo),
        "{:?}",
        view.missing
    );

    server.stop().await?;
    assert_eq!(
        marketing.portal.sync_now().await?.connection,
        Connection::Offline
    );
    // Every wrong field at once, nothing saved.
    let mut bad = complete_form(&view);
    bad.brand_colour = "blue-ish".into();
    bad.website = "not a web address".into();
    let err = marketing
        .portal
        .save_marketing_profile(bad)
        .await
        .expect_err("a wrong form");
    let fields: Vec<String> = err
        .field_errors()
        .into_iter()
        .filter_map(|e| e.field)
        .collect();
    assert!(
        fields.contains(&"brand_colour".to_owned()) && fields.contains(&"website".to_owned()),
        "{fields:?}"
    );
    let saved = marketing
        .portal
        .save_marketing_profile(complete_form(&view))
        .await?;
    assert!(saved.unsynced, "the edit waits for the server");
    assert_eq!(saved.profile.contact_name, "Ada Marsh");
    assert_eq!(saved.missing, [Missing::WebLogo, Missing::PrintLogo]);
    let changes = marketing.portal.pending_changes().await?;
    assert_eq!(changes[0].record_label, "Marketing profile");
    assert!(
        changes[0].summary.starts_with("Edited") && changes[0].summary.contains("contact name"),
        "{}",
        changes[0].summary
    );
    // Saving the same form again queues nothing more.
    marketing
        .portal
        .save_marketing_profile(complete_form(&view))
        .await?;
    assert_eq!(
        marketing.portal.pending_changes().await?.len(),
        changes.len()
    );

    server.start().await?;
    let status = synced(&marketing.portal).await?;
    assert_eq!((status.pending, status.needs_attention), (0, 0));
    let after = marketing.portal.marketing_profile().await?;
    assert!(!after.unsynced);
    assert_eq!(after.profile.website, "https://northwind.example");

    // A salesperson of the firm sees it and may not change it.
    let sales = App::new(&server, NORTHWIND_SALES).await?;
    let seen = sales.portal.marketing_profile().await?;
    assert!(!seen.may_edit);
    assert_eq!(seen.profile.contact_name, "Ada Marsh");
    let refused = sales
        .portal
        .save_marketing_profile(complete_form(&seen))
        .await
        .expect_err("a salesperson may not edit it");
    assert_eq!(refused.kind(), ErrorKind::Forbidden);
    Ok(())
}

#[tokio::test]
async fn a_wrong_logo_is_refused_here_a_good_one_is_uploaded_and_previewed_offline() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let kit = publish_kit(&server, "Logo kit").await?;
    let marketing = App::new(&server, MARKETING).await?;

    // Refused by the server's rules on this machine: the server is not even running.
    server.stop().await?;
    let small = marketing.file("small.png", &solid_png(60, 20, LOGO_RGB))?;
    let err = marketing
        .portal
        .upload_logo(LogoKind::Web, &small)
        .await
        .expect_err("too small");
    let api = err.to_api_error();
    assert_eq!(api.field.as_deref(), Some("web_logo"));
    assert!(
        api.message.contains("60 × 20") && api.message.contains("too small"),
        "{}",
        api.message
    );
    let text = marketing.file("logo.png", b"a text file, not a picture")?;
    let err = marketing
        .portal
        .upload_logo(LogoKind::Web, &text)
        .await
        .expect_err("not a picture");
    assert!(
        err.to_string().contains("neither a PNG nor an SVG"),
        "{err}"
    );
    // A good file needs the server, and says so.
    let good = marketing.file("web.png", &solid_png(240, 80, LOGO_RGB))?;
    let err = marketing
        .portal
        .upload_logo(LogoKind::Web, &good)
        .await
        .expect_err("offline");
    assert_eq!(err.kind(), ErrorKind::Offline);
    assert!(
        err.to_string()
            .contains("Connect to the server to upload a logo"),
        "{err}"
    );

    server.start().await?;
    let view = marketing.portal.upload_logo(LogoKind::Web, &good).await?;
    let logo = view.profile.web_logo.clone().context("the web logo")?;
    assert_eq!((logo.width, logo.height), (240, 80));
    assert!(view
        .web_logo
        .as_deref()
        .is_some_and(|u| u.starts_with("data:image/png;base64,")));
    assert!(!view.missing.contains(&Missing::WebLogo));

    // Another machine of the same user: the logo comes with a sync, then works offline.
    let other = App::new(&server, MARKETING).await?;
    assert_eq!(
        other.portal.marketing_profile().await?.web_logo,
        None,
        "not fetched yet"
    );
    assert!(other.portal.fetch_pims_files().await? >= 1);
    assert_eq!(other.portal.fetch_pims_files().await?, 0, "fetched once");
    server.stop().await?;
    let offline = other.portal.marketing_profile().await?;
    let url = offline.web_logo.context("the logo, offline")?;
    assert_eq!(Some(&url), view.web_logo.as_ref());
    other
        .portal
        .save_campaign_draft(
            kit.id,
            CampaignForm {
                name: "Logo check".into(),
                regions: Default::default(),
            },
        )
        .await?;
    let campaign = other.portal.campaign(kit.id).await?;
    assert!(
        campaign.landing_html.contains(&url),
        "the preview shows the logo"
    );
    assert!(campaign.email.html.contains(&url));
    Ok(())
}
