//! Support cases as a partner's administrator works with them, on the seeded demo data: the cases
//! open and closed, one case opened; and a new support case, checked as it is typed, saved,
//! numbered by the server — also when it was opened with the server down.

use crate::dashboard::{attr, leading_number};
use crate::harness::{App, Scenario};
use crate::server_api::ServerApi;
use crate::steps::{admin_signed_in, attrs, finish, shoot, sync_until, texts, ADMIN};
use crate::sync::{open_page, rows};
use anyhow::{Context, Result};
use portal_core::sync::Entity;
use serde_json::{json, Value};

const CUSTOMER_ROWS: &str = "#customers-table tbody tr[data-customer-id]";
const CASE_ROWS: &str = "#cases-table tbody tr[data-case-id]";

/// The support case `id` as the server holds it, read through its API (a whole pull of `GET
/// /api/v1/sync/changes` as the administrator), or `None` when the server does not have it.
async fn server_support_case(base: &str, id: &str) -> Result<Option<Value>> {
    let api = ServerApi::sign_in(base, ADMIN).await?;
    let found = api.record(Entity::SupportCase, id).await?;
    api.sign_out().await?;
    Ok(found)
}

/// Checks that the server holds the case `id` as it was typed, numbered and open.
async fn server_has_case(
    base: &str,
    id: &str,
    customer_id: &str,
    subject: &str,
    priority: &str,
    description: &str,
) -> Result<String> {
    let case = server_support_case(base, id)
        .await?
        .with_context(|| format!("the server has the support case {id}"))?;
    assert_eq!(case["customer_id"], json!(customer_id), "{case}");
    assert_eq!(case["subject"], json!(subject), "{case}");
    assert_eq!(case["priority"], json!(priority), "{case}");
    assert_eq!(case["description"], json!(description), "{case}");
    assert_eq!(case["status"], json!("open"), "{case}");
    let number = case["number"].as_str().unwrap_or_default().to_owned();
    assert!(
        number.starts_with("CS-"),
        "the server numbered the case: {case}"
    );
    Ok(number)
}

#[tokio::test]
async fn support_cases_list_open_and_closed_and_one_case_opens() -> Result<()> {
    let world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = support_cases(&app).await;
    finish(app, "support-cases-failure", outcome).await
}

async fn support_cases(app: &App) -> Result<()> {
    open_page(app, "Customers", "support-cases").await?;
    app.eventually("the open cases are listed", || async {
        let statuses = attrs(app, CASE_ROWS, "data-status").await?;
        Ok(!statuses.is_empty() && statuses.iter().all(|s| s == "open"))
    })
    .await?;
    let open = rows(app, CASE_ROWS).await?;
    assert_eq!(
        leading_number(&app.text("#cases-tab-open .segment-count").await?)?,
        u64::try_from(open)?,
        "the Open tab counts its rows"
    );
    shoot(app, "support-cases").await?;

    // Closed cases; one found by its number.
    app.click("#cases-tab-closed").await?;
    app.eventually("the closed cases are listed", || async {
        let statuses = attrs(app, CASE_ROWS, "data-status").await?;
        Ok(!statuses.is_empty() && statuses.iter().all(|s| s == "closed"))
    })
    .await?;
    let number = app
        .text(&format!("{CASE_ROWS}:last-child .row-open"))
        .await?;
    assert!(number.starts_with("CS-"), "{number}");
    app.fill("#case-search", &number).await?;
    app.eventually(&format!("only {number} is listed"), || async {
        Ok(texts(app, &format!("{CASE_ROWS} .row-open")).await? == [number.clone()])
    })
    .await?;
    app.click(&format!("{CASE_ROWS} .row-open")).await?;
    app.wait_for("#case-detail").await?;
    assert_eq!(app.text("#case-status").await?, "Closed");
    app.click("#page-back").await?;

    // An open case, opened: its number and subject, its customer and what the customer reported.
    app.fill("#case-search", "").await?;
    app.click("#cases-tab-open").await?;
    app.eventually("the open cases are listed again", || async {
        let statuses = attrs(app, CASE_ROWS, "data-status").await?;
        Ok(statuses.len() == open && statuses.iter().all(|s| s == "open"))
    })
    .await?;
    let first = format!("{CASE_ROWS}:first-child");
    let number = app.text(&format!("{first} .row-open")).await?;
    let subject = app.text(&format!("{first} td:nth-child(2)")).await?;
    let customer = app.text(&format!("{first} td:nth-child(3)")).await?;
    app.click(&format!("{first} .row-open")).await?;
    app.wait_for("#case-detail").await?;
    assert_eq!(
        app.text("main#content h1").await?,
        format!("{number} · {subject}")
    );
    assert_eq!(app.text("#case-status").await?, "Open");
    assert_eq!(app.text("#case-customer-link").await?, customer);
    let description = app.text("#case-description").await?;
    assert!(
        description.contains(&subject),
        "the description is shown: {description}"
    );
    shoot(app, "support-case-detail").await?;
    Ok(())
}

#[tokio::test]
async fn a_new_support_case_keeps_what_was_typed_when_refused_and_reaches_the_server() -> Result<()>
{
    let world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = new_support_case(&app, &world.server.base_url()).await;
    finish(app, "new-support-case-failure", outcome).await
}

async fn new_support_case(app: &App, base: &str) -> Result<()> {
    open_page(app, "Customers", "support-cases").await?;
    app.click("#new-case").await?;
    app.wait_for("#case-form").await?;

    // The customer, found by typing part of its name: the picker lists customers on focus.
    const OPTIONS: &str = "#case-customer-options li[data-customer-id]";
    app.click("#case-customer").await?;
    // The list pops in from transparent, and a driver reads no text until it shows.
    app.eventually("the customers to choose from are listed", || async {
        let names = texts(app, &format!("{OPTIONS} .picker-option-name")).await?;
        Ok(names.len() > 2 && names.iter().all(|n| !n.is_empty()))
    })
    .await?;
    let customer = texts(app, &format!("{OPTIONS} .picker-option-name"))
        .await?
        .get(2)
        .cloned()
        .context("a customer to choose")?;
    let part: String = customer
        .chars()
        .take(customer.chars().count() - 2)
        .collect();
    app.fill("#case-customer", &part).await?;
    app.eventually(&format!("the choice narrows to {customer}"), || async {
        let names = texts(app, &format!("{OPTIONS} .picker-option-name")).await?;
        let offered = texts(app, OPTIONS).await?;
        let typed = part.trim().to_lowercase();
        Ok(names.contains(&customer) && offered.iter().all(|o| o.to_lowercase().contains(&typed)))
    })
    .await?;
    let names = texts(app, &format!("{OPTIONS} .picker-option-name")).await?;
    let at = names
        .iter()
        .position(|n| *n == customer)
        .context("the customer is offered")?;
    let option = format!("#case-customer-option-{at}");
    let customer_id = attr(app, &option, "data-customer-id").await?;
    app.click(&option).await?;
    app.eventually("the customer is picked", || async {
        Ok(
            attr(app, "#case-customer", "data-customer-id").await? == customer_id
                && !app.is_shown("#case-customer-options").await?,
        )
    })
    .await?;
    assert_eq!(app.value("#case-customer").await?, customer);
    app.choose("#case-priority", "high").await?;
    let description = "Since this morning, mail to the customer's sales team is held in \
                       quarantine as bulk mail. About 40 messages so far.";
    app.fill("#case-description", description).await?;

    // No subject: a clear message, and nothing typed is lost.
    app.click("#open-case").await?;
    app.eventually("the subject's error shows", || {
        app.is_shown("#case-subject-error")
    })
    .await?;
    let error = app.text("#case-subject-error").await?;
    assert!(
        error.contains("subject") && error.contains('5'),
        "says what the subject needs: {error}"
    );
    assert_eq!(app.value("#case-description").await?, description);
    assert_eq!(app.value("#case-customer").await?, customer);
    assert_eq!(
        attr(app, "#case-customer", "data-customer-id").await?,
        customer_id
    );
    assert_eq!(app.value("#case-priority").await?, "high");
    shoot(app, "new-support-case-refused").await?;

    // Too short a subject is refused too, and stays as typed.
    app.fill("#case-subject", "Spam").await?;
    app.click("#open-case").await?;
    app.eventually("the short subject is refused", || async {
        Ok(app.is_shown("#case-subject-error").await?
            && app.value("#case-subject").await? == "Spam")
    })
    .await?;
    assert!(app.is_shown("#case-form").await?, "the form stays open");

    let subject = "Sales mail held in quarantine as bulk";
    app.fill("#case-subject", subject).await?;
    app.eventually("the subject's error goes", || async {
        Ok(!app.is_shown("#case-subject-error").await?)
    })
    .await?;
    shoot(app, "new-support-case").await?;
    app.click("#open-case").await?;

    // Opened: its page, then numbered by the server when it syncs.
    let case_id = attr(app, "#case-detail", "data-case-id").await?;
    assert!(!case_id.is_empty());
    assert!(
        app.text("main#content h1").await?.contains(subject),
        "the case's page is the one opened"
    );
    assert_eq!(app.text("#case-customer-link").await?, customer);
    sync_until(app, "the server numbers the case", || async {
        Ok(app
            .text("#case-detail [data-field='number']")
            .await?
            .contains("CS-"))
    })
    .await?;
    let number =
        server_has_case(base, &case_id, &customer_id, subject, "high", description).await?;
    assert!(app
        .text("main#content h1")
        .await?
        .starts_with(&format!("{number} · ")));

    // Listed with the open cases, by its number.
    app.click("#page-back").await?;
    let row = format!("{CASE_ROWS}[data-case-id='{case_id}']");
    app.eventually("the new case is listed", || app.is_shown(&row))
        .await?;
    assert_eq!(app.text(&format!("{row} .row-open")).await?, number);
    assert_eq!(attr(app, &row, "data-status").await?, "open");
    Ok(())
}

#[tokio::test]
async fn a_case_opened_offline_waits_as_pending_and_reaches_the_server_when_it_is_back(
) -> Result<()> {
    let mut world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = support_case_offline(&app, &mut world).await;
    finish(app, "support-case-offline-failure", outcome).await
}

async fn support_case_offline(app: &App, world: &mut Scenario) -> Result<()> {
    let base = world.server.base_url();

    // From a customer's page, with the server down.
    open_page(app, "Customers", "customers").await?;
    let first = format!("{CUSTOMER_ROWS}:first-child");
    app.wait_for(&first).await?;
    let customer_id = attr(app, &first, "data-customer-id").await?;
    let customer = app.text(&format!("{first} .row-open")).await?;
    world.server.stop().await?;
    app.click(&format!("{first} .row-open")).await?;
    app.wait_for("#customer-detail").await?;
    app.click("#customer-new-case").await?;
    app.wait_for("#case-form").await?;
    assert_eq!(
        app.value("#case-customer").await?,
        customer,
        "the form is for the customer whose page it was opened from"
    );
    let subject = "Archive search times out on large mailboxes";
    let description = "Searches over more than two years of mail stop after a minute.";
    app.fill("#case-subject", subject).await?;
    app.fill("#case-description", description).await?;
    app.choose("#case-priority", "urgent").await?;
    app.click("#open-case").await?;
    let case_id = attr(app, "#case-detail", "data-case-id").await?;
    app.eventually("the case waits for its number", || {
        app.is_shown("#case-detail [data-pending='true']")
    })
    .await?;
    app.eventually("the toolbar says offline", || async {
        Ok(app.text("#connection-status").await?.contains("Offline"))
    })
    .await?;

    // Listed at once with the open cases, pending; the toolbar counts the change.
    app.click("#page-back").await?;
    app.wait_for("main#content[data-page='support-cases'] #cases-tabs")
        .await?;
    let row = format!("{CASE_ROWS}[data-case-id='{case_id}']");
    let pending_badge = format!("{row} [data-pending='true']");
    app.eventually("the new case is listed as pending", || {
        app.is_shown(&pending_badge)
    })
    .await?;
    let pending = app.wait_for("#pending-count").await?;
    assert_ne!(
        pending.attr("data-count").await?.as_deref(),
        Some("0"),
        "the case is a pending change"
    );
    assert!(
        server_support_case(&base, &case_id).await.is_err(),
        "the server is down"
    );
    shoot(app, "support-case-pending").await?;

    // The server is back: the case reaches it and is numbered.
    world.server.start().await?;
    sync_until(app, "the case is numbered", || async {
        Ok(app
            .text(&format!("{row} .row-open"))
            .await?
            .starts_with("CS-"))
    })
    .await?;
    app.eventually("nothing is pending", || async {
        Ok(attr(app, "#pending-count", "data-count").await? == "0")
    })
    .await?;
    let number = server_has_case(
        &base,
        &case_id,
        &customer_id,
        subject,
        "urgent",
        description,
    )
    .await?;
    assert_eq!(app.text(&format!("{row} .row-open")).await?, number);
    Ok(())
}
