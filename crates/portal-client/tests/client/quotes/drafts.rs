//! A quote made offline is numbered by the server with the same figures; a bad one never
//! reaches the outbox; a revision keeps the number and supersedes the quote it revises.

use super::*;

#[tokio::test]
async fn a_quote_made_offline_is_numbered_by_the_server_with_the_same_figures() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    ensure!(
        !book.products.is_empty(),
        "the price book came with the sync"
    );
    ensure!(
        book.margin > Percent(0),
        "the firm's margin came at sign-in"
    );
    let quince = prospect(&sales.portal, "Quince Foods", "quincefoods.example").await?;
    let (gw, arc) = (product(&book, "BM-GW")?, product(&book, "BM-ARC")?);

    server.stop().await?;
    // The margin is cached: the price book is there offline too.
    assert_eq!(sales.portal.price_book().await?, book);
    let lines = vec![line(gw, "250", 24, "10"), line(arc, "1,200", 36, "")];
    let made = sales
        .portal
        .save_quote(None, form(quince, lines.clone()))
        .await?;
    let id = made.quote.id;
    let expected = pricing::price_quote(
        &book,
        &[
            QuoteLine {
                product_id: gw,
                quantity: 250,
                term_months: 24,
                discount: Percent(1000),
            },
            QuoteLine {
                product_id: arc,
                quantity: 1_200,
                term_months: 36,
                discount: Percent(0),
            },
        ],
        made.quote.currency,
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert_eq!(made.quote.totals, expected.totals);
    assert_eq!(
        made.priced.as_ref().map(|p| p.totals),
        Some(expected.totals)
    );
    assert_eq!(made.priced.as_ref().map(|p| p.lines.len()), Some(2));
    assert_eq!(made.status, QuoteStatus::Draft);
    assert_eq!(made.quote.approval, Approval::NotNeeded);
    assert_eq!(made.reference, "New quote");
    assert_eq!(made.for_name, "Quince Foods");
    assert!(made.pending && made.version == 0);
    let listed = sales.portal.quotes(search("quince")).await?;
    assert_eq!(listed.total, 1);
    assert!(listed.rows[0].pending);
    assert_eq!(listed.rows[0].total, expected.totals.total);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].record_label, "Quote for Quince Foods");
    assert_eq!(changes[0].summary, "Created");
    assert!(
        changes[0]
            .entered
            .iter()
            .any(|e| e.field == "quote_for" && e.value == "Quince Foods"),
        "the prospect is named: {:?}",
        changes[0].entered
    );

    server.start().await?;
    synced(&sales.portal).await?;
    let numbered = sales.portal.quote(id).await?;
    let number = numbered
        .quote
        .number
        .clone()
        .context("numbered by the server")?;
    assert!(number.starts_with("Q-"), "{number}");
    assert_eq!(numbered.reference, number);
    assert_eq!(numbered.quote.totals, expected.totals, "the server agrees");
    assert!(numbered.version > 0 && !numbered.pending);
    assert_eq!(numbered.quote.lines, made.quote.lines);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].state, ChangeState::Synced);
    assert_eq!(changes[0].record_label, number, "labelled by its number");
    let by_number = sales.portal.quotes(search(&number.to_lowercase())).await?;
    assert_eq!(by_number.total, 1);
    assert_eq!(by_number.rows[0].id, id);
    let by_domain = sales.portal.quotes(search("QUINCEFOODS.EX")).await?;
    assert_eq!(by_domain.total, 1);

    // An edit sends only what changed, against the version it was made on.
    let mut edited = QuoteForm::from_quote(&numbered.quote);
    edited.notes = "Onboarding included; prices fixed for the term.".into();
    let saved = sales.portal.save_quote(Some(id), edited).await?;
    assert!(saved.pending);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].summary, "Edited notes");
    synced(&sales.portal).await?;
    let after = sales.portal.quote(id).await?;
    assert_eq!(
        after.quote.notes,
        "Onboarding included; prices fixed for the term."
    );
    assert!(!after.pending && after.version > numbered.version);
    Ok(())
}

#[tokio::test]
async fn a_bad_quote_is_refused_here_with_every_field_named_and_nothing_queued() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let before = sales.portal.quotes(QuoteQuery::default()).await?.total;
    let queued = sales.portal.pending_changes().await?.len();

    let bad = QuoteForm {
        quote_for: None,
        deal_id: None,
        lines: vec![
            LineForm {
                product_id: None,
                quantity: "10".into(),
                term_months: 12,
                discount: String::new(),
            },
            line(gw, "lots", 12, ""),
            line(gw, "10", 12, "150"),
        ],
        valid_until: "soon".into(),
        notes: String::new(),
    };
    let err = sales.portal.save_quote(None, bad).await.unwrap_err();
    let ClientError::Form(errors) = &err else {
        anyhow::bail!("not a form error: {err:?}");
    };
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "quote_for",
            "lines[0].product_id",
            "lines[1].quantity",
            "lines[2].discount",
            "valid_until"
        ]
    );
    assert!(errors.iter().all(|e| e.kind == ErrorKind::InvalidInput));
    // The shell gets the first; the UI runs the same parse for the rest.
    assert_eq!(err.to_api_error().field.as_deref(), Some("quote_for"));

    // Rules beyond the form's own: a prospect the cache does not have, a term not offered.
    let unknown = form(
        ProspectId::from_uuid(Uuid::now_v7()),
        vec![line(gw, "10", 18, "")],
    );
    let err = sales.portal.save_quote(None, unknown).await.unwrap_err();
    let fields: Vec<String> = err
        .field_errors()
        .into_iter()
        .filter_map(|e| e.field)
        .collect();
    assert!(
        fields.contains(&"lines[0].term_months".to_owned())
            && fields.contains(&"quote_for".to_owned()),
        "{fields:?}"
    );

    assert_eq!(
        sales.portal.quotes(QuoteQuery::default()).await?.total,
        before
    );
    assert_eq!(sales.portal.pending_changes().await?.len(), queued);
    Ok(())
}

#[tokio::test]
async fn a_revision_keeps_the_number_and_supersedes_the_quote_it_revises() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let rowan = prospect(&sales.portal, "Rowan Dairy", "rowandairy.example").await?;
    let first = sales
        .portal
        .save_quote(None, form(rowan, vec![line(gw, "120", 12, "5")]))
        .await?;
    let old = first.quote.id;
    let sent = sales.portal.quote_action(old, QuoteAction::Send).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(sent.waiting_for_server);
    synced(&sales.portal).await?;
    let sent = sales.portal.quote(old).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(!sent.waiting_for_server);
    let number = sent.quote.number.clone().context("numbered")?;
    // A sent quote is no longer a draft to edit or delete.
    let err = sales
        .portal
        .save_quote(Some(old), QuoteForm::from_quote(&sent.quote))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);

    let rev2 = sales.portal.revise_quote(old).await?;
    let new = rev2.quote.id;
    assert_eq!(rev2.quote.revision, 2);
    assert_eq!(rev2.quote.number.as_deref(), Some(number.as_str()));
    assert_eq!(rev2.reference, format!("{number} rev 2"));
    assert_eq!(rev2.status, QuoteStatus::Draft);
    assert_eq!(rev2.quote.supersedes, Some(old));
    let revisions: Vec<(QuoteId, u32)> =
        rev2.revisions.iter().map(|r| (r.id, r.revision)).collect();
    assert_eq!(revisions, [(new, 2), (old, 1)], "newest first");
    // At once, before the server has heard of it.
    let superseded = sales.portal.quote(old).await?;
    assert_eq!(superseded.status, QuoteStatus::Superseded);
    let err = sales
        .portal
        .quote_action(old, QuoteAction::Accept)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let shown = sales.portal.quotes(search("rowan")).await?;
    assert_eq!(shown.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [new]);
    let all = sales
        .portal
        .quotes(QuoteQuery {
            include_superseded: true,
            ..search("rowan")
        })
        .await?;
    assert_eq!(all.total, 2);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].summary, "Created revision 2");
    assert_eq!(changes[0].record_label, format!("{number} rev 2"));

    synced(&sales.portal).await?;
    let old_now = sales.portal.quote(old).await?;
    assert_eq!(
        old_now.quote.status,
        QuoteStatus::Superseded,
        "the server's word"
    );
    assert_eq!(old_now.quote.superseded_by, Some(new));
    let new_now = sales.portal.quote(new).await?;
    assert_eq!(new_now.quote.number.as_deref(), Some(number.as_str()));
    assert_eq!(new_now.quote.revision, 2);
    assert!(!new_now.pending);
    Ok(())
}
