//! A refused order is corrected and submitted again: the vendor's channel manager refuses it on the
//! real server with a reason, the app shows it refused with that reason, the partner corrects the
//! purchase-order number (a refused order is with the partner again, by the core's life cycle) and
//! submits it again — shown at once as submitted and waiting for the server — and the vendor takes
//! it and provisions it.

use super::*;

/// The vendor's channel manager refuses the order through the vendor endpoints.
async fn channel_manager_refuses(server: &TestServer, id: OrderId, reason: &str) -> Result<()> {
    let http = reqwest::Client::new();
    let (email, ..) = DEMO_VENDOR_STAFF[0];
    let login: serde_json::Value = http
        .post(format!("{}/api/v1/vendor/auth/login", server.base_url()))
        .json(&serde_json::json!({
            "email": email,
            "password": DEMO_PASSWORD,
            "remember": false,
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("a vendor token")?;
    let refused: serde_json::Value = http
        .post(format!(
            "{}/api/v1/vendor/orders/{id}/refuse",
            server.base_url()
        ))
        .bearer_auth(token)
        .json(&serde_json::json!({ "reason": reason }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    anyhow::ensure!(
        refused["status"] == OrderStatus::Refused.as_str(),
        "the server's answer: {refused}"
    );
    Ok(())
}

#[tokio::test]
async fn a_refused_order_is_corrected_submitted_again_and_provisioned() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let admin = app(&server, ADMIN).await?;
    let portal = &admin.portal;
    synced(portal).await?;
    let umber = prospect(portal).await?;
    let quote_id = portal
        .save_quote(None, accepted_quote(portal, umber).await?)
        .await?
        .quote
        .id;
    portal.quote_action(quote_id, QuoteAction::Send).await?;
    synced(portal).await?;
    portal.quote_action(quote_id, QuoteAction::Accept).await?;
    synced(portal).await?;

    // Ordered, filled and submitted; the server takes it.
    let id = portal.start_order(quote_id).await?.order.id;
    let mut form = OrderForm::from_order(&portal.order(id).await?.order);
    form.po_number = "PO-4411".into();
    portal.save_order(id, form).await?;
    portal.submit_order(id).await?;
    synced(portal).await?;
    let submitted = portal.order(id).await?;
    assert_eq!(submitted.order.status, OrderStatus::Submitted);
    assert!(!submitted.waiting_for_server && !submitted.pending);

    // The vendor refuses it, with the reason the partner reads.
    let reason = "The PO number does not match the customer's purchase order.";
    channel_manager_refuses(&server, id, reason).await?;
    synced(portal).await?;
    let refused = portal.order(id).await?;
    assert_eq!(refused.order.status, OrderStatus::Refused);
    assert_eq!(refused.order.status_reason.as_deref(), Some(reason));
    assert!(!refused.waiting_for_server && !refused.pending);
    let list = portal.orders(umber_orders()).await?;
    assert_eq!(
        list.submitted.len(),
        1,
        "a refused order is the vendor's answer"
    );
    assert_eq!(list.submitted[0].status, OrderStatus::Refused);
    assert_eq!(list.submitted[0].status_reason.as_deref(), Some(reason));

    // Corrected: a refused order is with the partner again, so its details may be edited.
    let mut form = OrderForm::from_order(&refused.order);
    form.po_number = "PO-4411-A".into();
    let corrected = portal.save_order(id, form).await?;
    assert_eq!(corrected.order.po_number, "PO-4411-A");
    assert_eq!(corrected.order.status, OrderStatus::Refused);
    assert!(corrected.pending && !corrected.waiting_for_server);

    // Submitted again while the server is down: the view shows it submitted, waiting for the
    // server, before any sync.
    server.stop().await?;
    let again = portal.submit_order(id).await?;
    assert_eq!(again.order.status, OrderStatus::Submitted);
    assert!(again.waiting_for_server && again.pending);
    let list = portal.orders(umber_orders()).await?;
    assert_eq!(list.submitted[0].status, OrderStatus::Submitted);
    assert!(list.submitted[0].waiting_for_server);
    let offline = portal.sync_now().await?;
    assert_eq!(offline.connection, Connection::Offline);
    assert!(portal.order(id).await?.waiting_for_server);

    // The server takes the corrected order: submitted, with the new number.
    server.start().await?;
    synced(portal).await?;
    let taken = portal.order(id).await?;
    assert_eq!(taken.order.status, OrderStatus::Submitted);
    assert_eq!(taken.order.po_number, "PO-4411-A");
    assert!(!taken.waiting_for_server && !taken.pending);
    let changes = portal.pending_changes().await?;
    assert!(
        changes
            .iter()
            .filter(|c| c.record_id == id.0)
            .all(|c| c.state == ChangeState::Synced),
        "the server took every change: {changes:?}"
    );
    let db = rusqlite::Connection::open(server.database_path())?;
    let (status, po_number): (String, String) = db.query_row(
        "SELECT status, body ->> '$.po_number' FROM orders WHERE id = ?1",
        [id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    assert_eq!(
        (status.as_str(), po_number.as_str()),
        (OrderStatus::Submitted.as_str(), "PO-4411-A")
    );

    // The vendor provisions it: a step per tick.
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
    assert!(provisioned.order.customer_id.is_some());
    assert_eq!(
        provisioned.customer_name.as_deref(),
        Some("Umber Logistics")
    );
    Ok(())
}
