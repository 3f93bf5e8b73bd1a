//! A refused order, corrected and submitted again, in the real window: the administrator orders
//! the demo data's accepted Tailspin Toys quote (company, sector, address, PO number and PO file)
//! and submits it; the vendor's channel manager refuses it through the server's vendor API; the
//! app shows the refusal with its reason and the way to correct it; the administrator corrects the
//! PO number, saves, submits again, and the vendor provisions it. The server's own API confirms.

use crate::dashboard::attr;
use crate::harness::{App, Scenario};
use crate::server_api::{ServerApi, VendorApi};
use crate::steps::{admin_signed_in, finish, shoot, sync_until, ADMIN};
use crate::sync::open_page;
use anyhow::{ensure, Context, Result};
use portal_core::{
    order::{Order, OrderStatus},
    sync::Entity,
};

/// The demo data's accepted quote that has no order yet.
const PROSPECT: &str = "Tailspin Toys";
const COMPANY: &str = "Tailspin Toys Ltd";
const WRONG_PO: &str = "PO-TT-2026-0088";
const RIGHT_PO: &str = "PO-TT-2026-0091";
const REASON: &str =
    "The PO number does not match the customer's purchase order: it reads PO-TT-2026-0091.";

/// A small PDF for the PO file, as the file chooser would hand it over.
const PO_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
async fn a_refused_order_is_corrected_and_submitted_again_and_then_provisioned() -> Result<()> {
    let world = Scenario::start().await?;
    let app = admin_signed_in(&world).await?;
    let outcome = refused_order(&app, &world).await;
    finish(app, "order-refused-failure", outcome).await
}

/// Whether the order's page shows `status`, no longer waiting for the server.
async fn settled(app: &App, status: OrderStatus) -> Result<bool> {
    let css = format!("#order-detail[data-status='{}']", status.as_str());
    Ok(app.is_shown(&css).await? && attr(app, "#order-detail", "data-waiting").await?.is_empty())
}

/// The order `id` as the server holds it, read through its API as the administrator.
async fn server_order(base: &str, id: &str) -> Result<Order> {
    let api = ServerApi::sign_in(base, ADMIN).await?;
    let order = api.record::<Order>(Entity::Order, id).await?;
    api.sign_out().await?;
    order.with_context(|| format!("the server has the order {id}"))
}

async fn refused_order(app: &App, world: &Scenario) -> Result<()> {
    let base = world.server.base_url();

    // The accepted quote, found by its prospect; an order started from it.
    open_page(app, "Sales", "quotes").await?;
    app.choose("#quote-status-filter", "accepted").await?;
    app.fill("#quote-search", PROSPECT).await?;
    let row = "#quotes-table tbody tr[data-status='accepted']";
    app.eventually("only the accepted Tailspin quote is listed", || async {
        let rows = app.client.find_all(fantoccini::Locator::Css(row)).await?;
        Ok(rows.len() == 1 && rows[0].text().await?.contains(PROSPECT))
    })
    .await?;
    app.click(&format!("{row} .row-open")).await?;
    app.wait_for("#quote-detail[data-status='accepted']")
        .await?;
    app.click("#start-order").await?;
    app.wait_for("#order-form").await?;

    // The details and the purchase order, then Submit order.
    app.fill("#order-company_name", COMPANY).await?;
    app.fill("#order-sector", "Retail").await?;
    app.fill("#order-address-line1", "200 Harbour Street")
        .await?;
    app.fill("#order-address-city", "Portland").await?;
    app.fill("#order-address-region", "OR").await?;
    app.fill("#order-address-postal_code", "97201").await?;
    app.fill("#order-address-country", "United States").await?;
    app.fill("#order-po_number", WRONG_PO).await?;
    let files = tempfile::Builder::new().prefix("portal-po-").tempdir()?;
    let po_file = files.path().join(format!("{WRONG_PO}.pdf"));
    std::fs::write(&po_file, PO_PDF)?;
    app.wait_for("#order-po-file-input")
        .await?
        .send_keys(&po_file.display().to_string())
        .await
        .context("choosing the PO file")?;
    let attached =
        format!("#order-po-file[data-state='attached'][data-file-name='{WRONG_PO}.pdf']");
    app.eventually("the PO file is attached", || app.is_shown(&attached))
        .await?;
    app.click("#order-form #submit-order").await?;
    app.wait_for("#order-detail").await?;
    sync_until(app, "the server takes the order", || {
        settled(app, OrderStatus::Submitted)
    })
    .await?;
    let order_id = attr(app, "#order-detail", "data-order-id").await?;
    ensure!(!order_id.is_empty(), "the order's page names the order");

    // The vendor's channel manager refuses it.
    let vendor = VendorApi::sign_in(&base).await?;
    let refused = vendor.refuse_order(&order_id, REASON).await?;
    vendor.sign_out().await?;
    assert_eq!(refused.status, OrderStatus::Refused);

    // The app shows the refusal, its reason, and the way to correct it.
    sync_until(app, "the refusal reaches the app", || async {
        Ok(settled(app, OrderStatus::Refused).await? && app.is_shown("#order-refused").await?)
    })
    .await?;
    assert_eq!(app.text("#order-status-reason").await?, REASON);
    let banner = app.text("#order-refused").await?;
    assert!(
        banner.starts_with("The vendor refused this order.")
            && banner.contains("Correct it with Edit details, then press Submit again"),
        "the banner says what happened and what to do: {banner}"
    );
    assert_eq!(app.text("#order-status").await?, "Refused");
    assert_eq!(app.text("#edit-order").await?, "Edit details");
    assert_eq!(app.text("#submit-order").await?, "Submit again");
    shoot(app, "order-refused").await?;

    // Corrected: the PO number, saved; the order stays refused until it is submitted again.
    app.click("#edit-order").await?;
    app.wait_for("#order-form").await?;
    assert_eq!(app.value("#order-po_number").await?, WRONG_PO);
    app.fill("#order-po_number", RIGHT_PO).await?;
    app.click("#save-order").await?;
    app.wait_for("#order-detail[data-status='refused']").await?;
    app.eventually("the corrected PO number shows", || async {
        Ok(app
            .text("#order-detail [data-field='po_number'] dd")
            .await?
            == RIGHT_PO)
    })
    .await?;
    sync_until(app, "the correction reaches the server", || async {
        Ok(attr(app, "#pending-count", "data-count").await? == "0"
            && settled(app, OrderStatus::Refused).await?)
    })
    .await?;

    // Submitted again: the server takes it, and the refusal is gone.
    app.click("#submit-order").await?;
    sync_until(app, "the server takes the order again", || {
        settled(app, OrderStatus::Submitted)
    })
    .await?;
    assert!(!app.is_shown("#order-refused").await?);
    let order = server_order(&base, &order_id).await?;
    assert_eq!(order.status, OrderStatus::Submitted, "{order:?}");
    assert_eq!(order.po_number, RIGHT_PO, "{order:?}");

    // The vendor processes and provisions it (a step per tick).
    world.server.provision_orders().await?;
    world.server.provision_orders().await?;
    sync_until(app, "the order is provisioned", || {
        settled(app, OrderStatus::Provisioned)
    })
    .await?;
    let order = server_order(&base, &order_id).await?;
    assert_eq!(order.status, OrderStatus::Provisioned, "{order:?}");
    assert_eq!(order.po_number, RIGHT_PO, "{order:?}");
    assert_eq!(order.status_reason, None, "{order:?}");
    Ok(())
}
