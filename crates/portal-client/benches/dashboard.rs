//! The Dashboard and invoice search benchmark on a large partner's cache, each figure against a
//! baseline measured in the same run. Exits non-zero when a goal is missed.
//!
//! The cache is built the way a sync builds it: the firm's administrator signs in to a fresh
//! cache and syncs with a real server (in this process, on 127.0.0.1) seeded with `--prospects`
//! generated prospects (with their deal registrations: the pipeline, besides the demo firm's
//! quotes and orders); then the Customers area of a large partner — `--customers` customers
//! (50,000), two subscriptions each with a renewal each, `--invoices` invoices (200,000) and a
//! support case for one customer in ten — is generated in the exact shapes the server sends
//! (`portal_server::sync::reference`) and applied page by page (`PULL_PAGE` changes) with the
//! replica's page apply, each page in its own transaction, as a pull applies them.
//!
//! Measured, warm, median of `--runs`: the whole `Portal::dashboard()`, and `Portal::invoices`
//! searching by number (a prefix that leaves a handful, and the first characters typed, which
//! match nearly all), by a fragment of the customer's name, by kind and a month of issue dates,
//! and the first page of "All".
//! Goals: the dashboard under 16 ms, each search under 20 ms.
//!
//! The pull's pages are checkpointed into the database file before measuring (the cache as the
//! app finds it later, or reopened).
//!
//! Baseline: `SELECT count(*), sum(total_minor) FROM invoice` on the same pool — one pass over
//! every invoice, the floor of any query that has to look at each of them (the previous scans
//! did; an indexed search must not). It is what the ratios are against, so that a figure can be
//! read on another machine: a search ≤ 1× touches less than the whole table.
//!
//! The cache takes some 500 MB in the temporary directory (`TMPDIR`; `/dev/shm` will do).
//!
//! `cargo bench -p portal-client --bench dashboard [-- --customers N --invoices N --prospects N
//! --runs N]`

use anyhow::{ensure, Context, Result};
use chrono::{Days, NaiveDate, Utc};
use portal_client::{
    sync::{
        page::{PreparedPage, PulledChange},
        pull::PULL_PAGE,
    },
    Portal,
};
use portal_core::{
    api::partner::Address,
    customers::{InvoiceKind, InvoiceQuery},
    money::{Currency, Money},
    shell::commands::SignIn,
    sync::Entity,
};
use portal_server::{
    seed::{self, SeedOptions, DEMO_PASSWORD},
    sync::reference::{
        CustomerRecord, InvoiceRecord, RenewalRecord, SubscriptionRecord, SupportCaseRecord,
    },
    testing::TestServer,
};
use serde::Serialize;
use serde_json::value::RawValue;
use std::{
    collections::HashSet,
    future::Future,
    time::{Duration, Instant},
};
use uuid::Uuid;

const ADMIN: &str = "admin@northwind.example";
const DASHBOARD_GOAL: Duration = Duration::from_millis(16);
const SEARCH_GOAL: Duration = Duration::from_millis(20);

struct Options {
    customers: usize,
    invoices: usize,
    prospects: u32,
    runs: usize,
}

fn options() -> Result<Options> {
    let mut o = Options {
        customers: 50_000,
        invoices: 200_000,
        prospects: 3_000,
        runs: 21,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = || -> Result<usize> {
            args.get(i + 1)
                .context("a value must follow")?
                .parse()
                .context("a number must follow")
        };
        match args[i].as_str() {
            "--customers" => o.customers = value()?,
            "--invoices" => o.invoices = value()?,
            "--prospects" => o.prospects = u32::try_from(value()?)?,
            "--runs" => o.runs = value()?.max(1),
            // What `cargo bench` passes to every bench program.
            "--bench" => {
                i += 1;
                continue;
            }
            other => anyhow::bail!("unknown argument {other}"),
        }
        i += 2;
    }
    Ok(o)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// A small deterministic generator (the same cache every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: [&str; 16] = [
    "Harbor", "Summit", "Granite", "Willow", "Cobalt", "Maple", "Orchid", "Falcon", "Beacon",
    "Cedar", "Aurora", "Meridian", "Juniper", "Quartz", "Silver", "Lantern",
];
const SECOND: [&str; 12] = [
    "Analytics",
    "Logistics",
    "Health",
    "Foods",
    "Legal",
    "Dental",
    "Motors",
    "Studios",
    "Energy",
    "Capital",
    "Systems",
    "Textiles",
];
const SUFFIX: [&str; 5] = ["Ltd", "Inc", "GmbH", "LLC", "Group"];

fn change<T: Serialize>(entity: Entity, id: Uuid, version: i64, body: &T) -> PulledChange {
    PulledChange {
        entity,
        id,
        version,
        body: Some(
            RawValue::from_string(serde_json::to_string(body).expect("records serialize"))
                .expect("serialized JSON"),
        ),
    }
}

/// The Customers area of a large partner, as the changes a pull receives (in the server's
/// order: by version).
fn generate(o: &Options, today: NaiveDate, owner: &str, product: &str) -> Vec<PulledChange> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut version = 10_000_000i64;
    let mut next = || {
        version += 1;
        version
    };
    let day = |offset: i64| -> String {
        if offset >= 0 {
            (today + Days::new(offset as u64)).to_string()
        } else {
            (today - Days::new((-offset) as u64)).to_string()
        }
    };
    let usd = |minor: i64| Money::new(minor, Currency::USD);
    let mut out = Vec::with_capacity(o.customers * 5 + o.invoices);
    let mut customers = Vec::with_capacity(o.customers);
    for n in 0..o.customers {
        let id = Uuid::now_v7();
        let name = format!(
            "{} {} {} {n}",
            FIRST[rng.below(FIRST.len())],
            SECOND[rng.below(SECOND.len())],
            SUFFIX[rng.below(SUFFIX.len())]
        );
        let record = CustomerRecord {
            id: id.to_string(),
            owner_id: Some(owner.to_owned()),
            domain: format!("customer{n}.example"),
            sector: SECOND[n % SECOND.len()].to_lowercase(),
            address: Address {
                line1: format!("{n} Main Street"),
                line2: String::new(),
                city: "Springfield".into(),
                region: "IL".into(),
                postal_code: "62701".into(),
                country: "US".into(),
            },
            contact_name: format!("Contact {n}"),
            contact_email: format!("it@customer{n}.example"),
            created_at: "2024-01-01T00:00:00Z".into(),
            company_name: name,
        };
        out.push(change(Entity::Customer, id, next(), &record));
        customers.push(id);
    }
    for &customer in &customers {
        for _ in 0..2 {
            let id = Uuid::now_v7();
            // Started within the last two years, for a year or two: most run today.
            let starts = -(rng.below(700) as i64);
            let term = if rng.below(2) == 0 { 12 } else { 24 };
            let ends = starts + term * 365 / 12;
            let seats = 5 + rng.below(200) as i64;
            let sub = SubscriptionRecord {
                id: id.to_string(),
                customer_id: customer.to_string(),
                product_id: product.to_owned(),
                seats,
                term_months: term,
                starts_on: day(starts),
                ends_on: day(ends),
            };
            out.push(change(Entity::Subscription, id, next(), &sub));
            let renewal = Uuid::now_v7();
            let record = RenewalRecord {
                id: renewal.to_string(),
                subscription_id: id.to_string(),
                customer_id: customer.to_string(),
                product_id: product.to_owned(),
                due_on: day(ends),
                value: usd(seats * 1_500 * term),
            };
            out.push(change(Entity::Renewal, renewal, next(), &record));
        }
    }
    for n in 0..o.invoices {
        let id = Uuid::now_v7();
        // One in fifty is a consolidated invoice; the rest bill a customer. Issued over 3 years.
        let consolidated = n % 50 == 49;
        let issued = -(rng.below(3 * 365) as i64);
        let record = InvoiceRecord {
            id: id.to_string(),
            customer_id: (!consolidated).then(|| customers[rng.below(customers.len())].to_string()),
            number: format!("INV-LP-{:07}", n + 1),
            kind: if consolidated {
                "consolidated"
            } else {
                "customer"
            }
            .into(),
            issued_on: day(issued),
            due_on: day(issued + 30),
            total: usd(10_000 + rng.below(5_000_000) as i64),
            status: ["paid", "paid", "paid", "open", "overdue", "void"][rng.below(6)].into(),
        };
        out.push(change(Entity::Invoice, id, next(), &record));
    }
    for n in 0..o.customers / 10 {
        let id = Uuid::now_v7();
        let opened = -(rng.below(400) as i64);
        let closed = rng.below(3) != 0;
        let record = SupportCaseRecord {
            id: id.to_string(),
            customer_id: Some(customers[rng.below(customers.len())].to_string()),
            number: format!("CASE-{:06}", n + 1),
            subject: "Mail delivery delayed".into(),
            status: if closed { "closed" } else { "open" }.into(),
            priority: ["low", "normal", "high", "urgent"][rng.below(4)].into(),
            opened_on: day(opened),
            closed_on: closed.then(|| day(opened + 3)),
            description: "Messages to external recipients wait in the queue.".into(),
        };
        out.push(change(Entity::SupportCase, id, next(), &record));
    }
    out
}

/// The median of `runs` timings of `f` after one untimed warm-up run.
async fn time<F, Fut, T>(runs: usize, mut f: F) -> Result<(Duration, T)>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut last = f().await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        last = f().await?;
        times.push(started.elapsed());
    }
    Ok((median(times), last))
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    let today = Utc::now().date_naive();

    let started = Instant::now();
    let mut server = TestServer::spawn_seeded().await?;
    server.stop().await?;
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(server.database_path())
            .busy_timeout(Duration::from_secs(10)),
    )
    .await?;
    seed::seed(
        &pool,
        &SeedOptions {
            prospects_per_partner: o.prospects,
            customers_per_partner: 50,
            ..SeedOptions::default()
        },
    )
    .await?;
    let product: String = sqlx::query_scalar("SELECT id FROM products LIMIT 1")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    server.start().await?;

    let dir = tempfile::tempdir()?;
    let portal = Portal::open(dir.path()).await?;
    let signed = portal
        .sign_in(SignIn {
            server_url: server.base_url(),
            email: ADMIN.into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await?;
    let scope = signed.stored.user_id.to_string();
    portal.sync_now().await?;

    let changes = generate(&o, today, &scope, &product);
    let tracked = HashSet::new();
    for page in changes.chunks(PULL_PAGE as usize) {
        let mut tx = portal.cache().pool().begin().await?;
        PreparedPage::new(page)
            .apply(&mut tx, &scope, page, &tracked)
            .await?;
        tx.commit().await?;
    }
    let pool = portal.cache().pool().clone();
    // The cache as the app finds it after a while (or reopened): the pull's pages checkpointed
    // from the write-ahead log into the database file.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await?;
    let counts: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM subscription),
                (SELECT count(*) FROM renewal), (SELECT count(*) FROM invoice),
                (SELECT count(*) FROM support_case), (SELECT count(*) FROM deal)",
    )
    .fetch_one(&pool)
    .await?;
    ensure!(
        counts.0 as usize >= o.customers && counts.3 as usize >= o.invoices,
        "the generated records were not listed: {counts:?}"
    );
    println!(
        "cache: {} customers, {} subscriptions, {} renewals, {} invoices, {} support cases, \
         {} deals (built in {:.1} s)",
        counts.0,
        counts.1,
        counts.2,
        counts.3,
        counts.4,
        counts.5,
        started.elapsed().as_secs_f64()
    );

    let (baseline, (n, _)) = time(o.runs, || async {
        Ok(sqlx::query_as::<_, (i64, i64)>(
            "SELECT count(*), sum(total_minor) FROM invoice WHERE scope = ?1",
        )
        .bind(&scope)
        .fetch_one(&pool)
        .await?)
    })
    .await?;
    println!(
        "baseline: count(*), sum(total_minor) over the {n} invoices: {} (median of {})",
        ms(baseline),
        o.runs
    );

    let (dashboard, d) = time(o.runs, || async { Ok(portal.dashboard().await?) }).await?;
    let c = d.figures.customers.as_ref().context("no Customers area")?;
    println!(
        "  dashboard: {} customers, {} seats, {} open support cases, {} renewals due in {} days",
        c.customers,
        c.seats,
        c.open_support_cases,
        c.renewals_due[0].count,
        c.renewals_due[0].within_days
    );

    let mut goals = vec![("dashboard", dashboard, DASHBOARD_GOAL)];
    let month_ago = today - Days::new(30);
    let searches = [
        (
            "invoices: number",
            InvoiceQuery {
                number: "inv-lp-01234".into(),
                ..InvoiceQuery::default()
            },
        ),
        // What typing the number's first characters finds: nearly every invoice.
        (
            "invoices: number typed",
            InvoiceQuery {
                number: "inv-".into(),
                ..InvoiceQuery::default()
            },
        ),
        (
            "invoices: customer",
            InvoiceQuery {
                customer: "harbor dental".into(),
                ..InvoiceQuery::default()
            },
        ),
        (
            "invoices: kind+dates",
            InvoiceQuery {
                kind: Some(InvoiceKind::Customer),
                issued_from: Some(month_ago),
                issued_to: Some(today),
                ..InvoiceQuery::default()
            },
        ),
        ("invoices: All", InvoiceQuery::default()),
    ];
    for (name, query) in searches {
        let (t, list) = time(o.runs, || {
            let query = query.clone();
            let portal = &portal;
            async move { Ok(portal.invoices(query).await?) }
        })
        .await?;
        println!(
            "  {name}: {} of {} matching (first page)",
            list.rows.len(),
            list.total
        );
        goals.push((name, t, SEARCH_GOAL));
    }

    let mut missed = 0;
    for (name, t, goal) in goals {
        let ok = t < goal;
        println!(
            "GOAL {name:<22} {:>9} = {:>6.2}x baseline (goal < {}): {}",
            ms(t),
            t.as_secs_f64() / baseline.as_secs_f64(),
            ms(goal),
            if ok { "met" } else { "MISSED" }
        );
        missed += usize::from(!ok);
    }
    drop(portal);
    server.stop().await?;
    // `exit` runs no destructors: the cache and the server's database (hundreds of MB) go first.
    drop(server);
    drop(dir);
    if missed > 0 {
        eprintln!("{missed} goal(s) missed");
        std::process::exit(1);
    }
    Ok(())
}
