//! The `sync_once` client SIGKILLed while an answer is on its way: the push's, or a pull page's.

use super::*;

/// The app is SIGKILLed after the server applied its push and before the answer reached it: the
/// rerun sends the same batch again, gets the stored outcomes, and nothing is applied twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_the_push_answer_is_on_its_way() -> Result<()> {
    const NOTES: &str = "Called back after the crash.";
    let server = TestServer::spawn_seeded().await?;
    let base = server.base_url();
    let mut proxy = Proxy::start(server.addr()).await?;
    let (admin, _) = login(&base, ADMIN).await?;
    let head_before = head(&base, &admin).await?;
    let data = tempfile::tempdir()?;
    let args = ["--create", "12", "--prefix", "held", "--notes", NOTES];

    proxy.arm(
        Route::Push,
        0,
        Fault::Hold {
            sent: Part::Nothing,
        },
    );
    let mut child = sync_once(&proxy.url(), data.path(), &args).spawn()?;
    let held = proxy.event().await;
    child.kill()?; // SIGKILL, while the answer is held
    child.wait()?;

    // The server applied the whole batch once: 12 creates, 12 edits.
    let sent: PushRequest = held.request_json();
    let answered: PushResponse = held.answer_json(0);
    assert_eq!(sent.mutations.len(), 24);
    assert!(
        answered
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { .. })),
        "{answered:?}"
    );
    assert_eq!(head(&base, &admin).await?, head_before + 24);
    // The app never heard: all 24 are still waiting in its outbox.
    let stored = stored_session(data.path())?;
    let scope = stored.user_id.to_string();
    {
        let portal = Portal::open(data.path()).await?;
        let states = outbox_states(portal.cache().pool(), &scope).await?;
        assert_eq!(states, BTreeMap::from([("pending".to_owned(), 24)]));
    }

    // Run again: nothing new is queued, the same batch goes again and gets the same answer.
    let events = run_to_end(sync_once(&proxy.url(), data.path(), &args)).await?;
    assert_eq!(event(&events, "queued")?["count"], 0);
    assert_eq!(event(&events, "edited")?["count"], 0);
    let status = &events.last().context("a status")?["status"];
    assert_eq!(
        (&status["pending"], &status["needs_attention"]),
        (&0.into(), &0.into())
    );
    let pushes = proxy.exchanges(Route::Push);
    assert_eq!(pushes.len(), 2, "the held push and its repeat");
    let repeated: PushRequest = serde_json::from_slice(&pushes[1].request)?;
    assert_eq!(repeated.mutations, sent.mutations, "the same batch");
    assert_eq!(
        pushes[1].answer_json::<PushResponse>(),
        answered,
        "the stored outcomes"
    );
    assert_eq!(
        head(&base, &admin).await?,
        head_before + 24,
        "nothing applied twice"
    );

    // Each prospect once, with the edit, at the version the edit's outcome gave it.
    let (records, _) = server_records(&base, &admin).await?;
    let held_prospects = prospects_by_domain(&records, "held-");
    assert_eq!(held_prospects.len(), 12);
    let edit_versions: BTreeMap<Uuid, i64> = sent
        .mutations
        .iter()
        .zip(&answered.results)
        .filter(|(m, _)| matches!(m.op, MutationOp::Update { .. }))
        .map(|(m, r)| match r.outcome {
            Outcome::Applied { version } => (m.id, version),
            _ => unreachable!(),
        })
        .collect();
    for (id, version, body) in held_prospects.values() {
        assert_eq!(body["notes"], NOTES);
        assert_eq!(Some(version), edit_versions.get(id));
    }
    let portal = Portal::open(data.path()).await?;
    assert_converged(portal.cache().pool(), &scope, &base, &stored.token).await
}

/// The app is SIGKILLed while a pull page is half received: the page before it is in the cache
/// whole, this one not at all, and the rerun resumes from the stored cursor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_a_pull_page_is_half_received() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let base = server.base_url();
    let mut proxy = Proxy::start(server.addr()).await?;
    proxy.limit_pages(25);
    let data = tempfile::tempdir()?;
    let args = ["--create", "3", "--prefix", "pulled"];

    proxy.arm(
        Route::Pull,
        1,
        Fault::Hold {
            sent: Part::HalfBody,
        },
    );
    let mut child = sync_once(&proxy.url(), data.path(), &args).spawn()?;
    let held = proxy.event().await;
    child.kill()?;
    child.wait()?;

    let stored = stored_session(data.path())?;
    let scope = stored.user_id.to_string();
    let seen = pages(&proxy, 0);
    assert_eq!(seen.len(), 2, "the first page and the held one");
    let (after, first) = &seen[0];
    assert_eq!(*after, 0);
    let second: PullResponse = held.answer_json(0);
    assert!(first.more && !second.changes.is_empty());
    {
        let portal = Portal::open(data.path()).await?;
        holds_exactly(portal.cache().pool(), &scope, first).await?;
        assert_eq!(
            outbox_states(portal.cache().pool(), &scope).await?,
            BTreeMap::from([("synced".to_owned(), 3)]),
            "the push before the pull was answered"
        );
    }

    let events = run_to_end(sync_once(&proxy.url(), data.path(), &args)).await?;
    assert_eq!(event(&events, "queued")?["count"], 0);
    let resumed = pages(&proxy, 2);
    assert_eq!(
        resumed[0].0, first.cursor,
        "the rerun pulls on from the stored cursor"
    );

    let (records, _) = server_records(&base, &stored.token).await?;
    assert_eq!(prospects_by_domain(&records, "pulled-").len(), 3);
    let portal = Portal::open(data.path()).await?;
    assert_converged(portal.cache().pool(), &scope, &base, &stored.token).await
}
