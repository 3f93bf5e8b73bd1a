//! Orders: the real client against the real server on 127.0.0.1:0 with a fresh, seeded database.
//! An accepted quote becomes an order prefilled from its prospect, waits for the customer's
//! details and purchase order, is submitted while the server is down (waiting for the server),
//! reaches the vendor with its file when the server is back, and comes back provisioned with the
//! new customer.

mod support;

use anyhow::{Context, Result};
use chrono::{Days, Utc};
use portal_client::{ClientError, Portal};
use portal_core::{
    api::partner::Address as ProspectAddress,
    ids::ProspectId,
    order::{OrderForm, OrderStatus},
    pending::ChangeState,
    prospect::{Contact, ProspectForm},
    quote::{LineForm, QuoteAction, QuoteFor, QuoteForm, QuoteStatus},
    quoting::OrderQuery,
    shell::Connection,
    ErrorKind,
};
use portal_server::testing::TestServer;
use support::{signed_in, synced, ADMIN};
use tempfile::TempDir;

struct App {
    portal: Portal,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    Ok(App { portal, _dir: dir })
}

async fn prospect(portal: &Portal) -> Result<ProspectId> {
    let form = ProspectForm {
        company_name: "Umber Logistics".into(),
        domain: "umberlogistics.example".into(),
        sector: "Logistics".into(),
        address: ProspectAddress {
            line1: "12 Quay Street".into(),
            city: "Leith".into(),
            postal_code: "EH6 6LX".into(),
            country: "United Kingdom".into(),
            ..ProspectAddress::default()
        },
        mailboxes: "420".into(),
        primary_contact: Contact {
            first_name: "Uma".into(),
            last_name: "Berg".into(),
            email: "uma@umberlogistics.example".into(),
            ..Contact::default()
        },
        ..ProspectForm::default()
    };
    let id = portal.save_prospect(None, form).await?.prospect.id;
    synced(portal).await?;
    Ok(id)
}

/// An accepted quote for the prospect, synced.
async fn accepted_quote(portal: &Portal, prospect: ProspectId) -> Result<QuoteForm> {
    let book = portal.price_book().await?;
    let product = |sku: &str| {
        book.products
            .iter()
            .find(|p| p.sku == sku)
            .map(|p| p.id)
            .with_context(|| sku.to_owned())
    };
    Ok(QuoteForm {
        quote_for: Some(QuoteFor::Prospect(prospect)),
        deal_id: None,
        lines: vec![
            LineForm {
                product_id: Some(product("BM-GW")?),
                quantity: "420".into(),
                term_months: 24,
                discount: "8".into(),
            },
            LineForm {
                product_id: Some(product("BM-ARC")?),
                quantity: "420".into(),
                term_months: 24,
                discount: String::new(),
            },
        ],
        valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
        notes: String::new(),
    })
}

/// The orders list, searched for the test's company.
fn umber_orders() -> OrderQuery {
    OrderQuery {
        search: "umber".into(),
        ..OrderQuery::default()
    }
}

#[tokio::test]
async fn an_accepted_quote_is_ordered_submitted_offline_and_provisioned() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    // The administrator sees the Customers area, where the provisioned customer arrives.
    let admin = app(&server, ADMIN).await?;
    let portal = &admin.portal;
    synced(portal).await?;
    let umber = prospect(portal).await?;
    let quote = portal
        .save_quote(None, accepted_quote(portal, umber).await?)
        .await?;
    let quote_id = quote.quote.id;
    // Not yet accepted: nothing to order.
    let err = portal.start_order(quote_id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    portal.quote_action(quote_id, QuoteAction::Send).await?;
    synced(portal).await?;
    portal.quote_action(quote_id, QuoteAction::Accept).await?;
    synced(portal).await?;
    let accepted = portal.quote(quote_id).await?;
    assert_eq!(accepted.status, QuoteStatus::Accepted);
    let totals = accepted.quote.totals;

    // Prefilled from the prospect, its figures the quote's.
    let started = portal.start_order(quote_id).await?;
    let id = started.order.id;
    assert_eq!(started.order.status, OrderStatus::PendingCustomerApproval);
    assert_eq!(started.order.company_name, "Umber Logistics");
    assert_eq!(started.order.sector, "Logistics");
    assert_eq!(started.order.address.city, "Leith");
    assert_eq!(started.order.address.postal_code, "EH6 6LX");
    assert_eq!(
        (
            started.order.total,
            started.order.rrp_total,
            started.order.cost_total
        ),
        (totals.total, totals.rrp_total, totals.cost_total)
    );
    assert_eq!(started.quote.id, quote_id);
    assert!(started.pending);
    let err = portal.start_order(quote_id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "one order per quote");
    let list = portal.orders(umber_orders()).await?;
    assert_eq!(list.total, 1);
    assert_eq!(list.pending_customer_approval.len(), 1);
    assert!(list.submitted.is_empty());
    let row = &list.pending_customer_approval[0];
    assert_eq!(row.company_name, "Umber Logistics");
    assert_eq!(
        (row.cost_total, row.rrp_total),
        (totals.cost_total, totals.rrp_total)
    );
    assert_eq!(portal.quote(quote_id).await?.order.map(|o| o.id), Some(id));

    // Everything the vendor needs is checked here, every missing field at once.
    let err = portal.submit_order(id).await.unwrap_err();
    let ClientError::Form(errors) = &err else {
        anyhow::bail!("not a form error: {err:?}");
    };
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(fields, ["po_number"]);

    // The customer's purchase order: a file attached to the order, and its number.
    let po = b"%PDF-1.4 purchase order 4411 for Umber Logistics".to_vec();
    let attachment = portal
        .attach_po(
            Some(id),
            "C:\\Scans\\PO-4411.pdf",
            "application/pdf",
            po.clone(),
        )
        .await?;
    assert_eq!(attachment.file_name, "PO-4411.pdf");
    assert_eq!(attachment.size, po.len() as u64);
    let mut form = OrderForm::from_order(&portal.order(id).await?.order);
    assert_eq!(form.po_attachment.as_ref(), Some(&attachment));
    form.po_number = "PO-4411".into();
    form.address.line2 = "Unit 4".into();
    let saved = portal.save_order(id, form).await?;
    assert_eq!(saved.order.po_number, "PO-4411");
    assert_eq!(
        portal.attachment_uploaded(&attachment.sha256).await?,
        Some(false)
    );

    // Submitted while the server is down: waiting for it.
    server.stop().await?;
    let submitted = portal.submit_order(id).await?;
    assert_eq!(submitted.order.status, OrderStatus::Submitted);
    assert!(submitted.waiting_for_server);
    let list = portal.orders(umber_orders()).await?;
    assert_eq!(list.submitted.len(), 1);
    assert!(list.submitted[0].waiting_for_server);
    let offline = portal.sync_now().await?;
    assert_eq!(offline.connection, Connection::Offline);
    assert_eq!(
        portal.attachment_uploaded(&attachment.sha256).await?,
        Some(false)
    );
    assert!(portal.order(id).await?.waiting_for_server);

    server.start().await?;
    synced(portal).await?;
    let taken = portal.order(id).await?;
    assert_eq!(taken.order.status, OrderStatus::Submitted);
    assert!(!taken.waiting_for_server && !taken.pending);
    assert!(taken.order.submitted_on.is_some());
    let number = taken
        .order
        .number
        .clone()
        .context("numbered by the server")?;
    assert!(number.starts_with("SO-"), "{number}");
    assert_eq!(taken.order.po_attachment.as_ref(), Some(&attachment));
    assert_eq!(
        portal.attachment_uploaded(&attachment.sha256).await?,
        Some(true)
    );
    let changes = portal.pending_changes().await?;
    assert!(changes
        .iter()
        .filter(|c| c.record_id == id.0)
        .all(|c| c.state == ChangeState::Synced && c.record_label == number));
    // Uploaded once: the server holds one copy, and later syncs send nothing more.
    synced(portal).await?;
    let db = rusqlite::Connection::open(server.database_path())?;
    let copies: i64 = db.query_row(
        "SELECT COUNT(*) FROM attachments WHERE sha256 = ?1",
        [&attachment.sha256],
        |r| r.get(0),
    )?;
    assert_eq!(copies, 1);

    // The vendor provisions it: the order moves a step per tick.
    server.provision_orders().await?;
    synced(portal).await?;
    assert_eq!(
        portal.order(id).await?.order.status,
        OrderStatus::Processing
    );
    server.provision_orders().await?;
    synced(portal).await?;
    let provisioned = portal.order(id).await?;
    assert_eq!(provisioned.order.status, OrderStatus::Provisioned);
    assert!(provisioned.order.provisioned_on.is_some());
    assert!(provisioned.order.customer_id.is_some());
    assert_eq!(
        provisioned.customer_name.as_deref(),
        Some("Umber Logistics"),
        "the new customer is in the cache"
    );
    let list = portal.orders(umber_orders()).await?;
    assert_eq!(list.submitted[0].status, OrderStatus::Provisioned);
    assert_eq!(list.submitted[0].reference, number);
    Ok(())
}
