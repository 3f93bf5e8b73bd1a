//! From a deal to a live customer, as a partner's administrator does it: a quote of two products
//! priced as it is typed, sent, revised, sent again and accepted, exported as both PDFs, then the
//! order completed and submitted while the server is down, and provisioned once it is back.

use crate::harness::{App, Scenario};
use crate::server_api::ServerApi;
use crate::sync::{open_page, rows};
use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;
use portal_core::{
    api::partner::PartnerDetails,
    money::Percent,
    pricebook::{PriceBook, Product},
    pricing::{self, PricedQuote, QuoteLine},
    quoting::PdfAudience,
    shell::commands::ExportQuotePdf,
    sync::Entity,
};
use serde_json::json;
use std::{
    path::Path,
    time::{Duration, Instant},
};

const ADMIN: &str = "admin@northwind.example";
const PROSPECT: &str = "Relecloud";
const DOMAIN: &str = "relecloud.example";
/// The company as the customer's purchase order names it: what the vendor provisions.
const CUSTOMER: &str = "Relecloud Holdings Ltd";
const PO_NUMBER: &str = "PO-RC-2026-0417";

/// The firm's price book as the server prices from it, read through the server's own API (the
/// products of a full pull and the firm's margin): the test's figures do not come from the app.
async fn server_price_book(base: &str, email: &str) -> Result<PriceBook> {
    let api = ServerApi::sign_in(base, email).await?;
    let partner: PartnerDetails = api.get("/api/v1/partner").await?;
    let products = api
        .changes()
        .await?
        .into_iter()
        .filter(|c| c.entity == Entity::Product)
        .filter_map(|c| c.body)
        .map(serde_json::from_value::<Product>)
        .collect::<Result<Vec<_>, _>>()?;
    api.sign_out().await?;
    ensure!(!products.is_empty(), "the server's pull has no products");
    Ok(PriceBook {
        products,
        margin: partner.margin,
    })
}

fn product<'a>(book: &'a PriceBook, sku: &str) -> Result<&'a Product> {
    book.products
        .iter()
        .find(|p| p.sku == sku)
        .with_context(|| format!("no {sku} in the price book"))
}

/// What portal-core's pricing engine makes of these lines with the server's price book.
fn priced(book: &PriceBook, lines: &[QuoteLine]) -> Result<PricedQuote> {
    let currency = book
        .product(lines[0].product_id)
        .context("the first line's product")?
        .list_price
        .currency;
    pricing::price_quote(book, lines, currency)
        .map_err(|e| anyhow::anyhow!("the lines do not price: {e:?}"))
}

/// The builder's live figures match `expected`, line by line and in both totals blocks.
async fn builder_shows(app: &App, expected: &PricedQuote) -> Result<()> {
    let total = expected.totals.total.to_string();
    app.eventually(&format!("the builder's total is {total}"), || async {
        Ok(app.text("#quote-summary-total").await? == total)
    })
    .await?;
    for (i, line) in expected.lines.iter().enumerate() {
        let shown = app
            .text(&format!("#quote-line-{i}-total .line-figure-main"))
            .await?;
        assert_eq!(shown, line.total.to_string(), "line {i}'s total");
    }
    let t = &expected.totals;
    for (figure, value) in [
        ("total", t.total),
        ("rrp_total", t.rrp_total),
        ("cost_total", t.cost_total),
        ("margin", t.margin),
    ] {
        let shown = app
            .text(&format!("#quote-form-totals [data-figure='{figure}'] dd"))
            .await?;
        assert!(
            shown.starts_with(&value.to_string()),
            "the builder's {figure} is {value}: {shown}"
        );
    }
    assert!(
        !app.is_shown("#quote-summary-approval").await?,
        "discounts within the caps need no approval"
    );
    Ok(())
}

/// The saved quote's detail shows `expected`'s total, and the quote no longer waits for the server.
async fn detail_settles(app: &App, status: &str, expected: &PricedQuote) -> Result<()> {
    let total = expected.totals.total.to_string();
    app.eventually(
        &format!("the quote is {status}, numbered and taken by the server"),
        || async {
            Ok(app
                .is_shown(&format!("#quote-detail[data-status='{status}']"))
                .await?
                && app.text("main#content h1").await?.starts_with("Q-")
                && !app.is_shown("#quote-waiting").await?)
        },
    )
    .await?;
    assert_eq!(
        app.text("#quote-totals [data-figure='total'] .totals-grand")
            .await?,
        total,
        "the saved quote's total is the builder's"
    );
    Ok(())
}

/// Takes a step from the quote's page and waits until the server has taken it.
async fn quote_step(app: &App, button: &str, status: &str) -> Result<()> {
    app.eventually(&format!("{button} can be pressed"), || async {
        Ok(app.is_shown(button).await? && app.wait_for(button).await?.is_enabled().await?)
    })
    .await?;
    app.click(button).await?;
    app.eventually(&format!("the quote is {status} on the server"), || async {
        Ok(app
            .is_shown(&format!("#quote-detail[data-status='{status}']"))
            .await?
            && !app.is_shown("#quote-waiting").await?)
    })
    .await
}

/// Waits until the app has nothing left to send.
async fn all_synced(app: &App) -> Result<()> {
    app.eventually("nothing is pending", || async {
        let count = app.wait_for("#pending-count").await?;
        Ok(count.attr("data-count").await?.as_deref() == Some("0")
            && count.attr("data-attention").await?.as_deref() == Some("0"))
    })
    .await
}

/// Exports one of the quote's PDFs through the shell's command, with the path a save dialog would
/// give, and checks it is a PDF; renders its first page next to the screenshots.
async fn export_pdf(app: &App, quote_id: &str, audience: &str, dir: &Path) -> Result<()> {
    let path = dir.join(format!("quote-{audience}.pdf"));
    let saved = app
        .invoke(&ExportQuotePdf {
            id: quote_id.parse()?,
            audience: PdfAudience::parse(audience).context("an audience's wire name")?,
            path: Some(path.display().to_string()),
        })
        .await?;
    assert_eq!(saved, Some(path.display().to_string()));
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    assert!(
        bytes.starts_with(b"%PDF"),
        "the {audience} PDF is a PDF ({} bytes)",
        bytes.len()
    );
    if let Some(shots) = std::env::var_os("PORTAL_SCREENSHOTS") {
        std::fs::create_dir_all(&shots)?;
        let out = Path::new(&shots).join(format!("quote-pdf-{audience}"));
        match std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "80", "-singlefile"])
            .arg(&path)
            .arg(&out)
            .status()
        {
            Ok(s) if s.success() => {}
            Ok(s) => bail!("pdftoppm failed on the {audience} PDF: {s}"),
            Err(e) => println!("note: the {audience} PDF is not rendered (pdftoppm: {e})"),
        }
    }
    Ok(())
}

/// Presses Sync now until `done` holds: the vendor provisions on its own clock.
async fn sync_until(app: &App, what: &str, done: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if app.is_shown(done).await? {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("timed out syncing until {what}");
        }
        let button = app.wait_for("#sync-now").await?;
        if button.is_enabled().await? {
            button.click().await?;
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
}

#[tokio::test]
async fn a_quote_is_revised_accepted_and_ordered_offline_and_the_vendor_provisions_the_customer(
) -> Result<()> {
    let started = Instant::now();
    // The vendor provisions every second (a step per tick), not every few minutes.
    let mut world = Scenario::start_with(|c| c.orders.provision_interval_secs = 1).await?;
    let book = server_price_book(&world.server.base_url(), ADMIN).await?;

    let app = world.signed_in(ADMIN, false).await?;
    if let Err(e) = journey(&mut world, &app, &book).await {
        // What the window showed when it went wrong, for whoever reads the failure.
        app.screenshot("quotes-failure").await.ok();
        return Err(e);
    }
    app.quit().await?;
    println!("quotes end-to-end: {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Everything after signing in; the test takes a screenshot when it fails.
async fn journey(world: &mut Scenario, app: &App, book: &PriceBook) -> Result<()> {
    let gateway = product(book, "BM-GW")?;
    let archive = product(book, "BM-ARC")?;
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;

    // A new prospect, and a deal registered on it.
    open_page(app, "Sales", "prospects").await?;
    app.click("#new-prospect").await?;
    app.fill("#prospect-company_name", PROSPECT).await?;
    app.fill("#prospect-domain", DOMAIN).await?;
    app.fill("#prospect-mailboxes", "450").await?;
    app.fill("#prospect-primary_contact-first_name", "Ayo")
        .await?;
    app.fill("#prospect-primary_contact-last_name", "Okafor")
        .await?;
    app.fill("#prospect-primary_contact-email", &format!("ayo@{DOMAIN}"))
        .await?;
    app.click("#save-prospect").await?;
    app.wait_for("#prospect-detail").await?;
    app.click("#register-deal").await?;
    app.wait_for("#deal-form").await?;
    app.click(".product-option input").await?;
    app.fill("#deal-estimated_value", "48,000").await?;
    app.client
        .execute(
            "const el = document.querySelector('#deal-expected_close');
             el.value = arguments[0];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!((chrono::Utc::now().date_naive()
                + chrono::Days::new(45))
            .to_string())],
        )
        .await?;
    app.click("#save-submit-deal").await?;
    app.wait_for("#deal-detail").await?;

    // From the deal: a quote of two products, priced as it is typed.
    app.click("#new-quote-for-deal").await?;
    app.wait_for("#quote-form[data-mode='new']").await?;
    assert_eq!(app.value("#quote-prospect").await?, PROSPECT);
    assert!(
        !app.value("#quote-deal").await?.is_empty(),
        "the quote prices the deal it was started from"
    );
    assert_eq!(
        app.value("#quote-line-0-quantity").await?,
        "450",
        "the prospect's mailboxes are the first line's quantity"
    );
    app.choose("#quote-line-0-product", &gateway.id.to_string())
        .await?;
    app.choose("#quote-line-0-term", "36").await?;
    app.fill("#quote-line-0-discount", "12.5").await?;
    app.click("#add-quote-line").await?;
    app.choose("#quote-line-1-product", &archive.id.to_string())
        .await?;
    app.fill("#quote-line-1-quantity", "120").await?;
    app.choose("#quote-line-1-term", "24").await?;
    app.fill("#quote-line-1-discount", "8").await?;
    let mut lines = vec![
        QuoteLine {
            product_id: gateway.id,
            quantity: 450,
            term_months: 36,
            discount: Percent(1250),
        },
        QuoteLine {
            product_id: archive.id,
            quantity: 120,
            term_months: 24,
            discount: Percent(800),
        },
    ];
    let first = priced(book, &lines)?;
    builder_shows(app, &first).await?;
    app.scroll_to(Some("#quote-lines-section"), false).await?;
    app.screenshot("quote-builder").await?;
    app.click("#save-quote").await?;
    detail_settles(app, "draft", &first).await?;
    let number = app.text("main#content h1").await?;
    assert_eq!(
        rows(app, "#quote-lines-table tbody tr").await?,
        2,
        "both lines are saved"
    );

    // Sent; the customer wants more mailboxes: a revision, with the same number.
    quote_step(app, "#quote-action-send", "sent").await?;
    app.click("#revise-quote").await?;
    app.wait_for("#quote-form[data-mode='edit']").await?;
    assert_eq!(app.value("#quote-line-0-quantity").await?, "450");
    app.fill("#quote-line-0-quantity", "520").await?;
    lines[0].quantity = 520;
    let second = priced(book, &lines)?;
    assert_ne!(second.totals.total, first.totals.total);
    builder_shows(app, &second).await?;
    app.click("#save-quote").await?;
    detail_settles(app, "draft", &second).await?;
    assert_eq!(
        app.text("main#content h1").await?,
        format!("{number} rev 2"),
        "the revision keeps the quote's number"
    );
    app.eventually("the first revision is listed as superseded", || async {
        Ok(rows(app, "#quote-revisions tr[data-quote-id]").await? == 2
            && app
                .text("#quote-revisions tr[data-status='superseded']")
                .await?
                .contains("Revision 1"))
    })
    .await?;

    // Sent again and accepted.
    quote_step(app, "#quote-action-send", "sent").await?;
    quote_step(app, "#quote-action-accept", "accepted").await?;
    assert_eq!(app.text("#quote-status").await?, "Accepted");
    app.wait_for("#start-order").await?;
    app.scroll_to(None, false).await?;
    app.screenshot("quote-detail").await?;
    app.scroll_to(Some(".quote-revisions-card"), true).await?;
    app.screenshot("quote-detail-revisions").await?;

    // Both PDFs, through the shell's own export (the save dialog is the OS's, out of reach).
    let quote_id = app
        .wait_for("#quote-detail")
        .await?
        .attr("data-quote-id")
        .await?
        .context("the quote's id")?;
    let pdfs = tempfile::Builder::new().prefix("portal-pdfs-").tempdir()?;
    export_pdf(app, &quote_id, "customer", pdfs.path()).await?;
    export_pdf(app, &quote_id, "internal", pdfs.path()).await?;

    // The order: the customer's details and purchase order, saved while waiting for approval.
    app.click("#start-order").await?;
    app.wait_for("#order-form").await?;
    app.fill("#order-company_name", CUSTOMER).await?;
    app.fill("#order-sector", "Finance").await?;
    app.fill("#order-address-line1", "1 Canada Square").await?;
    app.fill("#order-address-city", "London").await?;
    app.fill("#order-address-postal_code", "E14 5AB").await?;
    app.fill("#order-address-country", "United Kingdom").await?;
    app.fill("#order-po_number", PO_NUMBER).await?;
    // The purchase order itself, as the file chooser would hand it over.
    let po_file = pdfs.path().join(format!("{PO_NUMBER}.pdf"));
    std::fs::copy(pdfs.path().join("quote-customer.pdf"), &po_file)?;
    app.wait_for("#order-po-file-input")
        .await?
        .send_keys(&po_file.display().to_string())
        .await
        .context("choosing the PO file")?;
    let attached =
        format!("#order-po-file[data-state='attached'][data-file-name='{PO_NUMBER}.pdf']");
    app.eventually("the PO file is attached", || app.is_shown(&attached))
        .await?;
    app.scroll_to(None, false).await?;
    app.screenshot("order-form").await?;
    app.click("#save-order").await?;
    app.wait_for("#order-detail[data-status='pending_customer_approval']")
        .await?;
    all_synced(app).await?;

    // The server goes down; the administrator submits anyway.
    world.server.stop().await?;
    app.click("#submit-order").await?;
    app.eventually("the order waits for the server", || async {
        Ok(app
            .is_shown("#order-detail[data-status='submitted'][data-waiting='true']")
            .await?
            && app.is_shown("#order-waiting").await?)
    })
    .await?;

    // Pending Changes says what the quote and the order carried in words, not as JSON.
    app.click("#pending-count").await?;
    app.wait_for("main#content[data-page='pending-changes']")
        .await?;
    let quote = "#pending-table tr[data-entity='quote'] details.entered";
    let order = "#pending-table tr[data-entity='order'] details.entered";
    app.wait_for(quote).await?;
    app.wait_for(order).await?;
    app.client
        .execute(
            "document.querySelectorAll('#pending-table details.entered')
                 .forEach(d => d.open = true);",
            vec![],
        )
        .await?;
    let lines = app
        .text(&format!("{quote} [data-field='lines'] dd"))
        .await?;
    assert!(
        lines.contains(&format!("{} · ", gateway.name))
            && lines.contains(" mailboxes · 36 months · 12.5% off"),
        "a quote line in words: {lines}"
    );
    let totals = app
        .text(&format!("{quote} [data-field='totals'] dd"))
        .await?;
    assert!(
        totals.starts_with("Total ") && totals.contains("(cost "),
        "the totals in words: {totals}"
    );
    let po = app
        .text(&format!("{order} [data-field='po_attachment'] dd"))
        .await?;
    assert!(
        po.starts_with(&format!("{PO_NUMBER}.pdf (")),
        "the PO file by name and size: {po}"
    );
    app.screenshot("pending-changes-order").await?;
    app.scroll_to(Some(quote), false).await?;
    app.screenshot("pending-changes-quote").await?;
    open_page(app, "Customers", "orders").await?;
    let row = "#orders-submitted-table tr[data-order-id][data-waiting='true']";
    app.eventually(
        "the list has it submitted, waiting for the server",
        || async { Ok(app.is_shown(row).await? && app.text(row).await?.contains(CUSTOMER)) },
    )
    .await?;
    app.click(&format!("{row} .row-open")).await?;
    app.wait_for("#order-detail").await?;

    // The server is back: the order reaches the vendor, who provisions the customer.
    world.server.start().await?;
    sync_until(
        app,
        "the order is provisioned",
        "#order-detail[data-status='provisioned']",
    )
    .await?;
    app.eventually("the new customer is named", || {
        app.is_shown("#order-customer-link")
    })
    .await?;
    assert_eq!(app.text("#order-customer-link").await?, CUSTOMER);
    assert!(!app.is_shown("#order-waiting").await?);
    assert_eq!(
        app.text("#order-po-file-name .selectable").await?,
        format!("{PO_NUMBER}.pdf"),
        "the PO file went with the order"
    );
    app.screenshot("order-detail").await?;

    open_page(app, "Customers", "orders").await?;
    app.eventually("the list has the order provisioned", || async {
        let provisioned = app
            .client
            .find_all(Locator::Css(
                "#orders-submitted-table tr[data-status='provisioned']",
            ))
            .await?;
        for row in provisioned {
            if row.text().await?.contains(CUSTOMER) {
                return Ok(true);
            }
        }
        Ok(false)
    })
    .await?;
    app.screenshot("orders").await
}
