//! Sync under real faults: the real client (in process, or the `sync_once` binary that the test
//! SIGKILLs) against the real server, through a proxy that spoils exactly one exchange — an answer
//! held while the app is killed, a server stopped between two pull pages, a connection cut
//! mid-page, a push delivered twice. After recovery nothing is lost and nothing is repeated: the
//! server holds each record once with the client's values, the firm's version counter moved once
//! per change, the client's outbox is settled and its view is exactly what the server holds for
//! that user.
//!
//! The tests wait on what the proxy reports (it tells the test when it holds an answer), never on
//! sleeps. [`kills`]: the app killed mid-exchange; [`network`]: the server or the network fails.

mod kills;
mod network;

use crate::support::{
    assert_converged, cache_records, cursor, head, login, outbox_states,
    proxy::{Fault, Part, Proxy, Route},
    server_copies, server_records, signed_in, ADMIN, SALES,
};
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
    records: &crate::support::Records,
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
