//! The Customers area as a partner's administrator works in it, on the seeded demo data: the
//! customers, the renewals by window and product, the invoices by type and number, one of each
//! opened. (Support cases: `support_cases.rs`; orders: `quotes.rs` and `orders.rs`.)

use crate::dashboard::{due_dates, leading_number};
use crate::harness::{App, Scenario};
use crate::steps::{admin_signed_in, attrs, finish, press, shoot, texts};
use crate::sync::{open_page, rows};
use anyhow::{Context, Result};
use fantoccini::Locator;

const CUSTOMER_ROWS: &str = "#customers-table tbody tr[data-customer-id]";
const RENEWAL_ROWS: &str = "#renewals-table tbody tr[data-renewal-id]";
const INVOICE_ROWS: &str = "#invoices-table tbody tr[data-invoice-id]";

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
