//! The server restarts between two pull pages, a connection is cut mid-page, a push is
//! delivered twice.

use super::*;

/// The server stops after the first page of a pull and comes back on the same port: the sync
/// reports the server unreachable and keeps the first page; the next one completes.
#[tokio::test]
async fn the_server_restarts_between_two_pull_pages() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let base = server.base_url();
    let mut proxy = Proxy::start(server.addr()).await?;
    proxy.limit_pages(25);
    let app = App::sign_in(&proxy.url(), SALES).await?;
    let scope = app.scope();
    for i in 0..2 {
        app.portal
            .save_prospect(
                None,
                prospect_form(&format!("Restart {i}"), &format!("restart-{i}.example")),
            )
            .await?;
    }

    proxy.arm(Route::Pull, 1, Fault::Gate);
    let syncing = tokio::spawn({
        let portal = app.portal.clone();
        async move { portal.sync_now().await }
    });
    let gate = proxy.event().await;
    server.stop().await?;
    gate.release();
    let status = syncing.await??;
    assert_eq!(status.connection, Connection::Offline);
    assert_eq!(status.last_error.map(|e| e.kind), Some(ErrorKind::Offline));
    assert_eq!(status.pending, 0, "the push went before the pull");
    let first = &pages(&proxy, 0)[0].1;
    holds_exactly(app.pool(), &scope, first).await?;

    // Still down: a sync changes nothing.
    let status = app.portal.sync_now().await?;
    assert_eq!(status.last_error.map(|e| e.kind), Some(ErrorKind::Offline));
    holds_exactly(app.pool(), &scope, first).await?;

    server.start().await?;
    let status = app.portal.sync_now().await?;
    assert!(status.last_error.is_none(), "{status:?}");
    assert_eq!(status.connection, Connection::Online);
    let (records, _) = server_records(&base, &app.stored.token).await?;
    assert_eq!(prospects_by_domain(&records, "restart-").len(), 2);
    assert_converged(app.pool(), &scope, &base, &app.stored.token).await
}

/// The connection drops mid-page (right after the head, halfway, one byte short): the sync fails
/// cleanly with nothing of that page applied, and the next sync completes.
#[tokio::test]
async fn a_connection_cut_mid_page_applies_nothing_of_it() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let base = server.base_url();
    let mut proxy = Proxy::start(server.addr()).await?;
    proxy.limit_pages(25);
    for sent in [Part::Body(0), Part::HalfBody, Part::AllButOneByte] {
        let app = App::sign_in(&proxy.url(), SALES).await?;
        let scope = app.scope();
        let before = proxy.exchanges(Route::Pull).len();
        proxy.arm(Route::Pull, 1, Fault::Cut { sent });
        let status = app.portal.sync_now().await?;
        let cut = proxy.event().await;
        assert_eq!(
            status.last_error.as_ref().map(|e| e.kind),
            Some(ErrorKind::Offline),
            "{sent:?}: {status:?}"
        );
        let first = &pages(&proxy, before)[0].1;
        assert!(cut.answer_json::<PullResponse>(0).changes.len() > 1);
        holds_exactly(app.pool(), &scope, first).await?;

        let status = app.portal.sync_now().await?;
        assert!(status.last_error.is_none(), "{sent:?}: {status:?}");
        assert_converged(app.pool(), &scope, &base, &app.stored.token).await?;
    }
    Ok(())
}

/// The network delivers one push to the server twice (the client sees one answer): every
/// mutation — creates, an edit, a delete, a deal submitted for the vendor's decision — takes
/// effect once, both deliveries are answered alike, and so is a replay through the API.
#[tokio::test]
async fn a_push_delivered_twice_takes_effect_once() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let base = server.base_url();
    let mut proxy = Proxy::start(server.addr()).await?;
    let app = App::sign_in(&proxy.url(), SALES).await?;
    let scope = app.scope();
    let synced = app.portal.sync_now().await?;
    ensure!(synced.last_error.is_none(), "{synced:?}");

    let find = |company: &'static str| {
        let portal = app.portal.clone();
        async move {
            let list = portal
                .prospects(ProspectQuery {
                    search: company.into(),
                    ..ProspectQuery::default()
                })
                .await?;
            list.rows
                .iter()
                .find(|r| r.company_name == company)
                .map(|r| r.id)
                .with_context(|| format!("{company} is listed"))
        }
    };
    let twice = app
        .portal
        .save_prospect(None, prospect_form("Twice Ltd", "twice.example"))
        .await?
        .prospect
        .id;
    let deal = app
        .portal
        .save_deal(
            None,
            DealForm {
                prospect_id: Some(twice),
                products: vec!["Bastion Archive".into()],
                estimated_value: "18,000".into(),
                expected_close: (Utc::now().date_naive() + Days::new(60)).to_string(),
                ..DealForm::default()
            },
        )
        .await?
        .deal
        .id;
    app.portal.deal_action(deal, DealAction::Submit).await?;
    let adatum = find("Adatum Corporation").await?;
    let mut form = ProspectForm::from_prospect(&app.portal.prospect(adatum).await?.prospect);
    form.notes = "Asked twice, answered once.".into();
    app.portal.save_prospect(Some(adatum), form).await?;
    let tailspin = find("Tailspin Toys").await?;
    app.portal.delete_prospect(tailspin).await?;

    let (admin, _) = login(&base, ADMIN).await?;
    proxy.arm(Route::Push, 0, Fault::DeliverTwice);
    let status = app.portal.sync_now().await?;
    assert!(status.last_error.is_none(), "{status:?}");
    assert_eq!((status.pending, status.needs_attention), (0, 0));
    let twice_delivered = proxy.event().await;
    let request: PushRequest = twice_delivered.request_json();
    let first: PushResponse = twice_delivered.answer_json(0);
    let second: PushResponse = twice_delivered.answer_json(1);
    assert_eq!(request.mutations.len(), 5);
    assert_eq!(
        first, second,
        "the second delivery is answered with the stored outcomes"
    );
    let versions: Vec<i64> = first
        .results
        .iter()
        .map(|r| match r.outcome {
            Outcome::Applied { version } => Ok(version),
            ref other => Err(anyhow::anyhow!("mutation {} was {other:?}", r.mutation_id)),
        })
        .collect::<Result<_>>()?;
    assert_eq!(
        proxy.exchanges(Route::Push).len(),
        2,
        "the server got it twice"
    );
    // The first delivery's last change is the firm's newest: the second applied nothing.
    let newest = *versions.iter().max().context("outcomes")?;
    assert_eq!(head(&base, &admin).await?, newest);

    // A replay of the same batch straight through the API: the same answer, still no change.
    let replayed = ServerApi::new(&base)
        .push(&app.stored.token, &request)
        .await?;
    assert_eq!(replayed, first);
    assert_eq!(head(&base, &admin).await?, newest);

    // Each effect once: one Twice Ltd, its deal approved (a second submit would have been
    // refused), Adatum's notes, Tailspin gone.
    let (records, _) = server_records(&base, &app.stored.token).await?;
    assert_eq!(prospects_by_domain(&records, "twice.").len(), 1);
    let (_, deal_body) = &records[&(Entity::Deal, deal.0)];
    assert_eq!(deal_body["status"], serde_json::json!(DealStatus::Approved));
    assert_eq!(
        records[&(Entity::Prospect, adatum.0)].1["notes"],
        "Asked twice, answered once."
    );
    assert!(!records.contains_key(&(Entity::Prospect, tailspin.0)));
    let view = cache_records(app.pool(), &scope).await?;
    assert_eq!(
        view[&(Entity::Deal, deal.0)],
        records[&(Entity::Deal, deal.0)]
    );
    assert_converged(app.pool(), &scope, &base, &app.stored.token).await
}
