//! Orders on accepted quotes: their figures, submission when the price book changed, and the
//! purchase-order files they name.

use super::*;

#[tokio::test]
async fn orders_need_an_accepted_quote_and_its_figures() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ATP", 150, 12, 0)],
    );
    let sent = sales.quote_through(&q, &[QuoteAction::Send]).await?;
    let o = sales.new_order(&sent);
    let e = refused(&sales.on_order(o.id, create(&o)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.contains("is sent, so it cannot be ordered"),
        "{}",
        e.message
    );

    applied(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?);
    let mut wrong = sales.new_order(&sent);
    wrong.total.minor += 1;
    let e = refused(&sales.on_order(wrong.id, create(&wrong)).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("total"))
    );
    assert!(e.message.contains("an order carries its quote's figures"));
    let mut wrong = sales.new_order(&sent);
    wrong.cost_total.minor -= 5;
    let e = refused(&sales.on_order(wrong.id, create(&wrong)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("cost_total"));

    let mut o = sales.new_order(&sent);
    o.status = OrderStatus::Provisioned;
    o.number = Some("SO-999999".into());
    applied(&sales.on_order(o.id, create(&o)).await?);
    let got = sales.order(o.id).await?;
    let number = got.number.clone().context("numbered")?;
    assert!(
        number.starts_with("SO-") && number != "SO-999999",
        "{number}"
    );
    assert_eq!(got.status, OrderStatus::PendingCustomerApproval);
    // One live order per quote.
    let second = sales.new_order(&sent);
    let e = refused(&sales.on_order(second.id, create(&second)).await?).clone();
    assert!(e.message.contains(&number), "{}", e.message);
    // Edited and deleted while it waits for the customer.
    applied(
        &sales
            .on_order(o.id, update(json!({"po_number": "PO-1"})))
            .await?,
    );
    let e = refused(
        &sales
            .on_order(
                o.id,
                update(json!({"total": {"minor": 1, "currency": "USD"}})),
            )
            .await?,
    )
    .clone();
    assert_eq!(
        e.field.as_deref(),
        Some("total"),
        "the figures are not a field"
    );
    applied(&sales.on_order(o.id, delete()).await?);
    applied(&sales.on_order(second.id, create(&second)).await?);
    Ok(())
}

#[tokio::test]
async fn a_price_book_change_stops_the_submission_of_an_accepted_quote() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-CON", 80, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Retail",
            "PO-9",
            ["9 Elm St", "Seattle", "98101"],
        )
        .await?;
    let pool = crate::support::database(&server).await?;
    sqlx::query(
        "UPDATE products SET list_price_minor = list_price_minor + 10 WHERE sku = 'BM-CON'",
    )
    .execute(&pool)
    .await?;
    pool.close().await;
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(
        e.message,
        "The price book changed since this quote was accepted; revise the quote."
    );
    Ok(())
}

#[tokio::test]
async fn attachments_are_stored_once_by_their_checksum_for_their_firm() -> Result<()> {
    let (server, sales, _) = seeded_with_prospect().await?;
    let bytes = b"purchase order 1234".to_vec();
    let sha = sha256_hex(&bytes);
    let first = sales.upload(&sha, "application/pdf", bytes.clone()).await?;
    assert_eq!(first.status, 200, "{first:?}");
    assert_eq!(
        first.body,
        json!({"sha256": sha, "size": bytes.len(), "content_type": "application/pdf"})
    );
    let second = sales.upload(&sha, "application/pdf", bytes.clone()).await?;
    assert_eq!((second.status, &second.body), (first.status, &first.body));
    // Upper-case hex names the same file.
    let upper = sales
        .upload(&sha.to_uppercase(), "application/pdf", bytes.clone())
        .await?;
    assert_eq!(upper.body, first.body);

    let damaged = sales
        .upload(&sha, "application/pdf", b"purchase order 1235".to_vec())
        .await?;
    assert_eq!(
        (damaged.status.as_u16(), damaged.body["field"].as_str()),
        (422, Some("sha256"))
    );
    let malformed = sales
        .upload("abc", "application/pdf", bytes.clone())
        .await?;
    assert_eq!(malformed.status, 422);
    let big = vec![7u8; portal_core::order::MAX_ATTACHMENT_BYTES as usize + 1];
    let too_big = sales
        .upload(&sha256_hex(&big), "application/pdf", big)
        .await?;
    assert_eq!(too_big.status, 422, "{too_big:?}");
    assert!(too_big.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("10 MB"));
    // Up to the limit is accepted (above axum's default body limit).
    let limit = vec![1u8; portal_core::order::MAX_ATTACHMENT_BYTES as usize];
    let at_limit = sales
        .upload(&sha256_hex(&limit), "application/octet-stream", limit)
        .await?;
    assert_eq!(at_limit.status, 200, "{at_limit:?}");

    // Read back by the firm, with its type; another firm does not find it.
    let resp = reqwest::Client::new()
        .get(format!("{}/api/v1/attachments/{sha}", sales.api.base))
        .bearer_auth(&sales.token)
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert_eq!(resp.bytes().await?.to_vec(), bytes);
    let admin = sales.api.token("admin@northwind.example").await?;
    let colleague = sales
        .api
        .get(&format!("/api/v1/attachments/{sha}"), &admin)
        .await?;
    assert_eq!(colleague.status, 200, "the firm's, not the user's");
    let other = sales.api.token("admin@bluefin.example").await?;
    let reply = sales
        .api
        .get(&format!("/api/v1/attachments/{sha}"), &other)
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (404, "not_found"));
    drop(server);
    Ok(())
}
