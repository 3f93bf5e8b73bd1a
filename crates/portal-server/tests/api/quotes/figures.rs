//! Quotes priced by the figures rule: applied, numbered and pulled, or refused naming the figure;
//! revisions, repeated pushes, expiry, and the demo's quotes.

use super::*;

#[tokio::test]
async fn a_quote_priced_right_is_applied_numbered_and_pulled() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    // 250 mailboxes (5% volume tier) for 24 months (5% term) of the gateway at $2.50, 10% off.
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 250, 24, 1000)],
    );
    // The server's fields are the server's.
    q.status = QuoteStatus::Accepted;
    q.number = Some("Q-999999".into());
    q.approval = Approval::Approved;
    let v = applied(&sales.on_quote(q.id, create(&q)).await?);
    let got = sales.quote(q.id).await?;
    let number = got.number.clone().context("numbered")?;
    assert!(
        number.starts_with("Q-") && number.len() == 8 && number != "Q-999999",
        "{number}"
    );
    assert_eq!(
        (got.revision, got.status, got.approval),
        (1, QuoteStatus::Draft, Approval::NotNeeded)
    );
    assert_eq!(got.totals, q.totals);
    assert_eq!(got.totals.total.minor, 1_218_375, "the engine's figure");
    assert_eq!(
        sales
            .changes
            .iter()
            .rev()
            .find(|c| c.id == *q.id.as_uuid())
            .map(|c| c.version),
        Some(v)
    );

    // The next quote takes the next number; a sales user's quotes are theirs only, and an
    // administrator sees them all.
    let q2 = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ARC", 10, 12, 0)],
    );
    let q2 = sales.quote_through(&q2, &[]).await?;
    assert!(q2.number.context("numbered")? > number);
    let all: Vec<Quote> = sales.all(Entity::Quote);
    assert!(all.iter().all(|q| q.owner_id == sales.user), "own only");
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let everyone: Vec<Quote> = admin.all(Entity::Quote);
    assert!(everyone.iter().any(|x| x.id == q.id));
    assert!(everyone.iter().any(|x| x.owner_id != sales.user));

    // A colleague's prospect cannot be quoted by a sales user.
    let theirs: Vec<Prospect> = admin.all(Entity::Prospect);
    let theirs = theirs.iter().find(|x| x.owner_id != sales.user).unwrap();
    let q3 = sales.new_quote(
        QuoteFor::Prospect(theirs.id),
        vec![sales.line("BM-GW", 10, 12, 0)],
    );
    let e = refused(&sales.on_quote(q3.id, create(&q3)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("quote_for"), "{e:?}");
    Ok(())
}

#[tokio::test]
async fn a_tampered_total_is_refused_naming_the_figure() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.totals.total.minor -= 100;
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("totals"))
    );
    assert!(
        e.message.starts_with("The quote's total is"),
        "names the figure: {}",
        e.message
    );
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.totals.cost_total.minor += 1;
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert!(e.message.contains("cost"), "{}", e.message);

    // Every problem at once, in one message, with the first one's field.
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.lines.push(QuoteLine {
        product_id: portal_core::ids::ProductId::from_uuid(Uuid::now_v7()),
        ..q.lines[0]
    });
    q.lines.push(QuoteLine {
        term_months: 18,
        ..q.lines[0]
    });
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("lines[1].product_id"), "{e:?}");
    assert!(
        e.message.contains("price book") && e.message.contains("months"),
        "{}",
        e.message
    );
    // Nothing was kept of the refused quotes.
    let quotes: Vec<Quote> = {
        sales.sync().await?;
        sales.all(Entity::Quote)
    };
    assert!(quotes
        .iter()
        .all(|x| x.quote_for != QuoteFor::Prospect(p.id)));
    Ok(())
}

#[tokio::test]
async fn a_revision_supersedes_its_quote_and_deleting_it_restores_the_quote() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 200, 12, 500)],
    );
    let sent = sales.quote_through(&q, &[QuoteAction::Send]).await?;
    // A draft cannot be revised; a sent quote can.
    let mut rev2 = sent.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    rev2.lines = vec![sales.line("BM-GW", 200, 12, 1500)];
    rev2.totals = pricing::price_quote(&sales.book, &rev2.lines, Currency::USD)
        .unwrap()
        .totals;
    rev2.number = None;
    rev2.revision = 7;
    let got2 = sales.quote_through(&rev2, &[]).await?;
    assert_eq!(got2.number, sent.number, "the revised quote's number");
    assert_eq!(
        (got2.revision, got2.supersedes),
        (2, Some(q.id)),
        "its revision plus one"
    );
    let old = sales.quote(q.id).await?;
    assert_eq!(
        (old.status, old.superseded_by),
        (QuoteStatus::Superseded, Some(rev2.id))
    );

    // The superseded quote can no longer be accepted, nor revised again.
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?).clone();
    assert_eq!(
        e.message,
        "This quote is superseded, so it cannot be accepted."
    );
    let again = sent.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    let e = refused(&sales.on_quote(again.id, create(&again)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("already been revised"), "{}", e.message);
    // A draft cannot be revised.
    let rev3 = got2.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    let e = refused(&sales.on_quote(rev3.id, create(&rev3)).await?).clone();
    assert!(e.message.contains("draft"), "{}", e.message);

    // Deleting the draft revision gives the quote it superseded its status back.
    applied(&sales.on_quote(rev2.id, delete()).await?);
    let restored = sales.quote(q.id).await?;
    assert_eq!(
        (restored.status, restored.superseded_by),
        (QuoteStatus::Sent, None)
    );
    assert!(
        sales.record::<Quote>(*rev2.id.as_uuid()).is_none(),
        "the revision's tombstone"
    );
    applied(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?);
    // Only drafts are deleted or edited.
    let e = refused(&sales.on_quote(q.id, delete()).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    let e = refused(&sales.on_quote(q.id, update(json!({"notes": "x"}))).await?).clone();
    assert!(e.message.contains("revision"), "{}", e.message);
    Ok(())
}

#[tokio::test]
async fn the_same_push_twice_is_applied_once() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-DLP", 75, 36, 0)],
    );
    let o = sales.new_order(&q);
    let qid = *q.id.as_uuid();
    let req = sales.batch(vec![
        (Entity::Quote, qid, create(&q)),
        (Entity::Quote, qid, step(QuoteAction::Send)),
        (Entity::Quote, qid, step(QuoteAction::Accept)),
        (Entity::Order, *o.id.as_uuid(), create(&o)),
        (Entity::Order, *o.id.as_uuid(), submit()),
    ]);
    let first = sales.send(&req).await?;
    assert_eq!(first.status, 200);
    sales.sync().await?;
    let head = sales.cursor;
    let again = sales.send(&req).await?;
    assert_eq!(
        again.body, first.body,
        "the same outcomes, refusal included"
    );
    let new = sales.sync().await?;
    assert!(
        new.is_empty() && sales.cursor == head,
        "nothing applied twice"
    );
    let got = sales.quote(q.id).await?;
    assert_eq!(got.status, QuoteStatus::Accepted);
    let order: Order = sales.record(*o.id.as_uuid()).context("the order")?;
    assert_eq!(order.status, OrderStatus::PendingCustomerApproval);
    Ok(())
}

#[tokio::test]
async fn quotes_past_their_validity_expire() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-SAT", 40, 12, 0)],
    );
    q.valid_until = today() + Days::new(1);
    sales.quote_through(&q, &[QuoteAction::Send]).await?;
    let mut past = q.clone();
    past.id = QuoteId::from_uuid(Uuid::now_v7());
    past.valid_until = today() - Days::new(1);
    let e = refused(&sales.on_quote(past.id, create(&past)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("valid_until"));

    assert!(server.expire_quotes(today() + Days::new(2)).await? >= 1);
    let got = sales.quote(q.id).await?;
    assert_eq!(got.status, QuoteStatus::Expired);
    let reason = got.status_reason.clone().context("a reason")?;
    assert_eq!(
        reason,
        format!(
            "Its validity ended on {}.",
            q.valid_until.format("%-d %B %Y")
        )
    );
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    // An expired quote may be revised.
    let mut rev = got.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    rev.totals = pricing::price_quote(&sales.book, &rev.lines, Currency::USD)
        .unwrap()
        .totals;
    let rev = sales.quote_through(&rev, &[]).await?;
    assert_eq!((rev.revision, rev.number), (2, got.number));
    Ok(())
}

#[tokio::test]
async fn the_demo_quotes_price_right_and_tell_the_story() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let quotes: Vec<Quote> = admin.all(Entity::Quote);
    let statuses: std::collections::BTreeSet<&str> =
        quotes.iter().map(|q| q.status.label()).collect();
    for s in [
        "Draft",
        "Sent",
        "Accepted",
        "Ordered",
        "Expired",
        "Superseded",
    ] {
        assert!(statuses.contains(s), "a {s} quote in {statuses:?}");
    }
    for q in &quotes {
        let priced = pricing::price_quote(&admin.book, &q.lines, q.currency)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        pricing::check_totals(&q.totals, &priced.totals)
            .map_err(|e| anyhow::anyhow!("{}: {}", q.reference(), e.message))?;
    }
    assert!(quotes.iter().any(|q| q.approval == Approval::Pending));
    assert!(quotes.iter().any(|q| q.revision == 2));
    let orders: Vec<Order> = admin.all(Entity::Order);
    let order_statuses: Vec<OrderStatus> = orders.iter().map(|o| o.status).collect();
    assert!(order_statuses.contains(&OrderStatus::PendingCustomerApproval));
    assert!(order_statuses.contains(&OrderStatus::Provisioned));
    // The salesperson has a handful of their own.
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let mine: Vec<Quote> = sales.all(Entity::Quote);
    assert!(mine.len() >= 5 && mine.iter().all(|q| q.owner_id == sales.user));
    Ok(())
}
