//! Co-branded assets and the exported email, rendered on this machine with the server stopped,
//! read back: the PNG's logo zone holds the logo's pixels, the PDF parses and carries the contact
//! lines, the `.eml` parses with both parts and an encoded subject.

use super::*;
use mailparse::MailHeaderMap;
use portal_core::pims::app::CampaignForm;
use std::process::Command;

/// The pixel at (x, y) as RGB.
fn pixel(rgba: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
    let i = ((y * width + x) * 4) as usize;
    [rgba[i], rgba[i + 1], rgba[i + 2]]
}

fn close(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 3)
}

#[tokio::test]
async fn cobranded_assets_and_the_email_are_rendered_here_offline_and_read_back() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let kit = publish_kit(&server, "Summer").await?;
    let marketing = App::new(&server, MARKETING).await?;
    complete_profile(&marketing).await?;
    let intro = "Northwind blocks phishing before breakfast.";
    marketing
        .portal
        .save_campaign_draft(
            kit.id,
            CampaignForm {
                name: "Summer at Northwind".into(),
                regions: [("intro".to_owned(), intro.to_owned())].into(),
            },
        )
        .await?;
    // Before the files are here, the page says why there is no preview.
    let before = marketing.portal.campaign(kit.id).await?;
    assert!(before.assets[0].preview.is_none());
    assert!(before.assets[0].unavailable.is_some());
    assert!(marketing.portal.fetch_pims_files().await? >= 1);

    server.stop().await?;
    let view = marketing.portal.campaign(kit.id).await?;
    assert_eq!(view.assets.len(), 2);
    assert!(
        view.assets.iter().all(|a| a.preview.is_some()),
        "{:?}",
        view.assets
    );
    assert_eq!(
        marketing.portal.campaign_asset_file_name(kit.id, 0).await?,
        "Web-banner-Northwind-Solutions.png"
    );

    // The PNG: the background, with the logo fitted and centred in its zone.
    let banner = marketing
        .portal
        .save_campaign_asset(kit.id, 0, &marketing.dir.path().join("banner.png"))
        .await?;
    let (w, h, rgba) = decode(&std::fs::read(&banner)?)?;
    assert_eq!((w, h), (400, 300));
    // The zone is x 100..300, y 30..150; the logo (4:1) is 200 × 50 in it, rows 65..115.
    for (x, y) in [(200, 90), (110, 70), (290, 110)] {
        assert!(close(pixel(&rgba, w, x, y), LOGO_RGB), "logo at ({x}, {y})");
    }
    for (x, y) in [(10, 10), (200, 40), (200, 140), (50, 90), (390, 290)] {
        assert!(
            close(pixel(&rgba, w, x, y), BACKGROUND_RGB),
            "background at ({x}, {y}): {:?}",
            pixel(&rgba, w, x, y)
        );
    }

    // The PDF: it parses and renders, and carries the contact lines.
    let flyer = marketing
        .portal
        .save_campaign_asset(kit.id, 1, &marketing.dir.path().join("flyer.pdf"))
        .await?;
    let pdf = std::fs::read(&flyer)?;
    let pages = portal_client::features::resources::preview::render_pdf(pdf.clone(), 4)?;
    assert_eq!(pages.pages.len(), 1);
    let out = Command::new("pdftotext")
        .arg(&flyer)
        .arg("-")
        .output()
        .context("pdftotext (poppler-utils)")?;
    let text = String::from_utf8(out.stdout)?;
    for line in [
        "Northwind Solutions",
        "12 Harbour Street",
        "+44 117 496 0000",
    ] {
        assert!(text.contains(line), "{line:?} in {text:?}");
    }

    // The email, after a name that is not ASCII (saved offline, shown at once).
    let mut form = complete_form(&marketing.portal.marketing_profile().await?);
    form.company_name = "Nørthwind Sølutions".into();
    marketing.portal.save_marketing_profile(form).await?;
    let name = marketing.portal.campaign_email_file_name(kit.id).await?;
    assert_eq!(name, "Summer-at-Northwind.eml");
    let eml = marketing
        .portal
        .export_campaign_email(kit.id, &marketing.dir.path().join(&name))
        .await?;
    let raw = std::fs::read(&eml)?;
    assert!(
        raw.is_ascii(),
        "an .eml is 7-bit: encoded headers and parts"
    );
    let mail = mailparse::parse_mail(&raw)?;
    let header = |k: &str| mail.headers.get_first_value(k);
    assert_eq!(
        header("Subject").as_deref(),
        Some("Spring offer from Nørthwind Sølutions")
    );
    assert_eq!(header("MIME-Version").as_deref(), Some("1.0"));
    assert_eq!(header("X-Unsent").as_deref(), Some("1"));
    assert!(header("From").is_some_and(|f| f.contains("<marketing@northwind.example>")));
    mailparse::dateparse(&header("Date").context("a date")?)?;
    assert_eq!(mail.ctype.mimetype, "multipart/alternative");
    let plain = &mail.subparts[0];
    assert_eq!(plain.ctype.mimetype, "text/plain");
    assert!(plain.get_body()?.contains(intro));
    let related = &mail.subparts[1];
    assert_eq!(related.ctype.mimetype, "multipart/related");
    let html = &related.subparts[0];
    assert_eq!(html.ctype.mimetype, "text/html");
    let html_body = html.get_body()?;
    assert!(html_body.contains(intro) && html_body.contains("Nørthwind"));
    assert!(html_body.contains("cid:logo@reseller-portal"));
    let logo = &related.subparts[1];
    assert_eq!(logo.ctype.mimetype, "image/png");
    assert_eq!(
        logo.headers.get_first_value("Content-ID").as_deref(),
        Some("<logo@reseller-portal>")
    );
    assert_eq!(decode(&logo.get_body_raw()?)?.0, 240, "the web logo itself");

    // Or the page alone, carrying its logo.
    let page = marketing
        .portal
        .export_campaign_email(kit.id, &marketing.dir.path().join("email.html"))
        .await?;
    let page = std::fs::read_to_string(page)?;
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("data:image/png;base64,"));
    Ok(())
}
