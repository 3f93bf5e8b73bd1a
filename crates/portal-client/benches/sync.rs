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
use portal_client::{
    http::ServerApi,
    projection,
    replica::PulledChange,
    sync::pull::{PulledPage, PULL_PAGE},
    Portal,
};
use portal_core::{
    api::auth::LoginRequest,
    ids::ProspectId,
    prospect::{Prospect, ProspectForm},
    registration::Deal,
    sales::ProspectQuery,
    shell::commands::SignIn,
    sync::Entity,
};
use portal_server::{
    seed::{self, SeedOptions, DEMO_PASSWORD},
    testing::TestServer,
};
use std::{
    collections::HashMap,
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

/// How the baseline writes rows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    /// A prepared statement per row: the usual bulk load, but each row written to a table with a
    /// trigram index makes that index write out what it holds (a statement-level savepoint).
    PerRow,
    /// The list rows (prospects, deals) with one statement per table over a JSON array of rows;
    /// the server copies still one prepared statement per row.
    OneStatement,
    /// As `OneStatement`, with the lists' sorting indexes dropped first and built again last,
    /// in the same transaction (as the app's first sync does, across its transactions).
    IndexesLast,
}

/// The baseline of a first sync: `changes` inserted into a fresh cache (the app's own schema, its
/// triggers included) in one transaction; the short-search counts added up in memory and inserted
/// at the end. No HTTP, no server, nothing but the inserts.
fn baseline(path: &Path, scope: &str, changes: &[PulledChange], style: Style) -> Result<Duration> {
    use rusqlite::params;
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "memory")?;
    let started = Instant::now();
    let tx = conn.transaction()?;
    let mut set_aside: Vec<(String, String)> = Vec::new();
    if style == Style::IndexesLast {
        let mut list = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'
               AND tbl_name IN ('prospect', 'deal') AND sql IS NOT NULL",
        )?;
        set_aside = list
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        drop(list);
        for (name, _) in &set_aside {
            tx.execute(&format!("DROP INDEX {name}"), [])?;
        }
    }
    let mut grams = projection::GramCounts::default();
    // (id, name, domain, sector, mailboxes, status, rank, owner, search)
    type ProspectRow = (
        String,
        String,
        String,
        String,
        i64,
        &'static str,
        i64,
        String,
        String,
    );
    let mut prospects: Vec<ProspectRow> = Vec::new();
    let mut names: HashMap<String, (String, String)> = HashMap::new();
    type DealRow = (
        String,
        Option<String>,
        String,
        String,
        String,
        i64,
        &'static str,
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let mut deals: Vec<DealRow> = Vec::new();
    let mut pending_deals: Vec<(String, Deal)> = Vec::new();
    {
        let mut record = tx.prepare(
            "INSERT INTO record (scope, entity, id, server_version, server_body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for c in changes {
            let Some(body) = &c.body else { continue };
            let id = c.id.to_string();
            record.execute(params![scope, c.entity.as_str(), id, c.version, body.get()])?;
            match c.entity {
                Entity::Prospect => {
                    let p: Prospect = serde_json::from_str(body.get())?;
                    let search = projection::prospect_search(&p);
                    let rank = projection::prospect_rank(p.status);
                    let owner = p.owner_id.to_string();
                    grams.add(scope, &search, rank, &owner, 1);
                    names.insert(id.clone(), (p.company_name.clone(), p.domain.to_string()));
                    prospects.push((
                        id,
                        p.company_name,
                        p.domain.to_string(),
                        p.sector,
                        i64::from(p.mailboxes),
                        p.status.as_str(),
                        rank,
                        owner,
                        search,
                    ));
                }
                Entity::Deal => pending_deals.push((id, serde_json::from_str(body.get())?)),
                _ => {}
            }
        }
    }
    // Each deal with its prospect's name and domain (as the page's end leaves them).
    for (id, d) in pending_deals {
        let prospect_id = d.prospect_id.to_string();
        let (name, domain) = names.get(&prospect_id).cloned().unwrap_or_default();
        let number = d.number.clone().unwrap_or_default();
        let search = format!(
            "{} {}",
            number.to_lowercase(),
            format!("{name} {domain}").to_lowercase()
        );
        deals.push((
            id,
            d.number,
            prospect_id,
            name,
            domain,
            d.estimated_value.minor,
            d.estimated_value.currency.code(),
            d.expected_close.to_string(),
            projection::status_str(d.status),
            projection::deal_rank(d.status),
            d.status_reason,
            d.expires_on.map(|e| e.to_string()),
            d.owner_id.to_string(),
            search,
        ));
    }
    const PROSPECT_COLUMNS: &str = "scope, id, company_name, domain, sector, mailboxes, status,
        status_rank, owner_id, owner_name, search";
    const DEAL_COLUMNS: &str = "scope, id, number, prospect_id, prospect_name, domain, value_minor,
        currency, expected_close, status, status_rank, status_reason, expires_on, owner_id, search";
    match style {
        Style::PerRow => {
            let mut prospect = tx.prepare(&format!(
                "INSERT INTO prospect ({PROSPECT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                   ?9, COALESCE((SELECT name FROM person WHERE scope = ?1 AND user_id = ?9), ''),
                   ?10)"
            ))?;
            for p in &prospects {
                prospect.execute(params![scope, p.0, p.1, p.2, p.3, p.4, p.5, p.6, p.7, p.8])?;
            }
            let mut deal = tx.prepare(&format!(
                "INSERT INTO deal ({DEAL_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                   ?11, ?12, ?13, ?14, ?15)"
            ))?;
            for d in &deals {
                deal.execute(params![
                    scope, d.0, d.1, d.2, d.3, d.4, d.5, d.6, d.7, d.8, d.9, d.10, d.11, d.12, d.13
                ])?;
            }
        }
        Style::OneStatement | Style::IndexesLast => {
            tx.execute(
                &format!(
                    "INSERT INTO prospect ({PROSPECT_COLUMNS})
                     SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3,
                       j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7,
                       COALESCE((SELECT name FROM person WHERE scope = ?1
                                  AND user_id = j.value ->> 7), ''),
                       j.value ->> 8
                     FROM json_each(?2) AS j"
                ),
                params![scope, serde_json::to_string(&prospects)?],
            )?;
            tx.execute(
                &format!(
                    "INSERT INTO deal ({DEAL_COLUMNS})
                     SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3,
                       j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8,
                       j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13
                     FROM json_each(?2) AS j"
                ),
                params![scope, serde_json::to_string(&deals)?],
            )?;
        }
    }
    for (_, sql) in &set_aside {
        tx.execute(sql, [])?;
    }
    // The schema's triggers staged each prospect for the counts, which were counted above.
    tx.execute("DELETE FROM prospect_gram_stage", [])?;
    tx.execute(projection::GramCounts::STORE_SQL, [grams.rows_json()])?;
    tx.execute(
        "UPDATE sync_state SET cursor = ?2 WHERE scope = ?1",
        params![scope, changes.last().map_or(0, |c| c.version)],
    )?;
    tx.commit()?;
    Ok(started.elapsed())
}

/// Row counts of the tables a first sync fills, to check the baseline did the same work.
async fn counts(path: &Path) -> Result<Vec<(String, i64)>> {
    let conn = rusqlite::Connection::open(path)?;
    let mut out = Vec::new();
    for t in [
        "record",
        "prospect",
        "deal",
        "prospect_gram",
        "prospect_fts",
        "deal_fts",
    ] {
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
        out.push((t.to_owned(), n));
    }
    // The short-search counts, whole: a digest of every (scope, gram, status, owner, n) with n > 0.
    let grams: String = conn.query_row(
        "SELECT COALESCE(group_concat(scope || '|' || hex(gram) || '|' || status_rank || '|' || owner_id || '|' || n, ','), '')
           FROM (SELECT * FROM prospect_gram WHERE n <> 0 ORDER BY scope, gram, status_rank, owner_id)",
        [],
        |r| r.get(0),
    )?;
    let digest = grams.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    out.push(("gram counts digest".into(), digest as i64));
    Ok(out)
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
