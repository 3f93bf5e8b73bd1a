//! The cache survives the app being killed (SIGKILL) at any instant: the headless client
//! (`sync_once`) is killed while queuing and syncing, run again on the same data directory, and in
//! the end the server holds each change exactly once.

use anyhow::{ensure, Result};
use portal_client::Portal;
use portal_core::{sales::ProspectQuery, shell::commands::SignIn};
use portal_server::{seed::DEMO_PASSWORD, testing::TestServer};
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

const CREATE: &str = "120";

fn client(server: &TestServer, data: &std::path::Path, looping: bool) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sync_once"));
    cmd.args(["--server", &server.base_url()])
        .arg("--data")
        .arg(data)
        .args([
            "--email",
            "sales@northwind.example",
            "--password",
            DEMO_PASSWORD,
        ])
        .args(["--create", CREATE, "--prefix", "killed"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if looping {
        cmd.arg("--loop");
    }
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_any_instant_it_loses_and_repeats_nothing() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let data = tempfile::tempdir()?;

    // Kill it at growing delays: while signing in, queuing, pushing and pulling.
    for delay_ms in [30, 120, 250, 400, 700, 1_000] {
        let mut child = client(&server, data.path(), true).spawn()?;
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        child.kill()?; // SIGKILL on Unix
        child.wait()?;
    }

    // Then once to the end: it queues what is missing and syncs everything.
    let mut child = client(&server, data.path(), false).spawn()?;
    let stdout = child.stdout.take().expect("piped");
    let lines: Vec<String> = BufReader::new(stdout).lines().collect::<Result<_, _>>()?;
    let status = child.wait()?;
    ensure!(status.success(), "the last run failed: {lines:?}");
    let last: serde_json::Value = serde_json::from_str(lines.last().expect("a status line"))?;
    assert_eq!(last["status"]["pending"], 0, "{last}");
    assert_eq!(last["status"]["needs_attention"], 0, "{last}");

    // The server holds each prospect exactly once, as another machine sees it.
    let other = tempfile::tempdir()?;
    let portal = Portal::open(other.path()).await?;
    portal
        .sign_in(SignIn {
            server_url: server.base_url(),
            email: "admin@northwind.example".into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await?;
    let synced = portal.sync_now().await?;
    ensure!(synced.last_error.is_none(), "{synced:?}");
    let list = portal
        .prospects(ProspectQuery {
            search: "killed-".into(),
            limit: 1_000,
            ..ProspectQuery::default()
        })
        .await?;
    assert_eq!(list.total, CREATE.parse::<u64>()?);
    let mut domains: Vec<_> = list.rows.iter().map(|r| r.domain.clone()).collect();
    domains.sort();
    domains.dedup();
    assert_eq!(domains.len(), list.rows.len());
    Ok(())
}
