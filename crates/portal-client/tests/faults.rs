//! Sync under real faults: the real client (in process, or the `sync_once` binary that the test
//! SIGKILLs) against the real server, through a proxy that spoils exactly one exchange — an answer
//! held while the app is killed, a server stopped between two pull pages, a connection cut
//! mid-page, a push delivered twice. After recovery nothing is lost and nothing is repeated: the
//! server holds each record once with the client's values, the firm's version counter moved once
//! per change, the client's outbox is settled and its view is exactly what the server holds for
//! that user.
//!
//! The tests wait on what the proxy reports (it tells the test when it holds an answer), never on
//! sleeps.

mod support;

use anyhow::{ensure, Context, Result};
use chrono::{Days, Utc};
use portal_client::{http::ServerApi, Portal, StoredSession};
use portal_core::{
    deal::{DealAction, DealStatus},
    prospect::{Contact, ProspectForm},
    registration::DealForm,
    sales::ProspectQuery,
    shell::Connection,
    sync::{Entity, MutationOp, Outcome, PullResponse, PushRequest, PushResponse},
    ErrorKind,
};
use portal_server::{seed::DEMO_PASSWORD, testing::TestServer};
use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader},
    path::Path,
    process::{Command, Stdio},
    sync::Arc,
};
use support::{
    assert_converged, cache_records, cursor, head, login, outbox_states,
    proxy::{Fault, Part, Proxy, Route},
    server_copies, server_records, signed_in, ADMIN, SALES,
};
use uuid::Uuid;

/// The headless client against `server_url`, signing in as the sales user on its first run.
fn sync_once(server_url: &str, data: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sync_once"));
    cmd.args(["--server", server_url])
        .arg("--data")
        .arg(data)
        .args(["--email", SALES, "--password", DEMO_PASSWORD])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    cmd
}

/// Runs the headless client to its end; its printed events.
async fn run_to_end(mut cmd: Command) -> Result<Vec<serde_json::Value>> {
    tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn()?;
        let stdout = child.stdout.take().expect("piped");
        let lines: Vec<String> = BufReader::new(stdout).lines().collect::<Result<_, _>>()?;
        let status = child.wait()?;
        ensure!(status.success(), "sync_once failed ({status}): {lines:?}");
        lines
            .iter()
            .map(|l| Ok(serde_json::from_str(l)?))
            .collect::<Result<Vec<_>>>()
    })
    .await?
}

fn event<'a>(events: &'a [serde_json::Value], name: &str) -> Result<&'a serde_json::Value> {
    events
        .iter()
        .find(|e| e["event"] == name)
        .with_context(|| format!("no {name:?} event in {events:?}"))
}

/// The session the headless client stored in its data directory.
fn stored_session(data: &Path) -> Result<StoredSession> {
    Ok(serde_json::from_slice(&std::fs::read(
        data.join("session.json"),
    )?)?)
}

/// A signed-in app instance with its own cache directory.
struct App {
    portal: Arc<Portal>,
    stored: StoredSession,
    _dir: tempfile::TempDir,
}

impl App {
    async fn sign_in(server_url: &str, email: &str) -> Result<App> {
        let dir = tempfile::tempdir()?;
        let (portal, stored) = signed_in(dir.path(), server_url, email).await?;
        Ok(App {
            portal: Arc::new(portal),
            stored,
            _dir: dir,
        })
    }

    fn scope(&self) -> String {
        self.stored.user_id.to_string()
    }

    fn pool(&self) -> &sqlx::SqlitePool {
        self.portal.cache().pool()
    }
}

fn prospect_form(company: &str, domain: &str) -> ProspectForm {
    ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        sector: "Retail".into(),
        mailboxes: "40".into(),
        primary_contact: Contact {
            first_name: "Ada".into(),
            last_name: "Quill".into(),
            email: format!("ada@{domain}"),
            ..Contact::default()
        },
        ..ProspectForm::default()
    }
}

/// The prospects (by domain) the server holds whose domain starts with `prefix`.
fn prospects_by_domain(
    records: &support::Records,
    prefix: &str,
) -> BTreeMap<String, (Uuid, i64, serde_json::Value)> {
    let mut out = BTreeMap::new();
    for ((entity, id), (version, body)) in records {
        let domain = body["domain"].as_str().unwrap_or_default();
        if *entity == Entity::Prospect && domain.starts_with(prefix) {
            let before = out.insert(domain.to_owned(), (*id, *version, body.clone()));
            assert!(before.is_none(), "two prospects with the domain {domain}");
        }
    }
    out
}

/// The pull pages the server answered through the proxy, from the `skip`-th on.
fn pages(proxy: &Proxy, skip: usize) -> Vec<(i64, PullResponse)> {
    proxy
        .exchanges(Route::Pull)
        .into_iter()
        .skip(skip)
        .map(|e| {
            let after = e
                .param("after")
                .expect("a pull says after")
                .parse()
                .unwrap();
            (after, e.answer_json())
        })
        .collect()
}

/// The cache holds exactly the records of `page` (and nothing else pulled), at `page.cursor`: the
/// page after it, which failed, left no trace.
async fn holds_exactly(pool: &sqlx::SqlitePool, scope: &str, page: &PullResponse) -> Result<()> {
    let expected: BTreeMap<(Entity, Uuid), i64> = page
        .changes
        .iter()
        .map(|c| ((c.entity, c.id), c.version))
        .collect();
    let held = server_copies(pool, scope).await?;
    ensure!(
        held == expected,
        "the cache holds {} server copies, the first page {}",
        held.len(),
        expected.len()
    );
    ensure!(
        cursor(pool, scope).await? == page.cursor,
        "the cursor moved past the first page"
    );
    Ok(())
}

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
