//! Offline first, as a sales rep lives it: work with the server down, then watch it reconcile.

use crate::harness::{profile_dir, App, Scenario};
use anyhow::Result;
use fantoccini::Locator;
use portal_server::seed::{CONTESTED_DOMAIN, DEMO_PASSWORD};

/// Opens a page through the hidden two-level menu, as a user does.
pub(crate) async fn open_page(app: &App, group: &str, page: &str) -> Result<()> {
    let item = format!("#main-menu [data-page='{page}']");
    app.click("#menu-button").await?;
    // The menu remembers which groups were left open: open this one only if it is closed.
    let header = app
        .wait_for(&format!("#main-menu [data-group='{group}']"))
        .await?;
    if header.attr("aria-expanded").await?.as_deref() != Some("true") {
        header.click().await?;
    }
    app.eventually("the group opens", || app.is_shown(&item))
        .await?;
    app.click(&item).await?;
    app.wait_for(&format!("main#content[data-page='{page}']"))
        .await?;
    Ok(())
}

/// Creates a prospect through the form and waits for its detail page.
async fn create_prospect(app: &App, company: &str, domain: &str) -> Result<()> {
    open_page(app, "Sales", "prospects").await?;
    app.click("#new-prospect").await?;
    app.fill("#prospect-company_name", company).await?;
    app.fill("#prospect-domain", domain).await?;
    app.fill("#prospect-mailboxes", "450").await?;
    app.fill("#prospect-primary_contact-first_name", "Dana")
        .await?;
    app.fill("#prospect-primary_contact-last_name", "Reyes")
        .await?;
    app.fill("#prospect-primary_contact-email", &format!("dana@{domain}"))
        .await?;
    app.screenshot("prospect-form").await?;
    app.click("#save-prospect").await?;
    app.wait_for("#prospect-detail").await?;
    Ok(())
}

/// From a prospect's detail page: registers a deal on it and submits it at once.
async fn register_and_submit_deal(app: &App) -> Result<()> {
    app.click("#register-deal").await?;
    app.wait_for("#deal-form").await?;
    app.click(".product-option input").await?;
    app.fill("#deal-estimated_value", "24,000").await?;
    // WebKit's date field does not take typed keys through WebDriver; set it as a date picker does.
    app.client
        .execute(
            "const el = document.querySelector('#deal-expected_close');
             el.value = arguments[0];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!((chrono::Utc::now().date_naive()
                + chrono::Days::new(60))
            .to_string())],
        )
        .await?;
    app.click("#save-submit-deal").await?;
    app.wait_for("#deal-detail").await?;
    Ok(())
}

/// How many elements match `css`.
pub(crate) async fn rows(app: &App, css: &str) -> Result<usize> {
    Ok(app.client.find_all(Locator::Css(css)).await?.len())
}

#[tokio::test]
async fn work_done_offline_reaches_the_server_and_a_contested_domain_is_refused() -> Result<()> {
    let mut world = Scenario::start().await?;
    let app = world.signed_in("sales@northwind.example", false).await?;
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;

    // On the plane: no server.
    world.server.stop().await?;
    create_prospect(&app, "Contoso Pharmaceuticals", "contoso-pharma.example").await?;
    register_and_submit_deal(&app).await?;
    app.eventually("the deal waits for the server", || {
        app.is_shown("#deal-waiting")
    })
    .await?;
    create_prospect(&app, "Fabrikam Inc", CONTESTED_DOMAIN).await?;
    register_and_submit_deal(&app).await?;

    app.click("#pending-count").await?;
    app.wait_for("main#content[data-page='pending-changes']")
        .await?;
    app.eventually("six changes are pending", || async {
        Ok(rows(&app, "#pending-table tr[data-state='pending']").await? == 6)
    })
    .await?;
    app.screenshot("pending-changes-offline").await?;

    // Landed: the server is back.
    world.server.start().await?;
    app.click("#pending-sync-now").await?;
    app.eventually("nothing is pending any more", || async {
        Ok(
            rows(&app, "#pending-table tr[data-state='pending']").await? == 0
                && rows(&app, "#pending-table tr[data-mutation-id]").await? > 0,
        )
    })
    .await?;
    let refused = app
        .text("#pending-table tr[data-state='refused'] .refusal-reason")
        .await?;
    assert!(
        refused.contains("another partner firm") && refused.contains(CONTESTED_DOMAIN),
        "the refusal gives the server's reason: {refused}"
    );
    assert_eq!(
        rows(&app, "#pending-table tr[data-state='refused']").await?,
        1,
        "only the contested submission is refused"
    );
    // The deals made offline were numbered by the server: their changes now go by the number.
    for label in app
        .client
        .find_all(Locator::Css(
            "#pending-table tr[data-entity='deal'] .record-link",
        ))
        .await?
    {
        let label = label.text().await?;
        assert!(label.starts_with("DR-"), "labelled by its number: {label}");
    }
    app.screenshot("pending-changes-synced").await?;

    open_page(&app, "Sales", "deals").await?;
    app.eventually("the server's decisions show", || async {
        Ok(
            rows(&app, "#deals-table tr[data-status='approved']").await? >= 1
                && rows(&app, "#deals-table tr[data-status='rejected']").await? >= 1,
        )
    })
    .await?;
    app.screenshot("deals").await?;
    app.fill("#deal-search", "Fabrikam").await?;
    app.eventually("only the Fabrikam deal is listed", || async {
        Ok(rows(&app, "#deals-table tr[data-deal-id]").await? == 1)
    })
    .await?;
    let reason = app
        .text("#deals-table tr[data-status='rejected'] .status-reason")
        .await?;
    assert!(reason.contains("Channel conflict"), "{reason}");

    // The refusal is still unread: logging off asks before discarding it, and staying keeps all.
    app.click("#account-button").await?;
    app.click("#logoff").await?;
    app.wait_for("#confirm-dialog").await?;
    let dialog = app.wait_for("#confirm-dialog").await?;
    let says = dialog.prop("textContent").await?.unwrap_or_default();
    assert!(
        says.contains("1 change that the server has not taken"),
        "the dialog says what would be lost: {says}"
    );
    app.screenshot("sign-out-with-unsynced-work").await?;
    app.click("#confirm-cancel").await?;
    app.eventually("the dialog closes", || async {
        Ok(!app.is_shown("#confirm-dialog").await?)
    })
    .await?;
    assert!(app.is_shown("#account-button").await?, "still signed in");
    app.quit().await?;

    // Another install, the firm's administrator: sees what the rep did on the plane.
    let other = profile_dir()?;
    let admin = App::launch(other.path()).await?;
    admin
        .sign_in(
            &world.server.base_url(),
            "admin@northwind.example",
            DEMO_PASSWORD,
            false,
        )
        .await?;
    admin.wait_for("#account-button").await?;
    open_page(&admin, "Sales", "prospects").await?;
    admin.fill("#prospect-search", "contoso-pharma").await?;
    admin
        .eventually("the rep's prospect is there", || async {
            let found = admin
                .client
                .find_all(Locator::Css("#prospects-table tr[data-prospect-id]"))
                .await?;
            Ok(found.len() == 1
                && admin
                    .text("#prospects-table tr[data-prospect-id]")
                    .await?
                    .contains("Contoso Pharmaceuticals"))
        })
        .await?;
    admin.fill("#prospect-search", "").await?;
    admin
        .eventually("the whole firm's prospects are listed", || async {
            Ok(rows(&admin, "#prospects-table tr[data-prospect-id]").await? > 1)
        })
        .await?;
    admin.screenshot("prospects").await?;
    admin.quit().await
}
