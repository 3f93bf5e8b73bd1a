//! Search as you type over 100,000 prospects: the time of one list query (total and first page)
//! for each keystroke of a few searches, against a baseline measured in the same run — the plain
//! query (a substring test on every row, then sort) that the search plans replace.
//!
//! `cargo bench -p portal-client --bench search` (optionally `-- <prospects>`).

use portal_client::{lists::prospects, store::Cache, testing::sample};
use portal_core::{
    ids::UserId,
    prospect::ProspectStatus,
    sales::{ProspectQuery, ProspectSort},
};
use sqlx::SqliteConnection;
use std::time::{Duration, Instant};
use uuid::Uuid;

const SCOPE: &str = "bench";
const RUNS: usize = 7;

/// Every prefix of each search, as typed.
const TYPED: &[&str] = &["contoso", "smith", "windtech", "ann s", "zq9", "example"];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn ours(conn: &mut SqliteConnection, q: &ProspectQuery) -> Duration {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        prospects::prospects(conn, SCOPE, q).await.expect("query");
        times.push(t.elapsed());
    }
    median(times)
}

async fn baseline(conn: &mut SqliteConnection, q: &ProspectQuery) -> Duration {
    let needle = q.search.to_lowercase();
    let status = q.status.map(|s| s.as_str().to_owned());
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let _: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM prospect WHERE scope = ?1 AND instr(search, ?2) > 0
               AND (?3 IS NULL OR status = ?3)",
        )
        .bind(SCOPE)
        .bind(&needle)
        .bind(&status)
        .fetch_one(&mut *conn)
        .await
        .expect("count");
        let _: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, company_name FROM prospect WHERE scope = ?1 AND instr(search, ?2) > 0
               AND (?3 IS NULL OR status = ?3)
             ORDER BY company_name COLLATE NOCASE, seq LIMIT 50",
        )
        .bind(SCOPE)
        .bind(&needle)
        .bind(&status)
        .fetch_all(&mut *conn)
        .await
        .expect("page");
        times.push(t.elapsed());
    }
    median(times)
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::open(&dir.path().join("cache.sqlite"))
        .await
        .expect("cache");
    let owners: Vec<UserId> = (1..=5)
        .map(|i| UserId::from_uuid(Uuid::from_u128(i)))
        .collect();
    let started = Instant::now();
    sample::load(&cache, SCOPE, &sample::prospects(n, &owners, 42))
        .await
        .expect("load");
    println!(
        "loaded {n} prospects as pulled changes in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut conn = cache.pool().acquire().await.expect("connection");
    let mut worst = (Duration::ZERO, String::new());
    let mut all_ours = Vec::new();
    let mut all_base = Vec::new();
    println!(
        "{:<28} {:>10} {:>12} {:>8}",
        "query", "ours ms", "baseline ms", "ratio"
    );
    for word in TYPED {
        let prefixes: Vec<String> = word
            .char_indices()
            .map(|(i, c)| word[..i + c.len_utf8()].to_owned())
            .collect();
        for prefix in prefixes {
            for status in [None, Some(ProspectStatus::Qualified)] {
                let q = ProspectQuery {
                    search: prefix.clone(),
                    status,
                    sort: ProspectSort::CompanyName,
                    ..ProspectQuery::default()
                };
                let t = ours(&mut conn, &q).await;
                let b = baseline(&mut conn, &q).await;
                let label = format!(
                    "{prefix:?}{}",
                    if status.is_some() { " +status" } else { "" }
                );
                println!(
                    "{label:<28} {:>10.2} {:>12.2} {:>7.1}x",
                    t.as_secs_f64() * 1e3,
                    b.as_secs_f64() * 1e3,
                    b.as_secs_f64() / t.as_secs_f64()
                );
                if t > worst.0 {
                    worst = (t, label);
                }
                all_ours.push(t);
                all_base.push(b);
            }
        }
    }
    let (m, mb) = (median(all_ours.clone()), median(all_base.clone()));
    println!(
        "per query over {n} prospects: median {:.2} ms, worst {:.2} ms ({}); baseline median {:.2} ms ({:.1}x)",
        m.as_secs_f64() * 1e3,
        worst.0.as_secs_f64() * 1e3,
        worst.1,
        mb.as_secs_f64() * 1e3,
        mb.as_secs_f64() / m.as_secs_f64()
    );
}
