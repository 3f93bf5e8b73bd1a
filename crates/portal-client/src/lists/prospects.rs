//! The prospect list: each prospect's row (projected from its view, so the list sorts, filters and
//! searches without reading JSON; a row carries its owner's name and its search text), and the
//! Prospects page's query over them.

use super::search::{needle, page_bounds, Arg, Listing};
use crate::{error::ClientError, store::read};
use portal_core::{
    prospect::{Prospect, ProspectStatus},
    sales::{ProspectList, ProspectQuery, ProspectRow, ProspectSort},
};
use sqlx::{FromRow, SqliteConnection};

pub fn prospect_rank(s: ProspectStatus) -> i64 {
    ProspectStatus::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0) as i64
}

/// The longest search text kept (the gram counts cut texts at 1,024 characters).
const MAX_SEARCH_CHARS: usize = 1_000;

/// A prospect's search text as stored: lower-cased, cut to a bounded length, and ending in two
/// U+0001 so that every character a search can hold (searches drop control characters) begins a
/// trigram of the index.
pub fn prospect_search(p: &Prospect) -> String {
    let mut text: String = p.search_text().chars().take(MAX_SEARCH_CHARS).collect();
    text.push_str("\u{1}\u{1}");
    text
}

/// The lower-cased name and domain of a prospect, as a deal's search text carries them.
pub fn prospect_part(name: &str, domain: &str) -> String {
    format!("{name} {domain}").to_lowercase()
}
/// The list row of one prospect (`pending`: changes to it wait for the server).
pub async fn put_prospect(
    conn: &mut SqliteConnection,
    scope: &str,
    p: &Prospect,
    pending: bool,
) -> Result<(), ClientError> {
    let id = p.id.to_string();
    sqlx::query(
        "INSERT INTO prospect (scope, id, company_name, domain, sector, mailboxes, status,
           status_rank, owner_id, owner_name, pending, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
           COALESCE((SELECT name FROM person WHERE scope = ?1 AND user_id = ?9), ''), ?10, ?11)
         ON CONFLICT (scope, id) DO UPDATE SET
           company_name = excluded.company_name, domain = excluded.domain, sector = excluded.sector,
           mailboxes = excluded.mailboxes, status = excluded.status,
           status_rank = excluded.status_rank, owner_id = excluded.owner_id,
           owner_name = excluded.owner_name, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(&id)
    .bind(&p.company_name)
    .bind(p.domain.as_str())
    .bind(&p.sector)
    .bind(i64::from(p.mailboxes))
    .bind(p.status.as_str())
    .bind(prospect_rank(p.status))
    .bind(p.owner_id.to_string())
    .bind(pending)
    .bind(prospect_search(p))
    .execute(&mut *conn)
    .await?;
    // The prospect's deals carry its name and domain: bring along those that differ.
    sqlx::query(
        "UPDATE deal SET prospect_name = ?3, domain = ?4,
           search = lower(COALESCE(number, '')) || ' ' || ?5
         WHERE scope = ?1 AND prospect_id = ?2 AND (prospect_name <> ?3 OR domain <> ?4)",
    )
    .bind(scope)
    .bind(&id)
    .bind(&p.company_name)
    .bind(p.domain.as_str())
    .bind(prospect_part(&p.company_name, p.domain.as_str()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The list rows of a page of pulled prospects, none of them with changes queued here (so neither
/// pending): one upsert for all of them, then their deals brought along as [`put_prospect`] does
/// one by one. The ids must be distinct.
pub async fn put_prospects(
    conn: &mut SqliteConnection,
    scope: &str,
    prospects: &[Prospect],
) -> Result<(), ClientError> {
    if prospects.is_empty() {
        return Ok(());
    }
    type Row<'a> = (
        String,
        &'a str,
        &'a str,
        &'a str,
        i64,
        &'a str,
        i64,
        String,
        String,
    );
    let rows: Vec<Row> = prospects
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                p.company_name.as_str(),
                p.domain.as_str(),
                p.sector.as_str(),
                i64::from(p.mailboxes),
                p.status.as_str(),
                prospect_rank(p.status),
                p.owner_id.to_string(),
                prospect_search(p),
            )
        })
        .collect();
    sqlx::query(
        "INSERT INTO prospect (scope, id, company_name, domain, sector, mailboxes, status,
           status_rank, owner_id, owner_name, pending, search)
         SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
           j.value ->> 5, j.value ->> 6, j.value ->> 7,
           COALESCE((SELECT name FROM person WHERE scope = ?1 AND user_id = j.value ->> 7), ''),
           0, j.value ->> 8
         FROM json_each(?2) AS j WHERE true
         ON CONFLICT (scope, id) DO UPDATE SET
           company_name = excluded.company_name, domain = excluded.domain, sector = excluded.sector,
           mailboxes = excluded.mailboxes, status = excluded.status,
           status_rank = excluded.status_rank, owner_id = excluded.owner_id,
           owner_name = excluded.owner_name, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(read::to_json(&rows))
    .execute(&mut *conn)
    .await?;
    // The deals already listed whose prospect's name or domain changed.
    let parts: Vec<(String, &str, &str, String)> = prospects
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                p.company_name.as_str(),
                p.domain.as_str(),
                prospect_part(&p.company_name, p.domain.as_str()),
            )
        })
        .collect();
    // Found first through the page (CROSS JOIN keeps it the outer loop: an UPDATE … FROM would
    // be planned as a walk of all the scope's deals), then updated by rowid.
    let stale: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT d.seq, j.key FROM json_each(?2) AS j
         CROSS JOIN deal AS d ON d.scope = ?1 AND d.prospect_id = j.value ->> 0
         WHERE d.prospect_name <> j.value ->> 1 OR d.domain <> j.value ->> 2",
    )
    .bind(scope)
    .bind(read::to_json(&parts))
    .fetch_all(&mut *conn)
    .await?;
    if !stale.is_empty() {
        let updates: Vec<(i64, &str, &str, &str)> = stale
            .iter()
            .map(|(seq, i)| {
                let (_, name, domain, part) = &parts[*i as usize];
                (*seq, *name, *domain, part.as_str())
            })
            .collect();
        sqlx::query(
            "UPDATE deal SET prospect_name = j.value ->> 1, domain = j.value ->> 2,
               search = lower(COALESCE(deal.number, '')) || ' ' || (j.value ->> 3)
             FROM json_each(?1) AS j WHERE deal.seq = j.value ->> 0",
        )
        .bind(read::to_json(&updates))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct ProspectListRow {
    id: String,
    company_name: String,
    domain: String,
    sector: String,
    mailboxes: i64,
    status: String,
    owner_id: String,
    owner_name: String,
    pending: bool,
}

const PROSPECT_COLUMNS: &str = "prospect.id, prospect.company_name, prospect.domain, \
    prospect.sector, prospect.mailboxes, prospect.status, prospect.owner_id, prospect.owner_name, \
    prospect.pending";

/// One page of the scope's prospects matching the query.
pub async fn prospects(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &ProspectQuery,
) -> Result<ProspectList, ClientError> {
    let dir = if query.descending { " DESC" } else { "" };
    let order = match query.sort {
        ProspectSort::CompanyName => format!("prospect.company_name COLLATE NOCASE{dir}"),
        ProspectSort::Domain => format!("prospect.domain{dir}"),
        ProspectSort::Status => {
            format!("prospect.status_rank{dir}, prospect.company_name COLLATE NOCASE{dir}")
        }
        ProspectSort::Mailboxes => format!("prospect.mailboxes{dir}"),
        ProspectSort::Owner => format!(
            "prospect.owner_name COLLATE NOCASE{dir}, prospect.company_name COLLATE NOCASE{dir}"
        ),
    } + &format!(", prospect.seq{dir}");
    let mut filters = Vec::new();
    if let Some(s) = query.status {
        filters.push(("status_rank", Arg::Int(prospect_rank(s))));
    }
    if let Some(o) = query.owner_id {
        filters.push(("owner_id", Arg::Text(o.to_string())));
    }
    let (limit, offset) = page_bounds(query.limit, query.offset);
    let listing = Listing {
        table: "prospect",
        fts: "prospect_fts",
        grams: Some(("prospect_gram", "prospect_vocab")),
        columns: PROSPECT_COLUMNS,
        scope,
        filters,
        order,
        limit,
        offset,
    };
    let (total, rows) = listing
        .run::<ProspectListRow>(conn, &needle(&query.search))
        .await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            Ok(ProspectRow {
                id: read::id(&r.id)?,
                company_name: r.company_name,
                domain: r.domain,
                sector: r.sector,
                mailboxes: u32::try_from(r.mailboxes).unwrap_or(0),
                status: read::wire(&r.status)?,
                owner_id: read::id(&r.owner_id)?,
                owner_name: r.owner_name,
                pending: r.pending,
            })
        })
        .collect::<Result<_, ClientError>>()?;
    Ok(ProspectList { rows, total })
}
