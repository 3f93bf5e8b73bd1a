//! The Customers area as a partner's administrator works in it, on the seeded demo data: the
//! customers, the renewals by window and product, the invoices by type and number, the support
//! cases open and closed, one of each opened; and a new support case, checked as it is typed,
//! saved, numbered by the server — also when it was opened with the server down.

use crate::dashboard::{attr, due_dates, leading_number};
use crate::harness::{App, Scenario};
use crate::server_api::ServerApi;
use crate::sync::{open_page, rows};
use anyhow::{bail, Context, Result};
use fantoccini::{
    actions::{InputSource, MouseActions, PointerAction},
    Locator,
};
use portal_core::sync::Entity;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ADMIN: &str = "admin@northwind.example";

const CUSTOMER_ROWS: &str = "#customers-table tbody tr[data-customer-id]";
const RENEWAL_ROWS: &str = "#renewals-table tbody tr[data-renewal-id]";
const INVOICE_ROWS: &str = "#invoices-table tbody tr[data-invoice-id]";
const CASE_ROWS: &str = "#cases-table tbody tr[data-case-id]";

/// Signs the administrator in and waits for the first sync, which brings the Customers area.
async fn admin_signed_in(world: &Scenario) -> Result<App> {
    let app = world.signed_in(ADMIN, false).await?;
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    Ok(app)
}

/// The text of every element matching `css`, in order.
async fn texts(app: &App, css: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in app.client.find_all(Locator::Css(css)).await? {
        out.push(el.text().await?);
    }
    Ok(out)
}

/// The attribute `name` of every element matching `css`, in order (empty when missing).
async fn attrs(app: &App, css: &str, name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in app.client.find_all(Locator::Css(css)).await? {
        out.push(el.attr(name).await?.unwrap_or_default());
    }
    Ok(out)
}

/// Clicks a segmented control's button and waits until it is the pressed one.
async fn press(app: &App, css: &str) -> Result<()> {
    app.click(css).await?;
    app.eventually(&format!("{css} is pressed"), || async {
        Ok(attr(app, css, "aria-pressed").await? == "true")
    })
    .await
}

/// Screenshots the page from its top, with no field focused and the mouse pointer resting on the
/// blank band under the toolbar, so that no row shows as hovered.
async fn shoot(app: &App, name: &str) -> Result<()> {
    app.scroll_to(None, false).await?;
    let rest = MouseActions::new("rest".into()).then(PointerAction::MoveTo {
        duration: None,
        x: 640.0,
        y: 68.0,
    });
    // Best effort: a driver without pointer actions still gets its screenshot.
    app.client.perform_actions(rest).await.ok();
    app.screenshot(name).await
}

/// Presses Sync now (when it can be pressed) until `done` holds.
async fn sync_until<F, Fut>(app: &App, what: &str, mut done: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if matches!(done().await, Ok(true)) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("timed out syncing until {what}");
        }
        let button = app.wait_for("#sync-now").await?;
        if button.is_enabled().await? {
            button.click().await.ok();
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
}

/// The support case `id` as the server holds it, read through its API (a whole pull of `GET
/// /api/v1/sync/changes` as the administrator), or `None` when the server does not have it.
async fn server_support_case(base: &str, id: &str) -> Result<Option<Value>> {
    let api = ServerApi::sign_in(base, ADMIN).await?;
    let found = api
        .changes()
        .await?
        .into_iter()
        .rfind(|c| c.entity == Entity::SupportCase && c.id.to_string() == id)
        .and_then(|c| c.body);
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

/// Quits the app when the test's steps went well; otherwise keeps what the window showed (a
/// screenshot named `failure`, and the page's text in the output) for whoever reads the failure.
async fn finish(app: App, failure: &str, outcome: Result<()>) -> Result<()> {
    if let Err(e) = outcome {
        app.screenshot(failure).await.ok();
        if let Ok(page) = app.text("main#content").await {
            println!("the page when it failed:\n{page}");
        }
        app.quit().await.ok();
        return Err(e);
    }
    app.quit().await
}

#[tokio::test]
async fn customers_and_renewals_list_filter_and_open_with_the_demo_data() -> Result<()> {
    let world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = customers_and_renewals(&app).await;
    finish(app, "customers-failure", outcome).await
}

async fn customers_and_renewals(app: &App) -> Result<()> {
    // Customers: every one of the firm's customers, searched by domain, one opened.
    open_page(app, "Customers", "customers").await?;
    app.eventually("the customers are listed", || async {
        Ok(rows(app, CUSTOMER_ROWS).await? > 1)
    })
    .await?;
    let total = leading_number(&app.text("#customers-count").await?)?;
    assert_eq!(
        rows(app, CUSTOMER_ROWS).await?,
        usize::try_from(total)?.min(50),
        "the list shows its count's customers (a page at most)"
    );
    shoot(app, "customers").await?;

    let last = format!("{CUSTOMER_ROWS}:last-child");
    let name = app.text(&format!("{last} .row-open")).await?;
    let domain = app.text(&format!("{last} .cell-sub")).await?;
    app.fill("#customer-search", &domain).await?;
    app.eventually(&format!("only {domain} is listed"), || async {
        Ok(texts(app, &format!("{CUSTOMER_ROWS} .row-open")).await? == [name.clone()])
    })
    .await?;
    assert_eq!(leading_number(&app.text("#customers-count").await?)?, 1);
    app.fill("#customer-search", "no-such-customer-anywhere")
        .await?;
    app.wait_for("#customers-empty").await?;
    app.fill("#customer-search", "").await?;
    app.eventually("every customer is listed again", || async {
        Ok(leading_number(&app.text("#customers-count").await?)? == total)
    })
    .await?;
    app.click(&format!("{CUSTOMER_ROWS}:first-child .row-open"))
        .await?;
    app.wait_for("#customer-detail").await?;
    let heading = app.text("main#content h1").await?;
    assert!(!heading.is_empty() && heading != "Customer", "{heading}");
    assert!(
        rows(app, "#customer-subscriptions tbody tr").await? > 0,
        "{heading} has subscriptions"
    );
    app.click("#page-back").await?;
    app.wait_for(CUSTOMER_ROWS).await?;

    // Renewals: by window, each window's rows due inside it, and by product.
    open_page(app, "Customers", "renewals").await?;
    let today = chrono::Utc::now().date_naive();
    let mut shown_before = usize::MAX;
    for (window, days) in [("days365", 365), ("days90", 90), ("days30", 30)] {
        press(app, &format!("#renewal-window [data-window='{window}']")).await?;
        app.eventually(&format!("the {window} renewals are listed"), || async {
            let dates = due_dates(app).await?;
            Ok(!dates.is_empty()
                && dates
                    .iter()
                    .all(|d| *d >= today && *d <= today + chrono::Days::new(days)))
        })
        .await?;
        let shown = leading_number(&app.text("#renewals-count").await?)?;
        let shown = usize::try_from(shown)?;
        assert!(
            shown <= shown_before,
            "a shorter window lists no more renewals ({window}: {shown}, before: {shown_before})"
        );
        shown_before = shown;
    }
    press(app, "#renewal-window [data-window='days90']").await?;
    app.eventually("the 90-day total shows", || {
        app.is_shown("#renewals-total-value")
    })
    .await?;
    shoot(app, "renewals").await?;

    let products = app
        .client
        .find_all(Locator::Css("#renewal-product-filter option"))
        .await?;
    let product = products
        .get(1)
        .context("the product filter lists products")?;
    let (product_id, product_name) = (
        product.attr("value").await?.unwrap_or_default(),
        product.text().await?,
    );
    app.choose("#renewal-product-filter", &product_id).await?;
    app.eventually(
        &format!("only {product_name} renewals are listed"),
        || async {
            let names = texts(app, &format!("{RENEWAL_ROWS} td:nth-child(2)")).await?;
            Ok(!names.is_empty() && names.iter().all(|n| *n == product_name))
        },
    )
    .await?;
    app.choose("#renewal-product-filter", "").await?;
    Ok(())
}

#[tokio::test]
async fn invoices_filter_by_type_and_number_and_one_opens_with_its_customer() -> Result<()> {
    let world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = invoices(&app).await;
    finish(app, "invoices-failure", outcome).await
}

async fn invoices(app: &App) -> Result<()> {
    open_page(app, "Customers", "invoices").await?;
    app.eventually("the invoices are listed", || async {
        Ok(rows(app, INVOICE_ROWS).await? > 1)
    })
    .await?;
    let total = leading_number(&app.text("#invoices-count").await?)?;
    let kinds = attrs(app, INVOICE_ROWS, "data-kind").await?;
    assert!(
        kinds.iter().any(|k| k == "customer") && kinds.iter().any(|k| k == "consolidated"),
        "both kinds of invoice are listed: {kinds:?}"
    );
    shoot(app, "invoices").await?;

    // Consolidated only; then one of them by its number.
    press(app, "#invoice-kind [data-kind='consolidated']").await?;
    app.eventually("only consolidated invoices are listed", || async {
        let kinds = attrs(app, INVOICE_ROWS, "data-kind").await?;
        Ok(!kinds.is_empty() && kinds.iter().all(|k| k == "consolidated"))
    })
    .await?;
    let consolidated = leading_number(&app.text("#invoices-count").await?)?;
    assert!(consolidated < total, "{consolidated} of {total}");
    let number = app
        .text(&format!("{INVOICE_ROWS}:last-child .row-open"))
        .await?;
    app.fill("#invoice-number-search", &number).await?;
    app.eventually(&format!("only {number} is listed"), || async {
        Ok(texts(app, &format!("{INVOICE_ROWS} .row-open")).await? == [number.clone()])
    })
    .await?;
    app.fill("#invoice-number-search", "").await?;

    // A customer's invoice, opened: its number, total and the customer it bills.
    press(app, "#invoice-kind [data-kind='customer']").await?;
    app.eventually("only customer invoices are listed", || async {
        let kinds = attrs(app, INVOICE_ROWS, "data-kind").await?;
        Ok(kinds.len() > 1 && kinds.iter().all(|k| k == "customer"))
    })
    .await?;
    let first = format!("{INVOICE_ROWS}:first-child");
    let number = app.text(&format!("{first} .row-open")).await?;
    let customer = app.text(&format!("{first} td:nth-child(3)")).await?;
    let total = app.text(&format!("{first} td:nth-child(6)")).await?;
    app.click(&format!("{first} .row-open")).await?;
    app.wait_for("#invoice-detail").await?;
    assert_eq!(app.text("main#content h1").await?, number);
    assert_eq!(app.text("#invoice-customer-link").await?, customer);
    assert_eq!(app.text("#invoice-detail .totals-grand").await?, total);
    assert!(app.is_shown("#invoice-status").await?);
    shoot(app, "invoice-detail").await?;

    app.click("#invoice-customer-link").await?;
    app.wait_for("main#content[data-page='customers'] #customer-detail")
        .await?;
    assert_eq!(app.text("main#content h1").await?, customer);
    app.eventually("the customer's invoices include it", || async {
        Ok(texts(app, "#customer-invoices tbody tr .row-open")
            .await?
            .contains(&number))
    })
    .await?;
    Ok(())
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
