//! An accepted quote is ordered, submitted offline, and provisioned with the new customer.

use super::*;

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
