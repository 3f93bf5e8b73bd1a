//! Discounts above a product's cap: approved at once within the automatic limit, otherwise waiting
//! for a channel manager's decision at the vendor endpoints.

use super::*;

#[tokio::test]
async fn a_discount_beyond_the_automatic_limit_waits_for_a_channel_manager() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    // The gateway's cap is 35%; 45% is beyond the automatic 40% too.
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![
            sales.line("BM-GW", 300, 12, 4500),
            sales.line("BM-ARC", 300, 12, 0),
        ],
    );
    let got = sales.quote_through(&q, &[]).await?;
    assert_eq!(
        (got.approval, got.approval_reason),
        (Approval::Pending, None)
    );
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Send)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("approval"), "{}", e.message);

    // Partner users are refused at the vendor endpoints, whatever their role.
    for email in ["sales@northwind.example", "admin@northwind.example"] {
        let token = sales.api.token(email).await?;
        let reply = sales.api.get("/api/v1/vendor/approvals", &token).await?;
        assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));
        let reply = sales
            .api
            .call(
                Method::POST,
                &format!("/api/v1/vendor/approvals/{}", q.id),
                Some(&token),
                Some(json!({"approve": true})),
            )
            .await?;
        assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));
    }

    // The channel manager sees it in the queue, with its firm and the line over the cap.
    let vendor = Vendor::sign_in(&server).await?;
    let queue = vendor.approvals().await?;
    let item = queue
        .iter()
        .find(|i| i["quote_id"] == q.id.to_string())
        .context("the quote is in the queue")?;
    assert_eq!(item["partner_name"], "Northwind Solutions");
    assert_eq!(item["number"], json!(got.number));
    assert_eq!(item["for_name"], "Harbor Clinics");
    assert_eq!(item["requested_by"], "Marcus Reid");
    assert_eq!(item["totals"]["total"]["minor"], got.totals.total.minor);
    let lines = item["lines"].as_array().context("lines")?;
    assert_eq!(
        (
            &lines[0]["discount_bp"],
            &lines[0]["discount_cap_bp"],
            &lines[0]["over_cap"]
        ),
        (&json!(4500), &json!(3500), &json!(true))
    );
    assert_eq!(lines[1]["over_cap"], false);
    // The seeded queue holds both firms' waiting quotes too.
    assert!(queue.iter().any(|i| i["partner_name"] == "Bluefin IT"));
    // A vendor token opens no partner endpoint.
    let reply = vendor
        .api
        .get("/api/v1/sync/changes?after=0", &vendor.token)
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));

    // Approved: the partner's app pulls the decision, and the quote can be sent.
    let reply = vendor.decide(q.id, true, "").await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body["approval"], "approved");
    let got = sales.quote(q.id).await?;
    assert_eq!(got.approval, Approval::Approved);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("Approved by Casey Morgan, Channel Manager.")
    );
    applied(&sales.on_quote(q.id, step(QuoteAction::Send)).await?);
    assert!(!vendor
        .approvals()
        .await?
        .iter()
        .any(|i| i["quote_id"] == q.id.to_string()));
    let again = vendor.decide(q.id, false, "Too deep").await?;
    assert_eq!(
        (again.status.as_u16(), again.kind()),
        (409, "conflict"),
        "decided already"
    );

    // Rejected, with the reason: the quote cannot be sent until the discount is changed.
    let r = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ATP", 300, 12, 6000)],
    );
    sales.quote_through(&r, &[]).await?;
    let reply = vendor.decide(r.id, false, "  ").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.body["field"].as_str()),
        (422, Some("reason")),
        "a rejection says why"
    );
    let reply = vendor
        .decide(
            r.id,
            false,
            "60% is below our cost; 40% is the most we can do.",
        )
        .await?;
    assert_eq!(reply.status, 200);
    let got = sales.quote(r.id).await?;
    assert_eq!(got.approval, Approval::Rejected);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("60% is below our cost; 40% is the most we can do.")
    );
    let e = refused(&sales.on_quote(r.id, step(QuoteAction::Send)).await?).clone();
    assert!(e.message.contains("did not approve"), "{}", e.message);
    // Lowering the discount to 35% (within the automatic limit) approves it at once.
    let lower = vec![sales.line("BM-ATP", 300, 12, 3500)];
    let totals = pricing::price_quote(&sales.book, &lower, Currency::USD)
        .unwrap()
        .totals;
    applied(
        &sales
            .on_quote(r.id, update(json!({"lines": lower, "totals": totals})))
            .await?,
    );
    let got = sales.quote(r.id).await?;
    assert_eq!(got.approval, Approval::Approved);
    assert!(got
        .approval_reason
        .unwrap_or_default()
        .starts_with("Approved automatically"));
    let unknown = vendor
        .decide(QuoteId::from_uuid(Uuid::now_v7()), true, "")
        .await?;
    assert_eq!(unknown.status, 404);
    Ok(())
}

#[tokio::test]
async fn a_discount_within_the_automatic_limit_is_approved_at_once() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    // 38% on the gateway (cap 35%) is within the automatic 40%.
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 120, 12, 3800)],
    );
    let got = sales
        .quote_through(&q, &[QuoteAction::Send, QuoteAction::Accept])
        .await?;
    assert_eq!(got.approval, Approval::Approved);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("Approved automatically: discounts up to 40% are pre-approved.")
    );
    assert_eq!(got.status, QuoteStatus::Accepted);
    assert_eq!(
        (got.sent_on, got.decided_on),
        (Some(today()), Some(today()))
    );

    // With the rule switched off, the same discount waits for a channel manager.
    let server = TestServer::spawn_seeded_with(|c| c.quotes.auto_approve_up_to_bp = 0).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = sales.prospect("Quay Hotels", "quay-hotels.example").await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 120, 12, 3800)],
    );
    assert_eq!(
        sales.quote_through(&q, &[]).await?.approval,
        Approval::Pending
    );
    Ok(())
}
