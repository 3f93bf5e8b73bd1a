//! A discount above its cap waits for the vendor's approval before the quote can be sent.

use super::*;

#[tokio::test]
async fn a_discount_above_its_cap_is_sent_only_once_the_vendor_approved_it() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = book
        .products
        .iter()
        .find(|p| p.sku == "BM-GW")
        .context("BM-GW")?;
    let auto = Percent(server.config().quotes.auto_approve_up_to_bp);
    // Above the product's cap, within what the vendor approves automatically.
    let discount = Percent(gw.discount_cap.basis_points() + 100);
    ensure!(
        discount <= auto,
        "the seed's cap is under the automatic limit"
    );
    let sloe = prospect(&sales.portal, "Sloe Gin Co", "sloegin.example").await?;

    server.stop().await?;
    let made = sales
        .portal
        .save_quote(
            None,
            form(sloe, vec![line(gw.id, "80", 12, &discount.to_input())]),
        )
        .await?;
    let id = made.quote.id;
    assert_eq!(made.quote.approval, Approval::Pending);
    assert!(made.priced.as_ref().is_some_and(|p| p.needs_approval));
    let err = sales
        .portal
        .quote_action(id, QuoteAction::Send)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("approval"), "{err}");
    let waiting: Vec<_> = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .filter(|c| c.state == ChangeState::Pending)
        .collect();
    assert_eq!(
        waiting.len(),
        1,
        "only the quote itself is queued: {waiting:?}"
    );

    server.start().await?;
    synced(&sales.portal).await?;
    let approved = sales.portal.quote(id).await?;
    assert_eq!(approved.quote.approval, Approval::Approved);
    assert!(approved.quote.approval_reason.is_some());
    let sent = sales.portal.quote_action(id, QuoteAction::Send).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(sent.waiting_for_server);
    synced(&sales.portal).await?;
    let sent = sales.portal.quote(id).await?;
    assert_eq!(sent.quote.status, QuoteStatus::Sent);
    assert!(sent.quote.sent_on.is_some());
    assert!(!sent.waiting_for_server);

    // Deeper than the automatic limit: the vendor's channel manager decides, and until then the
    // quote cannot be sent.
    let deep = Percent(auto.basis_points() + 500);
    let waiting = sales
        .portal
        .save_quote(
            None,
            form(sloe, vec![line(gw.id, "80", 12, &deep.to_input())]),
        )
        .await?;
    let deep_id = waiting.quote.id;
    synced(&sales.portal).await?;
    let waiting = sales.portal.quote(deep_id).await?;
    assert_eq!(waiting.quote.approval, Approval::Pending);
    let err = sales
        .portal
        .quote_action(deep_id, QuoteAction::Send)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    channel_manager_approves(&server, deep_id).await?;
    synced(&sales.portal).await?;
    let decided = sales.portal.quote(deep_id).await?;
    assert_eq!(decided.quote.approval, Approval::Approved);
    let sent = sales
        .portal
        .quote_action(deep_id, QuoteAction::Send)
        .await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    synced(&sales.portal).await?;
    assert_eq!(
        sales.portal.quote(deep_id).await?.quote.status,
        QuoteStatus::Sent
    );
    Ok(())
}

/// The vendor's channel manager approves the quote's discount, through the vendor endpoints.
async fn channel_manager_approves(server: &TestServer, id: QuoteId) -> Result<()> {
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{}/api/v1/vendor/auth/login", server.base_url()))
        .json(&serde_json::json!({
            "email": "channel@vendor.example",
            "password": DEMO_PASSWORD,
            "remember": false,
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("a vendor token")?;
    http.post(format!(
        "{}/api/v1/vendor/approvals/{id}",
        server.base_url()
    ))
    .bearer_auth(token)
    .json(&serde_json::json!({"approve": true}))
    .send()
    .await?
    .error_for_status()?;
    Ok(())
}
