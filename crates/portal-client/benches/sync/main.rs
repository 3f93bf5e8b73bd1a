//! The sync benchmark: the real client against the real server (in this process, on 127.0.0.1),
//! each figure against a baseline measured in the same run. Exits non-zero when a goal is missed.
//!
//! 1. **First sync of a large firm.** The server is seeded with `--prospects` generated prospects
//!    (100,000) and `--customers` customers (16,000: about 100,000 customers-area rows — customers,
//!    subscriptions, renewals, invoices, support cases) per firm; the firm's administrator signs in
//!    to a fresh cache and syncs (`Portal::sync_now`, push and pull, timed whole).
//!    Baseline: the same change bodies, fetched beforehand, inserted into a fresh cache with the
//!    same schema (opened by the app: the same tables, indexes, trigram indexes, triggers and
//!    short-search counts, the same pragmas) in one transaction, with `rusqlite` and no HTTP, no
//!    server: the server copies with a prepared statement per row, the list rows with one
//!    statement per table, the short-search counts added up in memory. It is timed two ways, as
//!    they are and with the lists' sorting indexes built at the end, and the faster of each run is
//!    the baseline (`--per-row-baseline` also times a prepared statement per list row, for the
//!    record: about three times slower, as every statement that writes a row under a trigram index
//!    makes that index write out what it holds). Goal: ≤ 2×.
//!    The time to fetch every page alone (server, HTTP, reading the page; no cache) is printed too:
//!    the part of a first sync that is the server's, as far as it can be separated.
//! 2. **One changed record synced** (a push of one edit of a prospect's name, then the pull that
//!    brings it back) with that large cache, against the same with the small demo firm's cache,
//!    interleaved. Goal: ≤ 2× (the cost must not grow with the size of the cache).
//!
//! Search as you type (goal 3) is its own program: `cargo bench -p portal-client --bench search`.
//!
//! `cargo bench -p portal-client --bench sync [-- --prospects N --customers N --runs N --edits N
//! --per-row-baseline]`

use anyhow::{bail, ensure, Context, Result};
mod baseline;

use baseline::{baseline, counts, Style};
use portal_client::{
    http::ServerApi,
    sync::{
        page::{PulledChange, PulledPage},
        pull::PULL_PAGE,
    },
    Portal,
};
use portal_core::{
    api::auth::LoginRequest, ids::ProspectId, prospect::ProspectForm, sales::ProspectQuery,
    shell::commands::SignIn,
};
use portal_server::{
    seed::{self, SeedOptions, DEMO_PASSWORD},
    testing::TestServer,
};
use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

const ADMIN: &str = "admin@northwind.example";

struct Options {
    prospects: u32,
    customers: u32,
    runs: usize,
    edits: usize,
    /// Also time the one-row-at-a-time baseline (for the record: slower than the other).
    per_row: bool,
}

fn options() -> Result<Options> {
    let mut o = Options {
        prospects: 100_000,
        customers: 16_000,
        runs: 5,
        edits: 25,
        per_row: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = || -> Result<usize> {
            args.get(i + 1)
                .context("a value must follow")?
                .parse()
                .context("a whole number")
        };
        match args[i].as_str() {
            "--prospects" => o.prospects = value()? as u32,
            "--customers" => o.customers = value()? as u32,
            "--runs" => o.runs = value()?.max(1),
            "--edits" => o.edits = value()?.max(1),
            "--per-row-baseline" => {
                o.per_row = true;
                i += 1;
                continue;
            }
            _ => {
                // `cargo bench` passes `--bench`; anything else is not ours.
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    Ok(o)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// A running server whose firms have `prospects` and `customers` each.
async fn server(prospects: u32, customers: u32) -> Result<TestServer> {
    let mut server = TestServer::spawn_seeded().await?;
    server.stop().await?;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(server.database_path())
        .busy_timeout(Duration::from_secs(10));
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    let report = seed::seed(
        &pool,
        &SeedOptions {
            prospects_per_partner: prospects,
            customers_per_partner: customers,
            ..SeedOptions::default()
        },
    )
    .await?;
    pool.close().await;
    server.start().await?;
    print_seed_report(&report);
    Ok(server)
}

fn print_seed_report(r: &seed::SeedReport) {
    println!(
        "  seeded per server: {} prospects, {} deals, {} customers, {} subscriptions, {} renewals, \
         {} invoices, {} support cases ({} change-log rows)",
        r.prospects,
        r.deals,
        r.customers,
        r.subscriptions,
        r.renewals,
        r.invoices,
        r.support_cases,
        r.changes
    );
}

/// Every change a first sync of `email` receives, fetched page by page as the client pulls them;
/// and the time it took (the server's part of a first sync, with HTTP and decoding).
async fn fetch_all(server: &TestServer, email: &str) -> Result<(Vec<PulledChange>, Duration)> {
    let api = ServerApi::new(&server.base_url());
    let login = api
        .login(&LoginRequest {
            email: email.into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await?;
    let started = Instant::now();
    let mut changes = Vec::new();
    let mut after = 0;
    loop {
        let page: PulledPage = api.pull_as(&login.token, after, PULL_PAGE).await?;
        ensure!(!page.reset, "a first sync was told to reset");
        changes.extend(page.changes);
        after = page.cursor;
        if !page.more {
            break;
        }
    }
    Ok((changes, started.elapsed()))
}

/// A fresh app instance signed in as `email` (not synced yet).
async fn signed_in(server: &TestServer, dir: &Path, email: &str) -> Result<(Portal, String)> {
    let portal = Portal::open(dir).await?;
    let signed = portal
        .sign_in(SignIn {
            server_url: server.base_url(),
            email: email.into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await?;
    Ok((portal, signed.stored.user_id.to_string()))
}

async fn sync(portal: &Portal) -> Result<()> {
    let status = portal.sync_now().await?;
    if let Some(e) = status.last_error {
        bail!("sync failed: {e:?}");
    }
    Ok(())
}

/// The first prospect of the list: the one the one-change syncs edit.
async fn first_prospect(portal: &Portal) -> Result<ProspectId> {
    let list = portal
        .prospects(ProspectQuery {
            limit: 1,
            ..ProspectQuery::default()
        })
        .await?;
    Ok(list.rows.first().context("the firm has prospects")?.id)
}

/// Renames the prospect (the `i`-th edit), then times the sync that pushes it and pulls it back.
async fn one_change_sync(portal: &Portal, id: ProspectId, i: usize) -> Result<Duration> {
    let detail = portal.prospect(id).await?;
    let mut form = ProspectForm::from_prospect(&detail.prospect);
    let stem = detail
        .prospect
        .company_name
        .split(" (edit")
        .next()
        .unwrap_or_default();
    form.company_name = format!("{stem} (edit {i})");
    portal.save_prospect(Some(id), form).await?;
    let started = Instant::now();
    sync(portal).await?;
    let took = started.elapsed();
    let after = portal.prospect(id).await?;
    ensure!(
        !after.pending
            && after
                .prospect
                .company_name
                .ends_with(&format!("(edit {i})")),
        "the edit did not come back from the server: {after:?}"
    );
    Ok(took)
}

struct Goal {
    name: &'static str,
    ours: Duration,
    baseline: Duration,
    max_ratio: f64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Returning (rather than exiting) lets the servers and caches delete their directories.
    match run().await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("the sync benchmark failed: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The whole benchmark; whether every goal was met.
async fn run() -> Result<bool> {
    let o = options()?;
    println!(
        "sync benchmark: {} prospects and {} customers per firm, {} first syncs, {} one-change syncs",
        o.prospects, o.customers, o.runs, o.edits
    );
    let started = Instant::now();
    let big = server(o.prospects, o.customers).await?;
    println!("  large server ready in {}", secs(started.elapsed()));
    let small = TestServer::spawn_seeded().await?;

    // Goal 1: first sync of the large firm against a bulk insert of the same changes.
    let mut fetch_times = Vec::new();
    let mut base_times = Vec::new();
    let mut other_times = Vec::new();
    // The baseline of a run is the faster of the two ways of writing the rows at once; the one
    // row at a time is slower (about twice), and timed only when asked.
    let styles: &[Style] = if o.per_row {
        &[Style::OneStatement, Style::IndexesLast, Style::PerRow]
    } else {
        &[Style::OneStatement, Style::IndexesLast]
    };
    let mut ours_times = Vec::new();
    let mut last: Option<(Portal, tempfile::TempDir)> = None;
    let mut changes_n = 0;
    for run in 0..o.runs {
        let (changes, fetched) = fetch_all(&big, ADMIN).await?;
        changes_n = changes.len();
        fetch_times.push(fetched);

        let mut fastest: Option<(Duration, Style, PathBuf, tempfile::TempDir)> = None;
        for style in styles.iter().copied() {
            let base_dir = tempfile::tempdir()?;
            // The app's schema, and the user's sync state and name as a sign-in leaves them.
            let (portal, scope) = signed_in(&big, base_dir.path(), ADMIN).await?;
            portal.cache().pool().close().await;
            drop(portal);
            let path = base_dir.path().join("cache.sqlite");
            let b = tokio::task::block_in_place(|| baseline(&path, &scope, &changes, style))?;
            println!("  run {}: baseline {style:?} {}", run + 1, secs(b));
            other_times.push((style, b));
            if style != Style::PerRow && fastest.as_ref().is_none_or(|f| b < f.0) {
                fastest = Some((b, style, path, base_dir));
            }
        }
        drop(changes);
        let (b, _, base_path, _base_dir) = fastest.context("the baseline ran")?;
        base_times.push(b);

        let dir = tempfile::tempdir()?;
        let (portal, _) = signed_in(&big, dir.path(), ADMIN).await?;
        let t = Instant::now();
        sync(&portal).await?;
        let ours = t.elapsed();
        ours_times.push(ours);
        println!(
            "  run {}: {changes_n} changes; fetch alone {}, baseline {}, first sync {} ({:.2}x)",
            run + 1,
            secs(fetched),
            secs(b),
            secs(ours),
            ours.as_secs_f64() / b.as_secs_f64()
        );
        if run == 0 {
            let (ours_counts, base_counts) = (
                counts(&dir.path().join("cache.sqlite")).await?,
                counts(&base_path).await?,
            );
            ensure!(
                ours_counts == base_counts,
                "the baseline did not do the same work: ours {ours_counts:?}, baseline {base_counts:?}"
            );
            println!("  same rows in both caches: {ours_counts:?}");
        }
        last = Some((portal, dir));
    }
    let fetch = median(fetch_times);
    let first = Goal {
        name: "first sync",
        ours: median(ours_times),
        baseline: median(base_times),
        max_ratio: 2.0,
    };

    // Goal 2: one changed record synced, large cache against small.
    let (large_portal, _large_dir) = last.context("at least one run")?;
    let small_dir = tempfile::tempdir()?;
    let (small_portal, _) = signed_in(&small, small_dir.path(), ADMIN).await?;
    sync(&small_portal).await?;
    let (large_id, small_id) = (
        first_prospect(&large_portal).await?,
        first_prospect(&small_portal).await?,
    );
    // Interleaved, so that whatever else the machine does falls on both alike.
    let (mut large_times, mut small_times) = (Vec::new(), Vec::new());
    for i in 0..o.edits {
        large_times.push(one_change_sync(&large_portal, large_id, i).await?);
        small_times.push(one_change_sync(&small_portal, small_id, i).await?);
    }
    let (large, small_times) = (median(large_times), median(small_times));
    let one = Goal {
        name: "one change synced",
        ours: large,
        baseline: small_times,
        max_ratio: 2.0,
    };

    println!();
    println!(
        "first sync of {changes_n} changes: {} (median of {}); baseline (bulk insert, one transaction, \
         the faster way of each run) {}; \
         fetching every page alone (server + HTTP + reading the page) {} = {:.0}% of the first sync",
        secs(first.ours),
        o.runs,
        secs(first.baseline),
        secs(fetch),
        100.0 * fetch.as_secs_f64() / first.ours.as_secs_f64()
    );
    for style in styles.iter().copied() {
        let times: Vec<Duration> = other_times
            .iter()
            .filter(|(s, _)| *s == style)
            .map(|(_, t)| *t)
            .collect();
        if !times.is_empty() {
            println!(
                "  baseline written {style:?}: {}, median of {}",
                secs(median(times.clone())),
                times.len()
            );
        }
    }
    println!(
        "one change synced (push + pull): {} with the large cache; {} with the small one (median of {})",
        ms(one.ours),
        ms(one.baseline),
        o.edits
    );
    let mut missed = 0;
    for g in [&first, &one] {
        let ratio = g.ours.as_secs_f64() / g.baseline.as_secs_f64();
        let ok = ratio <= g.max_ratio;
        println!(
            "GOAL {:<18} {:>10.3} s vs baseline {:>8.3} s = {:.2}x (goal <= {:.1}x): {}",
            g.name,
            g.ours.as_secs_f64(),
            g.baseline.as_secs_f64(),
            ratio,
            g.max_ratio,
            if ok { "met" } else { "MISSED" }
        );
        missed += usize::from(!ok);
    }
    drop(small_portal);
    drop(large_portal);
    if missed > 0 {
        eprintln!("{missed} goal(s) missed");
    }
    Ok(missed == 0)
}
