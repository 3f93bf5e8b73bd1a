//! A headless client for crash tests: signs in (or resumes the session it stored), optionally queues
//! prospects, then syncs against the server — a harness may SIGKILL it at any instant and run it
//! again on the same data directory.
//!
//! ```text
//! cargo run -p portal-client --features testing --bin sync_once -- \
//!     --server http://127.0.0.1:8080 --data /tmp/client-a \
//!     [--email sales@northwind.example --password …] [--create 200 --prefix run1] \
//!     [--notes "Called back."] [--loop]
//! ```
//!
//! - The first run needs `--email` and `--password`; the session is kept in `<data>/session.json`
//!   (a test tool: the app itself keeps it in the OS keychain) and resumed by later runs.
//! - `--create N` queues N prospects (domains `<prefix>-<i>.example`, skipping ones already in the
//!   cache, so a rerun after a kill queues only what is missing), each its own transaction.
//! - `--notes TEXT` then edits the notes of every `<prefix>-*` prospect in the cache to TEXT
//!   (skipping those that have it already, so a rerun queues only the edits that are missing).
//! - `--loop` syncs again and again until killed; otherwise one sync.
//!
//! Prints one JSON object per line: `{"event":"queued","count":N}` after queuing,
//! `{"event":"edited","count":N}` after editing, then
//! `{"event":"synced","status":SyncStatus}` after each sync. Exits 0 when the last sync finished,
//! 1 when it stopped on an error, 2 on bad arguments or a failed sign-in. Integration tests find
//! it as `env!("CARGO_BIN_EXE_sync_once")`.

use portal_client::{Portal, StoredSession};
use portal_core::{prospect::ProspectForm, sales::ProspectQuery, shell::commands::SignIn};
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::ExitCode,
};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn need<'a>(a: &'a HashMap<String, String>, key: &str) -> Result<&'a String> {
    a.get(key)
        .ok_or_else(|| format!("--{key} is needed").into())
}

fn args() -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(key) = it.next() {
        let Some(name) = key.strip_prefix("--") else {
            return Err(format!("unexpected argument {key:?}").into());
        };
        if name == "loop" {
            out.insert(name.to_owned(), String::new());
        } else {
            let value = it.next().ok_or(format!("--{name} needs a value"))?;
            out.insert(name.to_owned(), value);
        }
    }
    Ok(out)
}

async fn session(portal: &Portal, data: &Path, a: &HashMap<String, String>) -> Result<()> {
    let file = data.join("session.json");
    if let Ok(text) = std::fs::read_to_string(&file) {
        let stored: StoredSession = serde_json::from_str(&text)?;
        portal.resume(stored).await?;
        return Ok(());
    }
    let signed_in = portal
        .sign_in(SignIn {
            server_url: need(a, "server")?.clone(),
            email: need(a, "email")?.clone(),
            password: need(a, "password")?.clone().into(),
            remember: true,
        })
        .await?;
    // Written whole then renamed, so a kill never leaves half a file.
    let tmp = data.join("session.json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(&signed_in.stored)?)?;
    std::fs::rename(tmp, file)?;
    Ok(())
}

async fn queue(portal: &Portal, count: usize, prefix: &str) -> Result<usize> {
    let mut queued = 0;
    for i in 0..count {
        let domain = format!("{prefix}-{i}.example");
        let existing = portal
            .prospects(ProspectQuery {
                search: domain.clone(),
                ..ProspectQuery::default()
            })
            .await?;
        if existing.rows.iter().any(|r| r.domain == domain) {
            continue;
        }
        let form = ProspectForm {
            company_name: format!("{prefix} company {i}"),
            domain,
            mailboxes: "10".into(),
            ..ProspectForm::default()
        };
        portal.save_prospect(None, form).await?;
        queued += 1;
    }
    Ok(queued)
}

async fn edit_notes(portal: &Portal, prefix: &str, notes: &str) -> Result<usize> {
    let list = portal
        .prospects(ProspectQuery {
            search: format!("{prefix}-"),
            limit: 1_000,
            ..ProspectQuery::default()
        })
        .await?;
    let mut edited = 0;
    for row in &list.rows {
        if !row.domain.starts_with(&format!("{prefix}-")) {
            continue;
        }
        let detail = portal.prospect(row.id).await?;
        if detail.prospect.notes == notes {
            continue;
        }
        let mut form = ProspectForm::from_prospect(&detail.prospect);
        form.notes = notes.to_owned();
        portal.save_prospect(Some(row.id), form).await?;
        edited += 1;
    }
    Ok(edited)
}

async fn run() -> Result<ExitCode> {
    let a = args()?;
    let data = PathBuf::from(need(&a, "data")?);
    let portal = Portal::open(&data).await?;
    session(&portal, &data, &a).await?;
    let prefix = a.get("prefix").map(String::as_str).unwrap_or("crash");
    if let Some(n) = a.get("create") {
        let n: usize = n.parse().map_err(|_| "--create takes a number")?;
        let queued = queue(&portal, n, prefix).await?;
        println!(
            "{}",
            serde_json::json!({"event": "queued", "count": queued})
        );
    }
    if let Some(notes) = a.get("notes") {
        let edited = edit_notes(&portal, prefix, notes).await?;
        println!(
            "{}",
            serde_json::json!({"event": "edited", "count": edited})
        );
    }
    loop {
        let status = portal.sync_now().await?;
        println!(
            "{}",
            serde_json::json!({"event": "synced", "status": status})
        );
        if !a.contains_key("loop") {
            return Ok(if status.last_error.is_none() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sync_once: {e}");
            ExitCode::from(2)
        }
    }
}
