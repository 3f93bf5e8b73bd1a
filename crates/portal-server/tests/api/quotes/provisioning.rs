//! The vendor's side of orders: provisioning into a customer with its records (stepped by the test,
//! or by the server itself), and refusals, by the rules or by a channel manager, after which the
//! partner corrects the order and submits it again.

use super::*;

#[tokio::test]
async fn a_channel_manager_refuses_an_order_and_the_corrected_one_is_provisioned() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-GW", 40, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Retail",
            "PO-WRONG",
            ["1 Main St", "Portland", "97204"],
        )
        .await?;
    let vendor = Vendor::sign_in(&server).await?;

    // Not with the vendor yet: nothing to refuse.
    let reply = vendor.refuse_order(o.id, "Too early").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (409, "conflict"),
        "{reply:?}"
    );
    applied(&sales.on_order(o.id, submit()).await?);

    // A reason is required; partner users may not refuse.
    let reply = vendor.refuse_order(o.id, "  ").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (422, "invalid_input")
    );
    let partner_token = sales.api.token("admin@northwind.example").await?;
    let reply = sales
        .api
        .call(
            Method::POST,
            &format!("/api/v1/vendor/orders/{}/refuse", o.id),
            Some(&partner_token),
            Some(json!({"reason": "x"})),
        )
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));

    let reason = "The PO number does not match the customer's purchase order.";
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.status_reason.as_deref()),
        (OrderStatus::Refused, Some(reason))
    );
    assert_eq!(
        sales.quote(accepted.id).await?.status,
        QuoteStatus::Accepted
    );
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status.as_u16(), 409, "refused already: {reply:?}");

    // The partner corrects it and submits it again; the vendor provisions it.
    applied(
        &sales
            .on_order(o.id, update(json!({"po_number": "PO-RIGHT"})))
            .await?,
    );
    applied(&sales.on_order(o.id, submit()).await?);
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.status_reason, got.po_number.as_str()),
        (OrderStatus::Submitted, None, "PO-RIGHT")
    );
    assert_eq!(sales.quote(accepted.id).await?.status, QuoteStatus::Ordered);
    server.provision_orders().await?;
    server.provision_orders().await?;
    let got = sales.order(o.id).await?;
    assert_eq!(got.status, OrderStatus::Provisioned);
    assert!(got.customer_id.is_some());
    // Provisioned is final: the vendor can no longer refuse it.
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status.as_u16(), 409, "{reply:?}");
    Ok(())
}

#[tokio::test]
async fn a_submitted_order_is_provisioned_into_a_customer_with_its_records() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let mut admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![
                sales.line("BM-GW", 250, 24, 1000),
                sales.line("BM-ARC", 250, 12, 0),
            ],
        )
        .await?;
    let o = sales.new_order(&accepted);
    applied(&sales.on_order(o.id, create(&o)).await?);

    // Submitting without what provisioning needs names every missing field.
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("sector"))
    );
    for what in [
        "sector",
        "street address",
        "city",
        "postal code",
        "country",
        "purchase-order number",
    ] {
        assert!(e.message.contains(what), "{what} named in: {}", e.message);
    }

    // The purchase order file must have reached the server.
    let pdf = b"%PDF-1.4 purchase order 4471".to_vec();
    let sha = sha256_hex(&pdf);
    let attachment = Attachment {
        file_name: "PO-4471.pdf".into(),
        content_type: "application/pdf".into(),
        size: pdf.len() as u64,
        sha256: sha.clone(),
    };
    applied(
        &sales
            .on_order(
                o.id,
                update(json!({
                    "sector": "Healthcare",
                    "address": {"line1": "12 Quay Street", "line2": "Floor 3", "city": "Portland",
                                "region": "OR", "postal_code": "97204", "country": "United States"},
                    "po_number": "PO-4471",
                    "po_attachment": attachment,
                })),
            )
            .await?,
    );
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(e.field.as_deref(), Some("po_attachment"), "{e:?}");
    let up = sales.upload(&sha, "application/pdf", pdf.clone()).await?;
    assert_eq!(up.status, 200, "{up:?}");
    applied(&sales.on_order(o.id, submit()).await?);
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.submitted_on),
        (OrderStatus::Submitted, Some(today()))
    );
    assert_eq!(sales.quote(accepted.id).await?.status, QuoteStatus::Ordered);
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict, "submitted once");

    // The vendor provisions it, a step per tick.
    let (_, head) = (admin.sync().await?, admin.cursor);
    let tick = server.provision_orders().await?;
    assert_eq!((tick.processing, tick.provisioned), (1, 0));
    assert_eq!(sales.order(o.id).await?.status, OrderStatus::Processing);
    let tick = server.provision_orders().await?;
    assert_eq!((tick.processing, tick.provisioned), (0, 1));
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.provisioned_on),
        (OrderStatus::Provisioned, Some(today()))
    );
    let customer_id = got.customer_id.context("the order names its customer")?;
    assert_eq!(server.provision_orders().await?, Default::default());

    // The administrator's next pull brings the customer, its subscriptions, renewals and invoice.
    let new = admin.sync().await?;
    assert!(admin.cursor > head);
    let customer = new
        .iter()
        .find(|c| c.entity == Entity::Customer && c.id == *customer_id.as_uuid())
        .and_then(|c| c.body.clone())
        .context("the new customer is pulled")?;
    assert_eq!(customer["company_name"], "Harbor Clinics");
    assert_eq!(customer["domain"], "harbor-clinics.example");
    assert_eq!(customer["sector"], "Healthcare");
    assert_eq!(customer["address"]["line1"], "12 Quay Street, Floor 3");
    assert_eq!(
        customer["contact_email"],
        "rosa.diaz@harbor-clinics.example"
    );
    let of = |entity: Entity| -> Vec<Value> {
        new.iter()
            .filter(|c| c.entity == entity)
            .filter_map(|c| c.body.clone())
            .collect()
    };
    let subscriptions: Vec<Value> = of(Entity::Subscription)
        .into_iter()
        .filter(|s| s["customer_id"] == customer_id.to_string())
        .collect();
    assert_eq!(subscriptions.len(), 2, "one per quote line");
    let gateway = subscriptions
        .iter()
        .find(|s| s["product_id"] == sales.product("BM-GW").id.to_string())
        .context("the gateway")?;
    assert_eq!(
        (&gateway["seats"], &gateway["term_months"]),
        (&json!(250), &json!(24))
    );
    assert_eq!(gateway["starts_on"], today().to_string());
    let ends = today().checked_add_months(chrono::Months::new(24)).unwrap();
    assert_eq!(gateway["ends_on"], ends.to_string());
    let renewals: Vec<Value> = of(Entity::Renewal)
        .into_iter()
        .filter(|r| r["customer_id"] == customer_id.to_string())
        .collect();
    assert_eq!(renewals.len(), 2);
    assert!(renewals.iter().any(|r| r["due_on"] == ends.to_string()));
    let invoice = of(Entity::Invoice)
        .into_iter()
        .find(|i| i["customer_id"] == customer_id.to_string())
        .context("the invoice")?;
    assert_eq!(invoice["total"]["minor"], accepted.totals.total.minor);
    assert_eq!(invoice["status"], "open");
    assert_eq!(
        invoice["due_on"],
        (today() + Days::new(30)).to_string(),
        "due in 30 days"
    );
    assert!(
        invoice["number"]
            .as_str()
            .unwrap_or("")
            .starts_with("INV-NW-"),
        "{invoice}"
    );
    // The Customers area stays the administrator's: the salesperson receives none of it.
    assert!(sales
        .changes
        .iter()
        .all(|c| !matches!(c.entity, Entity::Customer | Entity::Invoice)));
    Ok(())
}

#[tokio::test]
async fn the_vendor_refuses_an_order_for_another_partners_customer() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let nw_admin = api.token("admin@northwind.example").await?;
    let page = api.get("/api/v1/customers?limit=1", &nw_admin).await?;
    let domain = page.body["customers"][0]["domain"]
        .as_str()
        .context("a Northwind customer")?
        .to_owned();
    let mut bluefin = Client::sign_in(&server, "sales@bluefin.example").await?;
    let p = bluefin.prospect("Taken Ltd", &domain).await?;
    let accepted = bluefin
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![bluefin.line("BM-GW", 50, 12, 0)],
        )
        .await?;
    let o = bluefin
        .place_order(
            &accepted,
            "Retail",
            "BF-1",
            ["1 Main St", "Portland", "97204"],
        )
        .await?;
    applied(&bluefin.on_order(o.id, submit()).await?);
    let tick = server.provision_orders().await?;
    assert_eq!(tick.refused, 1);
    let got = bluefin.order(o.id).await?;
    assert_eq!(got.status, OrderStatus::Refused);
    assert_eq!(
        got.status_reason.as_deref(),
        Some("This company is already a customer of another partner.")
    );
    assert_eq!(
        bluefin.quote(accepted.id).await?.status,
        QuoteStatus::Accepted,
        "back with the partner"
    );
    // A refused order can be corrected and submitted again.
    applied(
        &bluefin
            .on_order(o.id, update(json!({"po_number": "BF-2"})))
            .await?,
    );
    applied(&bluefin.on_order(o.id, submit()).await?);
    Ok(())
}

#[tokio::test]
async fn the_server_provisions_submitted_orders_by_itself() -> Result<()> {
    let server = TestServer::spawn_seeded_with(|c| c.orders.provision_interval_secs = 1).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = sales
        .prospect("Pier Logistics", "pier-logistics.example")
        .await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-GW", 60, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Logistics",
            "PL-1",
            ["3 Pier Road", "Seattle", "98101"],
        )
        .await?;
    applied(&sales.on_order(o.id, submit()).await?);
    // The background task moves it a step a second; the app learns of each by pulling.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if sales.order(o.id).await?.status == OrderStatus::Provisioned {
            break;
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "not provisioned in 30 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}
