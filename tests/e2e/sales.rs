//! The sales records one by one, as a rep opens them: a prospect with its registrations, one
//! registration, the form that edits a draft, and a refused change that still shows what was typed.

use crate::harness::{App, Scenario};
use crate::sync::{open_page, rows};
use anyhow::Result;

/// Searches the Prospects list for `company` and opens it.
async fn open_prospect(app: &App, company: &str) -> Result<()> {
    open_page(app, "Sales", "prospects").await?;
    app.fill("#prospect-search", company).await?;
    let row = "#prospects-table tr[data-prospect-id] .row-open";
    app.eventually("the prospect is the only one listed", || async {
        Ok(
            rows(app, "#prospects-table tr[data-prospect-id]").await? == 1
                && app.text(row).await? == company,
        )
    })
    .await?;
    app.click(row).await?;
    app.wait_for("#prospect-detail").await?;
    Ok(())
}

#[tokio::test]
async fn a_prospect_its_registration_and_a_draft_open_and_a_refused_change_keeps_what_was_typed(
) -> Result<()> {
    let mut world = Scenario::start().await?;
    let app = world.signed_in("sales@northwind.example", false).await?;
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;

    // Contoso: the rep's prospect with the vendor's approval on it.
    open_prospect(&app, "Contoso Ltd").await?;
    let detail = app.text("#prospect-detail").await?;
    for shown in [
        "contoso.example",
        "Manufacturing",
        "850",
        "Ann Lindgren",
        "IT Director",
    ] {
        assert!(detail.contains(shown), "the detail shows {shown}: {detail}");
    }
    assert_eq!(
        rows(&app, "#prospect-deals-table tr[data-deal-id]").await?,
        1,
        "its one registration is listed"
    );
    let number = app
        .text("#prospect-deals-table tr[data-status='approved'] .row-open")
        .await?;
    assert!(number.starts_with("DR-"), "listed by its number: {number}");
    app.screenshot("prospect-detail").await?;

    // The registration itself.
    app.click("#prospect-deals-table tr[data-status='approved'] .row-open")
        .await?;
    let deal = app.wait_for("#deal-detail[data-status='approved']").await?;
    assert_eq!(app.text("#deal-status").await?, "Approved");
    assert_eq!(app.text("main#content h1").await?, number);
    let text = deal.text().await?;
    for shown in [number.as_str(), "Contoso Ltd", "contoso.example", "Expires"] {
        assert!(text.contains(shown), "the deal shows {shown}: {text}");
    }
    assert!(
        !app.is_shown("#edit-deal").await?,
        "an approved registration is not edited"
    );
    app.screenshot("deal-detail").await?;

    // Adatum's draft: the form that edits it starts from what is saved.
    open_prospect(&app, "Adatum Corporation").await?;
    app.click("#prospect-deals-table tr[data-status='draft'] .row-open")
        .await?;
    app.wait_for("#deal-detail[data-status='draft']").await?;
    app.click("#edit-deal").await?;
    app.wait_for("#deal-form[data-mode='edit']").await?;
    assert_eq!(app.value("#deal-prospect").await?, "Adatum Corporation");
    assert_eq!(app.value("#deal-estimated_value").await?, "12,600.00");
    assert!(
        app.wait_for(".product-option input:checked")
            .await?
            .is_selected()
            .await?,
        "its product is ticked"
    );
    app.fill("#deal-notes", "Two sites: Leeds and York.")
        .await?;
    app.screenshot("deal-form").await?;
    app.click("#save-deal").await?;
    app.wait_for("#deal-detail[data-status='draft']").await?;
    assert!(app
        .text("#deal-detail")
        .await?
        .contains("Two sites: Leeds and York."));

    // Offline, the rep adds a prospect whose domain a colleague already has: the server refuses
    // it, and the Pending Changes page still shows every value typed.
    world.server.stop().await?;
    open_page(&app, "Sales", "prospects").await?;
    app.click("#new-prospect").await?;
    app.fill("#prospect-company_name", "Litware (Leeds office)")
        .await?;
    app.fill("#prospect-domain", "litware.example").await?;
    app.fill("#prospect-mailboxes", "75").await?;
    app.fill("#prospect-primary_contact-first_name", "Noor")
        .await?;
    app.fill("#prospect-primary_contact-last_name", "Hale")
        .await?;
    app.fill("#prospect-primary_contact-email", "noor@litware.example")
        .await?;
    app.fill("#prospect-notes", "Met at the Leeds roadshow.")
        .await?;
    app.click("#save-prospect").await?;
    app.wait_for("#prospect-detail").await?;
    world.server.start().await?;
    app.click("#pending-count").await?;
    app.wait_for("main#content[data-page='pending-changes']")
        .await?;
    app.click("#pending-sync-now").await?;
    let refused = "#pending-table tr[data-state='refused'][data-entity='prospect']";
    app.eventually("the new prospect is refused", || app.is_shown(refused))
        .await?;
    let reason = app.text(&format!("{refused} .refusal-reason")).await?;
    assert!(
        reason.contains("litware.example") && reason.contains("Litware Inc"),
        "the server's reason: {reason}"
    );
    assert!(
        !app.is_shown(&format!("{refused} .record-link")).await?,
        "a prospect the server refused to create is not offered to open"
    );
    // Open at once: the values are nowhere else now that the server has refused them.
    assert!(
        app.is_shown(&format!("{refused} details.entered[open] .entered-list"))
            .await?
    );
    let entered = app.text(&format!("{refused} .entered-list")).await?;
    for typed in [
        "Litware (Leeds office)",
        "litware.example",
        "75",
        "Noor Hale",
        "noor@litware.example",
        "Met at the Leeds roadshow.",
    ] {
        assert!(
            entered.contains(typed),
            "what was typed is shown ({typed}): {entered}"
        );
    }
    // The edited draft was taken, and its change is labelled with the deal's number.
    let deal_label = app
        .text("#pending-table tr[data-entity='deal'][data-state='synced'] .record-link")
        .await?;
    assert!(deal_label.starts_with("DR-"), "{deal_label}");
    app.screenshot("pending-changes-refused").await?;
    app.quit().await
}
