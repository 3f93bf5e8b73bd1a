//! The baseline of a first sync: the same change bodies inserted into a fresh cache with
//! `rusqlite`, no HTTP and no server — what the app's first sync is measured against.

use anyhow::Result;
use portal_client::{
    lists::{
        deals::deal_rank,
        grams::GramCounts,
        prospects::{prospect_rank, prospect_search},
    },
    sync::page::PulledChange,
};
use portal_core::{prospect::Prospect, registration::Deal, sync::Entity};
use std::{
    collections::HashMap,
    path::Path,
    time::{Duration, Instant},
};

/// How the baseline writes rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
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
pub fn baseline(
    path: &Path,
    scope: &str,
    changes: &[PulledChange],
    style: Style,
) -> Result<Duration> {
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
    let mut grams = GramCounts::default();
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
                    let search = prospect_search(&p);
                    let rank = prospect_rank(p.status);
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
            d.status.as_str().to_owned(),
            deal_rank(d.status),
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
    tx.execute(GramCounts::STORE_SQL, [grams.rows_json()])?;
    tx.execute(
        "UPDATE sync_state SET cursor = ?2 WHERE scope = ?1",
        params![scope, changes.last().map_or(0, |c| c.version)],
    )?;
    tx.commit()?;
    Ok(started.elapsed())
}

/// Row counts of the tables a first sync fills, to check the baseline did the same work.
pub async fn counts(path: &Path) -> Result<Vec<(String, i64)>> {
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
