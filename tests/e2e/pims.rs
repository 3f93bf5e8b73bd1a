//! PIMS end to end, from the marketing profile to a prospect, with a real browser for the public
//! landing page.
//!
//! A Marketing user completes the firm's marketing profile (a wrong unsubscribe address first,
//! refused by its field with what was typed kept; then the address, and web and print logos from
//! PNG files the test writes), previews the running kit's email and landing page, edits a region,
//! saves the draft and launches it. Headless Chromium (Debian's, under its chromedriver) opens the
//! campaign's public page at desktop and at phone width and submits the lead form: first without
//! the consent box (the page says so by the box), then with it. After a sync the lead is in the
//! app's inbox, and the desktop says "1 new lead" (dunst). A Sales user accepts it with the server
//! down (owner and next step); once the server is back and synced, it is a prospect, and Campaign
//! Results counts it (views ≥ 1, leads 1, accepted 1, prospects 1).

use crate::harness::{browser::Browser, App, Scenario};
use crate::reminders::Dunst;
use crate::steps::{finish, shoot, sync_until, texts};
use crate::sync::open_page;
use anyhow::{ensure, Context, Result};
use fantoccini::Locator;
use portal_core::pims::logo::LogoKind;
use portal_core::shell::commands::UploadLogo;

const MARKETING: &str = "marketing@northwind.example";
const SALES: &str = "sales@northwind.example";
/// The demo's running kit.
const KIT: &str = "Stop the Phish: Q1 campaign";
const OFFER: &str = "Book a call this month and the first six months of training are on us.";
const VISITOR: &str = "Rosa Lindqvist";
const VISITOR_COMPANY: &str = "Fjordline Freight";
const VISITOR_EMAIL: &str = "rosa@fjordline-freight.example";

/// A PNG of `width` × `height` pixels: a coloured band with a lighter mark, as a logo might be.
fn logo_png(width: u32, height: u32) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        let mut data = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let mark = x > width / 12 && x < width / 4 && y > height / 5 && y < height * 4 / 5;
                data.extend_from_slice(if mark { &[0, 170, 190] } else { &[11, 60, 125] });
            }
        }
        writer.write_image_data(&data)?;
    }
    Ok(bytes)
}

/// The PIMS group's page `slug`.
async fn go_to(app: &App, slug: &str) -> Result<()> {
    open_page(app, "PIMS", slug).await
}

async fn attr(app: &App, css: &str, name: &str) -> Result<String> {
    Ok(app
        .wait_for(css)
        .await?
        .attr(name)
        .await?
        .unwrap_or_default())
}

#[tokio::test]
async fn a_campaign_brings_a_lead_that_becomes_a_prospect() -> Result<()> {
    let mut world = Scenario::start().await?;
    let dunst = Dunst::start()?;
    let app = world.signed_in(MARKETING, false).await?;
    let outcome = marketing_steps(&world, &app).await;
    let landing = match outcome {
        Ok(url) => url,
        Err(e) => return finish(app, "pims-marketing-failure", Err(e)).await,
    };
    let outcome = visitor_steps(&landing).await;
    let outcome = match outcome {
        Ok(()) => inbox_steps(&app, &dunst).await,
        Err(e) => Err(e),
    };
    finish(app, "pims-inbox-failure", outcome).await?;

    let app = world.signed_in(SALES, false).await?;
    let outcome = sales_steps(&mut world, &app).await;
    finish(app, "pims-sales-failure", outcome).await
}

/// The profile completed, the kit previewed, edited, saved and launched: the landing page's address.
async fn marketing_steps(world: &Scenario, app: &App) -> Result<String> {
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    go_to(app, "marketing-profile").await?;
    app.wait_for("#marketing-profile[data-may-edit='true']")
        .await?;
    for missing in ["unsubscribe", "web_logo", "print_logo"] {
        app.wait_for(&format!("#profile-checklist [data-missing='{missing}']"))
            .await?;
    }
    // The checklist's link takes the user to the field.
    app.click("#profile-checklist [data-missing='unsubscribe'] a")
        .await?;
    app.eventually("the unsubscribe field has the focus", || async {
        let id = app
            .client
            .execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await?;
        Ok(id == serde_json::json!("profile-unsubscribe"))
    })
    .await?;
    // A wrong address is refused by its field, and what was typed stays.
    app.fill("#profile-unsubscribe", "write to us").await?;
    app.click("#save-profile").await?;
    let error = app.text(".field-error[data-field='unsubscribe']").await?;
    ensure!(
        !error.is_empty(),
        "the unsubscribe field says what is wrong"
    );
    ensure!(app.value("#profile-unsubscribe").await? == "write to us");
    app.fill("#profile-unsubscribe", "unsubscribe@northwind.example")
        .await?;
    app.click("#save-profile").await?;
    app.wait_for("#profile-saved").await?;

    // The logos: real PNG files, uploaded as the open dialog would hand them over.
    let files = tempfile::tempdir()?;
    for (kind, w, h) in [(LogoKind::Web, 480, 160), (LogoKind::Print, 2400, 800)] {
        let path = files
            .path()
            .join(format!("northwind-{}.png", kind.as_str()));
        std::fs::write(&path, logo_png(w, h)?)?;
        let view = app
            .invoke(&UploadLogo {
                kind,
                path: Some(path.display().to_string()),
            })
            .await?
            .context("an upload with a path answers the profile")?;
        ensure!(
            view.profile.logo(kind).is_some(),
            "the {kind:?} logo is on the profile"
        );
    }
    // The page reads the profile again when it is opened.
    go_to(app, "campaigns").await?;
    go_to(app, "marketing-profile").await?;
    app.wait_for("#profile-complete").await?;
    app.wait_for("#logo-web-image").await?;
    app.wait_for("#logo-print-image").await?;
    shoot(app, "pims-marketing-profile").await?;

    go_to(app, "campaigns").await?;
    app.wait_for("#kits-active .kit-card").await?;
    ensure!(
        app.is_shown("#kits-upcoming .kit-card").await?
            && app.is_shown("#kits-ended .kit-card").await?,
        "kits are grouped Active, Upcoming and Ended"
    );
    shoot(app, "pims-campaigns").await?;
    let kit = app
        .client
        .execute(
            "return [...document.querySelectorAll('#kits-active .kit-card')]
                 .find(c => c.querySelector('.kit-open').textContent === arguments[0])
                 ?.dataset.kitId ?? null;",
            vec![serde_json::json!(KIT)],
        )
        .await?;
    let kit = kit
        .as_str()
        .context("the running kit is listed")?
        .to_owned();
    app.click(&format!(".kit-card[data-kit-id='{kit}'] .kit-open"))
        .await?;
    app.wait_for(&format!("#campaign-page[data-kit-id='{kit}']"))
        .await?;

    // The preview, co-branded and sandboxed.
    let email = app.wait_for("iframe#preview-email").await?;
    ensure!(
        email.attr("sandbox").await?.as_deref() == Some(""),
        "the email frame runs nothing"
    );
    let srcdoc = email.attr("srcdoc").await?.unwrap_or_default();
    ensure!(srcdoc.contains("Northwind"), "the email is co-branded");
    shoot(app, "pims-campaign-email").await?;
    app.click("#preview-tab-landing").await?;
    let landing = app.wait_for("iframe#preview-landing").await?;
    ensure!(landing.attr("sandbox").await?.as_deref() == Some(""));
    shoot(app, "pims-campaign-landing").await?;

    // A region edited, counted, saved as a draft, and shown in the preview.
    app.fill("#region-offer", OFFER).await?;
    let count = attr(app, "#region-offer-count", "data-used").await?;
    ensure!(
        count == OFFER.chars().count().to_string(),
        "the counter counts: {count}"
    );
    app.click("#save-draft").await?;
    app.wait_for("#campaign-page[data-status='draft'][data-campaign-id]")
        .await?;
    app.click("#preview-tab-landing").await?;
    app.eventually("the preview shows the saved words", || async {
        let doc = attr(app, "iframe#preview-landing", "srcdoc").await?;
        Ok(doc.contains("first six months of training"))
    })
    .await?;

    // Launched on the server: live, with its public address.
    app.eventually("Launch is available", || async {
        Ok(attr(app, ".step[data-step='launch']", "data-available").await? == "true")
    })
    .await?;
    app.click("#step-launch").await?;
    app.wait_for("#campaign-page[data-status='live']").await?;
    let url = app.value("#public-url").await?;
    ensure!(
        url.starts_with(&world.server.base_url()) && url.contains("/c/"),
        "the public address is on the server: {url}"
    );
    Ok(url)
}

/// The public page in Chromium: at desktop width, then at phone width, where the form is sent.
async fn visitor_steps(url: &str) -> Result<()> {
    let desktop = Browser::start(1280, 900).await?;
    desktop.client.goto(url).await?;
    desktop.wait_for("form button[type='submit']").await?;
    let body = desktop.wait_for("body").await?.text().await?;
    ensure!(
        body.contains("first six months of training"),
        "the page has the partner's words"
    );
    ensure!(body.contains("Northwind"), "the page is co-branded");
    desktop.screenshot("pims-landing-desktop").await?;
    desktop.quit().await?;

    let phone = Browser::start(390, 844).await?;
    phone.client.goto(url).await?;
    phone.wait_for("form").await?;
    let width = phone.viewport_width().await?;
    ensure!(width <= 400, "a phone-wide window: {width} px");
    let overflow = phone
        .client
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth;",
            vec![],
        )
        .await?;
    ensure!(
        overflow == serde_json::json!(false),
        "nothing is wider than the phone"
    );
    phone.screenshot("pims-landing-phone").await?;
    let fill = |css: &'static str, text: &'static str| {
        let phone = &phone;
        async move {
            phone
                .wait_for(css)
                .await?
                .send_keys(text)
                .await
                .context(css)
        }
    };
    fill("#name", VISITOR).await?;
    fill("#company", VISITOR_COMPANY).await?;
    fill("#email", VISITOR_EMAIL).await?;
    fill("#mailboxes", "120").await?;
    fill(
        "#message",
        "We had two phishing scares this autumn. Can you check us?",
    )
    .await?;
    // No consent: refused by the box, and what was typed comes back.
    phone
        .wait_for("form button[type='submit']")
        .await?
        .click()
        .await?;
    let error = phone.wait_for("#consent-error").await?.text().await?;
    ensure!(!error.is_empty(), "the consent box says it is needed");
    let kept = phone.wait_for("#name").await?.prop("value").await?;
    ensure!(
        kept.as_deref() == Some(VISITOR),
        "the name typed is kept: {kept:?}"
    );
    phone
        .client
        .execute(
            "document.querySelector('#consent-error').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await?;
    phone.screenshot("pims-landing-phone-consent").await?;
    phone.wait_for("#consent").await?.click().await?;
    phone
        .wait_for("form button[type='submit']")
        .await?
        .click()
        .await?;
    let thanks = phone
        .wait_for(".notice[role='status']")
        .await?
        .text()
        .await?;
    ensure!(
        thanks.contains("Thank you"),
        "the page thanks the visitor: {thanks}"
    );
    ensure!(
        phone
            .client
            .find(Locator::Css("#consent-error"))
            .await
            .is_err(),
        "no error once consent is given"
    );
    phone.quit().await
}

/// After a sync the lead is in the inbox, announced once on the desktop.
async fn inbox_steps(app: &App, dunst: &Dunst) -> Result<()> {
    go_to(app, "leads").await?;
    let row = "#leads-table tr[data-state='pending']";
    sync_until(app, "the visitor's lead is in the inbox", || async {
        Ok(texts(app, &format!("{row} .row-open"))
            .await?
            .iter()
            .any(|n| n == VISITOR))
    })
    .await?;
    app.eventually("the desktop announces the new lead", || async {
        Ok(dunst
            .history()?
            .iter()
            .any(|(summary, _)| summary.contains("new lead")))
    })
    .await?;
    Ok(())
}

/// Accepted offline by a Sales user, synced into a prospect, counted by the results.
async fn sales_steps(world: &mut Scenario, app: &App) -> Result<()> {
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    // The Dashboard's New leads figure opens the inbox.
    app.wait_for("#figure-new-leads").await?;
    shoot(app, "pims-dashboard-new-leads").await?;
    app.click("#figure-new-leads").await?;
    app.wait_for("main#content[data-page='leads']").await?;
    app.wait_for("#leads-table").await?;
    shoot(app, "pims-lead-inbox").await?;
    let id = app
        .client
        .execute(
            "return [...document.querySelectorAll('#leads-table tr[data-lead-id]')]
                 .find(r => r.querySelector('.row-open').textContent === arguments[0])
                 ?.dataset.leadId ?? null;",
            vec![serde_json::json!(VISITOR)],
        )
        .await?;
    let id = id
        .as_str()
        .context("the visitor's lead is listed")?
        .to_owned();

    // Offline: the server is down, and the app knows it.
    world.server.stop().await?;
    app.click("#sync-now").await.ok();
    app.eventually("the toolbar says offline", || async {
        Ok(app.text("#connection-status").await?.contains("Offline"))
    })
    .await?;
    app.click(&format!("#leads-table tr[data-lead-id='{id}'] .row-open"))
        .await?;
    app.wait_for(&format!(
        "#lead-detail[data-lead-id='{id}'][data-state='pending']"
    ))
    .await?;
    ensure!(
        app.text("#lead-message").await?.contains("phishing scares"),
        "the lead's message"
    );
    app.click("#accept-lead").await?;
    app.wait_for("#accept-dialog").await?;
    app.fill(
        "#accept-next-step",
        "Call Rosa on Tuesday to book the check.",
    )
    .await?;
    app.screenshot("pims-lead-accept").await?;
    app.click("#accept-dialog-submit").await?;
    app.wait_for(&format!(
        "#lead-detail[data-lead-id='{id}'][data-state='accepted'][data-unsynced='true']"
    ))
    .await?;

    // Back online: synced, a prospect.
    world.server.start().await?;
    open_page(app, "Sales", "prospects").await?;
    sync_until(app, "the lead is a prospect", || async {
        Ok(texts(app, "#prospects-table tbody tr .row-open")
            .await?
            .iter()
            .any(|n| n == VISITOR_COMPANY))
    })
    .await?;
    go_to(app, "leads").await?;
    app.click("#lead-filters [data-filter='accepted']").await?;
    app.wait_for(&format!(
        "#leads-table tr[data-lead-id='{id}']:not([data-unsynced])"
    ))
    .await?;

    // The funnel counts it.
    go_to(app, "campaign-results").await?;
    app.eventually(
        "the results count the accepted lead as a prospect",
        || async {
            let counts = app
                .client
                .execute(
                    "const card = [...document.querySelectorAll('.result-card')]
                     .find(c => c.querySelector('.card-title').textContent === arguments[0]);
                 if (!card) return null;
                 return Object.fromEntries([...card.querySelectorAll('.funnel-step')]
                     .map(s => [s.dataset.step, Number(s.dataset.count)]));",
                    vec![serde_json::json!(KIT)],
                )
                .await?;
            let n = |step: &str| counts[step].as_u64().unwrap_or(0);
            Ok(!counts.is_null()
                && n("views") >= 1
                && n("leads") == 1
                && n("accepted") == 1
                && n("prospects") == 1)
        },
    )
    .await?;
    shoot(app, "pims-results").await?;
    Ok(())
}
