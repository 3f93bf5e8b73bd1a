//! An administrator picks a customer from the cache and quotes an upsell offline.

use super::*;

#[tokio::test]
async fn an_administrator_picks_a_customer_and_quotes_an_upsell_offline() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let admin = app(&server, ADMIN).await?;
    synced(&admin.portal).await?;

    let page = admin.portal.customer_options("").await?;
    assert_eq!(page.len(), 20, "a page of the firm's demo customers");
    assert!(
        page.windows(2)
            .all(|w| w[0].company_name.to_lowercase() <= w[1].company_name.to_lowercase()),
        "by name: {page:?}"
    );
    assert!(
        page.iter()
            .all(|c| !c.domain.is_empty() && !c.sector.is_empty()),
        "{page:?}"
    );
    assert!(
        page.iter().all(|c| c.mailboxes.is_some_and(|m| m > 0)),
        "every demo customer has subscriptions: {page:?}"
    );
    let chosen = page[3].clone();
    let by_domain = admin
        .portal
        .customer_options(&chosen.domain.to_uppercase())
        .await?;
    assert_eq!(
        by_domain,
        vec![chosen.clone()],
        "a domain names one customer"
    );
    let word = chosen
        .company_name
        .split_whitespace()
        .next()
        .context("a company name")?;
    let by_name = admin.portal.customer_options(word).await?;
    assert!(by_name.contains(&chosen));
    assert!(by_name.len() < 20, "the search narrows: {by_name:?}");
    assert!(by_name.iter().all(
        |c| c.company_name.to_lowercase().contains(&word.to_lowercase())
            || c.domain.contains(&word.to_lowercase())
    ));
    assert!(admin
        .portal
        .customer_options("no such customer")
        .await?
        .is_empty());

    // Sales users do not receive the Customers area: nothing to pick.
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    assert!(sales.portal.customer_options("").await?.is_empty());

    let book = admin.portal.price_book().await?;
    let arc = product(&book, "BM-ARC")?;
    let customer: CustomerId = chosen.id;
    let seats = chosen.mailboxes.context("mailboxes")?.to_string();
    server.stop().await?;
    let upsell = QuoteForm {
        quote_for: Some(QuoteFor::Customer(customer)),
        deal_id: None,
        lines: vec![line(arc, &seats, 12, "")],
        valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
        notes: "Archiving for every mailbox, from next month.".into(),
    };
    let made = admin.portal.save_quote(None, upsell).await?;
    let id = made.quote.id;
    assert_eq!(made.quote.quote_for, QuoteFor::Customer(customer));
    assert_eq!(made.for_name, chosen.company_name);
    assert!(made.pending);

    server.start().await?;
    synced(&admin.portal).await?;
    let changes = admin.portal.pending_changes().await?;
    let change = changes
        .iter()
        .find(|c| c.record_id == id.0)
        .context("the quote's change")?;
    assert_eq!(change.state, ChangeState::Synced, "applied: {change:?}");
    let priced = admin.portal.quote(id).await?;
    assert!(priced.quote.number.is_some(), "numbered by the server");
    assert!(!priced.pending && priced.version > 0);
    assert_eq!(priced.quote.totals, made.quote.totals, "the server agrees");
    assert_eq!(priced.for_name, chosen.company_name);
    assert_eq!(priced.for_domain, chosen.domain);
    let listed = admin.portal.quotes(search(&chosen.domain)).await?;
    assert!(listed
        .rows
        .iter()
        .any(|r| r.id == id && r.for_name == chosen.company_name));
    Ok(())
}
