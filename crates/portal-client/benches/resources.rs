//! The marketing library, searched as you type: a client signed in to the real (seeded) server,
//! with 5,000 realistic items more (every category, one to three products each) loaded into its
//! cache as pulled changes and one category kept offline; the time of one `Portal::resources` call
//! (total, page of 50 rows with their briefcase state, New and expired marks, and the Product and
//! Type facets) for each keystroke of a few searches, with and without filters, against a baseline
//! measured in the same run — a naive scan that reads every stored body, tests it and sorts (what
//! the list rows and the trigram index replace). The goal: under 16 ms a keystroke (one frame).
//!
//! `cargo bench -p portal-client --bench resources` (optionally `-- <items>`).

use portal_client::{lists::resources as library, testing::resources, Portal};
use portal_core::{
    resources::{
        library::{KeepTarget, ResourceQuery, ResourceSort},
        Category, FileType, Resource,
    },
    shell::commands::SignIn,
};
use portal_server::{seed::DEMO_PASSWORD, testing::TestServer};
use sqlx::SqlitePool;
use std::time::{Duration, Instant};

const RUNS: usize = 7;
const GOAL: Duration = Duration::from_millis(16);

/// Every prefix of each search, as typed.
const TYPED: &[&str] = &[
    "battle card",
    "ransomware",
    "archive gdpr",
    "roi calc",
    "zzq",
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[((v.len() * 95).div_ceil(100))
        .saturating_sub(1)
        .min(v.len() - 1)]
}

async fn ours(portal: &Portal, q: &ResourceQuery) -> Duration {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        portal.resources(q).await.expect("query");
        times.push(t.elapsed());
    }
    median(times)
}

/// Reads every stored body, keeps those passing the filters with every word somewhere, sorts,
/// takes the page, and gathers the facets.
async fn baseline(pool: &SqlitePool, scope: &str, q: &ResourceQuery) -> Duration {
    let mut conn = pool.acquire().await.expect("connection");
    let words: Vec<String> = q
        .search
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT server_body FROM record WHERE scope = ?1 AND entity = 'resource'
               AND server_body IS NOT NULL",
        )
        .bind(scope)
        .fetch_all(&mut *conn)
        .await
        .expect("bodies");
        let mut hits: Vec<Resource> = Vec::new();
        let mut products = std::collections::BTreeSet::new();
        let mut types = std::collections::BTreeSet::new();
        for b in &bodies {
            let r: Resource = serde_json::from_str(b).expect("a body");
            if q.category.is_some_and(|c| c != r.category) {
                continue;
            }
            let text = library::search_text(&r);
            if !words.iter().all(|w| text.contains(w.as_str())) {
                continue;
            }
            products.extend(r.products.iter().cloned());
            types.insert(r.file_type());
            if q.product
                .as_ref()
                .is_some_and(|s| !r.products.iter().any(|p| &p.sku == s))
                || q.file_type.is_some_and(|t| t != r.file_type())
            {
                continue;
            }
            hits.push(r);
        }
        hits.sort_by_key(|r| std::cmp::Reverse(r.published_at));
        std::hint::black_box((hits.len(), hits.iter().take(50).count(), products, types));
        times.push(t.elapsed());
    }
    median(times)
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let server = TestServer::spawn_seeded().await.expect("server");
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::open(dir.path()).await.expect("cache");
    let signed_in = portal
        .sign_in(SignIn {
            server_url: server.base_url(),
            email: "sales@northwind.example".into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await
        .expect("sign in");
    portal.sync_now().await.expect("sync");
    let scope = signed_in.stored.user_id.to_string();
    let started = Instant::now();
    resources::load(portal.cache(), &scope, &resources::resources(n, 7))
        .await
        .expect("load");
    println!(
        "loaded {n} resources as pulled changes in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    portal
        .keep_offline(&KeepTarget::Category(Category::BrandingLogos), true)
        .await
        .expect("keep a category");
    let filters: [(&str, ResourceQuery); 4] = [
        ("What's New", ResourceQuery::default()),
        (
            "Sales Tools by title",
            ResourceQuery {
                category: Some(Category::SalesTools),
                sort: ResourceSort::Title,
                ..ResourceQuery::default()
            },
        ),
        (
            "+product BM-AR",
            ResourceQuery {
                product: Some("BM-AR".into()),
                ..ResourceQuery::default()
            },
        ),
        (
            "Customer Tools +PDF",
            ResourceQuery {
                category: Some(Category::CustomerTools),
                file_type: Some(FileType::Pdf),
                ..ResourceQuery::default()
            },
        ),
    ];
    let mut all_ours = Vec::new();
    let mut all_base = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    println!(
        "{:<44} {:>9} {:>12} {:>8}",
        "query", "ours ms", "baseline ms", "ratio"
    );
    for word in TYPED {
        let prefixes: Vec<String> = word
            .char_indices()
            .map(|(i, c)| word[..i + c.len_utf8()].to_owned())
            .collect();
        for prefix in prefixes {
            for (name, base_q) in &filters {
                let q = ResourceQuery {
                    search: prefix.clone(),
                    ..base_q.clone()
                };
                let t = ours(&portal, &q).await;
                let b = baseline(portal.cache().pool(), &scope, &q).await;
                let label = format!("{prefix:?} {name}");
                println!(
                    "{label:<44} {:>9.2} {:>12.2} {:>7.1}x",
                    t.as_secs_f64() * 1e3,
                    b.as_secs_f64() * 1e3,
                    b.as_secs_f64() / t.as_secs_f64().max(1e-9)
                );
                if t > worst.0 {
                    worst = (t, label);
                }
                all_ours.push(t);
                all_base.push(b);
            }
        }
    }
    let (m, p) = (median(all_ours.clone()), p95(all_ours.clone()));
    let (bm, bp) = (median(all_base.clone()), p95(all_base));
    println!();
    println!(
        "per keystroke over {} queries: median {:.2} ms, p95 {:.2} ms, worst {:.2} ms ({})",
        all_ours.len(),
        m.as_secs_f64() * 1e3,
        p.as_secs_f64() * 1e3,
        worst.0.as_secs_f64() * 1e3,
        worst.1
    );
    println!(
        "baseline (naive scan of every body): median {:.2} ms, p95 {:.2} ms; ratio of medians {:.1}x, of p95 {:.1}x",
        bm.as_secs_f64() * 1e3,
        bp.as_secs_f64() * 1e3,
        bm.as_secs_f64() / m.as_secs_f64().max(1e-9),
        bp.as_secs_f64() / p.as_secs_f64().max(1e-9)
    );
    println!(
        "goal: under {} ms per keystroke at p95: {}",
        GOAL.as_millis(),
        if p < GOAL { "met" } else { "NOT met" }
    );
}
