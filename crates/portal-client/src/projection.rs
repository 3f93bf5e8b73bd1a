//! The list rows of prospects, deals, quotes and orders, projected from each record's view so the
//! lists sort, filter and search without reading JSON; and the names of the firm's users for the
//! owner column.

use crate::{error::ClientError, replica::Folded};
use portal_core::{
    deal::DealStatus,
    order::Order,
    prospect::{Prospect, ProspectStatus},
    quote::{Quote, QuoteFor},
    registration::Deal,
    sync::Entity,
};
use sqlx::SqliteConnection;
use std::hash::{BuildHasherDefault, Hasher};
use uuid::Uuid;

/// Keeps the list row of a prospect, deal, quote or order in step with its view, and those of the
/// Customers area's kinds with their stored server copy (see [`crate::reference`]).
pub async fn project(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
    folded: &Folded,
) -> Result<(), ClientError> {
    match entity {
        Entity::Prospect => {
            let prospect = folded
                .body
                .as_ref()
                .and_then(|b| decode::<Prospect>(entity, id, b));
            match prospect {
                Some(p) => put_prospect(conn, scope, &p, folded.pending).await,
                None => remove(conn, "prospect", scope, id).await,
            }
        }
        Entity::Deal => {
            let deal = folded
                .body
                .as_ref()
                .and_then(|b| decode::<Deal>(entity, id, b));
            match deal {
                Some(d) => put_deal(conn, scope, &d, folded.pending, folded.waiting).await,
                None => remove(conn, "deal", scope, id).await,
            }
        }
        Entity::Quote => {
            let quote = folded
                .body
                .as_ref()
                .and_then(|b| decode::<Quote>(entity, id, b));
            match quote {
                Some(q) => put_quote(conn, scope, &q, folded.pending, folded.waiting).await,
                None => remove(conn, "quote", scope, id).await,
            }
        }
        Entity::Order => {
            let order = folded
                .body
                .as_ref()
                .and_then(|b| decode::<Order>(entity, id, b));
            match order {
                Some(o) => put_order(conn, scope, &o, folded.pending, folded.waiting).await,
                None => remove(conn, "sales_order", scope, id).await,
            }
        }
        Entity::SupportCase => {
            // A case opened here lists from its queued create until the server sends it back.
            let opened = match &folded.body {
                Some(body)
                    if folded.pending || !has_server_copy(conn, scope, entity, id).await? =>
                {
                    serde_json::from_value::<portal_core::support::NewSupportCase>(body.clone())
                        .ok()
                }
                _ => None,
            };
            match opened {
                Some(case) => {
                    let today = chrono::Local::now().date_naive();
                    crate::support::put_opened(conn, scope, &case, today).await
                }
                None => crate::reference::put(conn, scope, entity, &[id.to_string()]).await,
            }
        }
        _ => {
            let ids = [id.to_string()];
            crate::reference::put(conn, scope, entity, &ids).await
        }
    }
}

/// Whether the server has sent a copy of the record.
async fn has_server_copy(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<bool, ClientError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3
                          AND server_body IS NOT NULL)",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_one(&mut *conn)
    .await?)
}

/// A value's JSON name (`pending_customer_approval`), for enums stored as text.
pub fn json_name<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

async fn put_quote(
    conn: &mut SqliteConnection,
    scope: &str,
    q: &Quote,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    let (for_kind, for_id) = match q.quote_for {
        QuoteFor::Prospect(p) => ("prospect", p.to_string()),
        QuoteFor::Customer(c) => ("customer", c.to_string()),
    };
    sqlx::query(
        "INSERT INTO quote (scope, id, number, revision, supersedes, superseded_by, for_kind,
           for_id, deal_id, total_minor, cost_minor, currency, valid_until, created_on, status,
           approval, owner_id, waiting, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
           ?19)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, revision = excluded.revision,
           supersedes = excluded.supersedes, superseded_by = excluded.superseded_by,
           for_kind = excluded.for_kind, for_id = excluded.for_id, deal_id = excluded.deal_id,
           total_minor = excluded.total_minor, cost_minor = excluded.cost_minor,
           currency = excluded.currency, valid_until = excluded.valid_until,
           created_on = excluded.created_on, status = excluded.status,
           approval = excluded.approval, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending",
    )
    .bind(scope)
    .bind(q.id.to_string())
    .bind(q.number.as_deref())
    .bind(i64::from(q.revision))
    .bind(q.supersedes.map(|s| s.to_string()))
    .bind(q.superseded_by.map(|s| s.to_string()))
    .bind(for_kind)
    .bind(for_id)
    .bind(q.deal_id.map(|d| d.to_string()))
    .bind(q.totals.total.minor)
    .bind(q.totals.cost_total.minor)
    .bind(q.currency.code())
    .bind(q.valid_until.to_string())
    .bind(q.created_on.to_string())
    .bind(json_name(q.status))
    .bind(json_name(q.approval))
    .bind(q.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn put_order(
    conn: &mut SqliteConnection,
    scope: &str,
    o: &Order,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO sales_order (scope, id, number, quote_id, company_name, po_number,
           created_on, submitted_on, total_minor, rrp_minor, cost_minor, currency, status,
           status_reason, customer_id, owner_id, waiting, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, quote_id = excluded.quote_id,
           company_name = excluded.company_name, po_number = excluded.po_number,
           created_on = excluded.created_on, submitted_on = excluded.submitted_on,
           total_minor = excluded.total_minor, rrp_minor = excluded.rrp_minor,
           cost_minor = excluded.cost_minor, currency = excluded.currency,
           status = excluded.status, status_reason = excluded.status_reason,
           customer_id = excluded.customer_id, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending",
    )
    .bind(scope)
    .bind(o.id.to_string())
    .bind(o.number.as_deref())
    .bind(o.quote_id.to_string())
    .bind(&o.company_name)
    .bind(&o.po_number)
    .bind(o.created_on.to_string())
    .bind(o.submitted_on.map(|d| d.to_string()))
    .bind(o.total.minor)
    .bind(o.rrp_total.minor)
    .bind(o.cost_total.minor)
    .bind(o.currency.code())
    .bind(json_name(o.status))
    .bind(o.status_reason.as_deref())
    .bind(o.customer_id.map(|c| c.to_string()))
    .bind(o.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A body that is not the portal-core type is left out of the lists (and logged), never fatal: one
/// bad record must not stop a sync.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    entity: Entity,
    id: Uuid,
    body: &serde_json::Value,
) -> Option<T> {
    match T::deserialize(body) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(entity = entity.as_str(), %id, error = %e, "record body does not read");
            None
        }
    }
}

/// As [`decode`], from the body's JSON text.
pub(crate) fn decode_text<T: serde::de::DeserializeOwned>(
    entity: Entity,
    id: Uuid,
    body: &serde_json::value::RawValue,
) -> Option<T> {
    match serde_json::from_str(body.get()) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(entity = entity.as_str(), %id, error = %e, "record body does not read");
            None
        }
    }
}

async fn remove(
    conn: &mut SqliteConnection,
    table: &str,
    scope: &str,
    id: Uuid,
) -> Result<(), ClientError> {
    sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1 AND id = ?2"))
        .bind(scope)
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub fn prospect_rank(s: ProspectStatus) -> i64 {
    ProspectStatus::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0) as i64
}

pub fn deal_rank(s: DealStatus) -> i64 {
    DealStatus::ALL.iter().position(|x| *x == s).unwrap_or(0) as i64
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

/// Positions a gram may start at (search texts are cut to 1,000 characters plus the two U+0001;
/// the counts were once folded in SQL over a table of positions 1..=1024, and still agree with it).
const GRAM_POSITIONS: usize = 1_024;

/// A gram of one or two characters, or the empty one (which every row contains once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Gram(u32, u32);

impl Gram {
    const NONE: u32 = u32::MAX;
    const EMPTY: Gram = Gram(Self::NONE, Self::NONE);

    fn text(self) -> String {
        [self.0, self.1]
            .into_iter()
            .filter_map(char::from_u32)
            .collect()
    }
}

/// A hasher for small integer keys (the std one resists crafted keys, which these are not, at
/// several times the cost: it showed in a first sync's profile).
#[derive(Debug, Default, Clone, Copy)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Changes to the short-search counts (`prospect_gram`), added up in memory and stored with one
/// statement: each row adds (or, leaving, takes away) one for each distinct string of one or two
/// characters its search text contains, and one for the empty string.
#[derive(Debug, Default)]
pub struct GramCounts {
    /// (scope, owner) pairs, numbered, so that the keys below hold no strings.
    names: Vec<(String, String)>,
    index: std::collections::HashMap<(String, String), u32>,
    counts: std::collections::HashMap<(u32, Gram, i64), i64, BuildHasherDefault<FastHasher>>,
    grams: Vec<Gram>,
}

impl GramCounts {
    /// Counts one row's grams with `sign` (+1 arriving, -1 leaving).
    pub fn add(&mut self, scope: &str, search: &str, status_rank: i64, owner_id: &str, sign: i64) {
        let key = (scope.to_owned(), owner_id.to_owned());
        let who = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(key.clone());
                self.index.insert(key, i);
                i
            }
        };
        self.grams.clear();
        self.grams.push(Gram::EMPTY);
        let mut previous: Option<char> = None;
        for (n, c) in search.chars().enumerate() {
            if let Some(p) = previous {
                // The two characters starting at position n - 1.
                self.grams.push(Gram(p as u32, c as u32));
            }
            if n >= GRAM_POSITIONS {
                break;
            }
            self.grams.push(Gram(c as u32, Gram::NONE));
            previous = Some(c);
        }
        self.grams.sort_unstable();
        self.grams.dedup();
        for g in &self.grams {
            *self.counts.entry((who, *g, status_rank)).or_insert(0) += sign;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.values().all(|n| *n == 0)
    }

    /// The changed counts as a JSON array of `[scope, gram, status_rank, owner_id, n]`: what
    /// [`GramCounts::STORE_SQL`] takes.
    pub fn rows_json(&self) -> String {
        let rows: Vec<(&str, String, i64, &str, i64)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|((who, gram, rank), n)| {
                let (scope, owner) = &self.names[*who as usize];
                (scope.as_str(), gram.text(), *rank, owner.as_str(), *n)
            })
            .collect();
        serde_json::to_string(&rows).expect("counts serialize")
    }

    /// The upsert that adds `?1` (see [`GramCounts::rows_json`]) to the counts.
    pub const STORE_SQL: &'static str =
        "INSERT INTO prospect_gram (scope, gram, status_rank, owner_id, n)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
           FROM json_each(?1) AS j WHERE true
         ON CONFLICT (scope, gram, status_rank, owner_id) DO UPDATE SET n = n + excluded.n";

    /// Adds the counted changes to `prospect_gram`.
    pub async fn store(&self, conn: &mut SqliteConnection) -> Result<(), ClientError> {
        if self.is_empty() {
            return Ok(());
        }
        sqlx::query(Self::STORE_SQL)
            .bind(self.rows_json())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

/// Folds the rows staged by the prospect triggers into the short-search counts: the grams are
/// counted in memory and stored with one upsert. Cheap when nothing is staged; run at the end of
/// each pull page and before a search reads the counts.
pub async fn settle_grams(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    // One text for the whole stage: far cheaper to read than a row per staged prospect.
    let staged: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(scope, search, status_rank, owner_id, sign))
         FROM prospect_gram_stage",
    )
    .fetch_one(&mut *conn)
    .await?;
    let staged: Vec<(String, String, i64, String, i64)> =
        serde_json::from_str(&staged).map_err(ClientError::corrupt)?;
    if staged.is_empty() {
        return Ok(());
    }
    let mut counts = GramCounts::default();
    for (scope, search, status_rank, owner_id, sign) in &staged {
        counts.add(scope, search, *status_rank, owner_id, *sign);
    }
    counts.store(conn).await?;
    sqlx::query("DELETE FROM prospect_gram_stage")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether changed prospects wait to be folded into the short-search counts.
pub async fn grams_staged(conn: &mut SqliteConnection) -> Result<bool, ClientError> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM prospect_gram_stage)")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Forgets the scope's short-search counts and anything staged for them (its prospects are gone).
pub async fn forget_grams(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    for table in ["prospect_gram_stage", "prospect_gram"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
            .bind(scope)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The lower-cased name and domain of a prospect, as a deal's search text carries them.
fn prospect_part(name: &str, domain: &str) -> String {
    format!("{name} {domain}").to_lowercase()
}

async fn put_prospect(
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

async fn put_deal(
    conn: &mut SqliteConnection,
    scope: &str,
    d: &Deal,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    let prospect: Option<(String, String)> =
        sqlx::query_as("SELECT company_name, domain FROM prospect WHERE scope = ?1 AND id = ?2")
            .bind(scope)
            .bind(d.prospect_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let (name, domain) = prospect.unwrap_or_default();
    let number = d.number.clone().unwrap_or_default();
    let search = format!(
        "{} {}",
        number.to_lowercase(),
        prospect_part(&name, &domain)
    );
    sqlx::query(
        "INSERT INTO deal (scope, id, number, prospect_id, prospect_name, domain, value_minor,
           currency, expected_close, status, status_rank, status_reason, expires_on, owner_id,
           waiting, pending, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, prospect_id = excluded.prospect_id,
           prospect_name = excluded.prospect_name, domain = excluded.domain,
           value_minor = excluded.value_minor, currency = excluded.currency,
           expected_close = excluded.expected_close, status = excluded.status,
           status_rank = excluded.status_rank, status_reason = excluded.status_reason,
           expires_on = excluded.expires_on, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(d.id.to_string())
    .bind(d.number.as_deref())
    .bind(d.prospect_id.to_string())
    .bind(&name)
    .bind(&domain)
    .bind(d.estimated_value.minor)
    .bind(d.estimated_value.currency.code())
    .bind(d.expected_close.to_string())
    .bind(status_str(d.status))
    .bind(deal_rank(d.status))
    .bind(d.status_reason.as_deref())
    .bind(d.expires_on.map(|e| e.to_string()))
    .bind(d.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .bind(search)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The list rows of a page of pulled prospects, none of them with changes queued here (so neither
/// pending): one upsert for all of them, then their deals brought along as [`put_prospect`] does
/// one by one. The ids must be distinct.
pub(crate) async fn put_prospects(
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
    .bind(serde_json::to_string(&rows).map_err(ClientError::corrupt)?)
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
    .bind(serde_json::to_string(&parts).map_err(ClientError::corrupt)?)
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
        .bind(serde_json::to_string(&updates).map_err(ClientError::corrupt)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The list rows of a page of pulled deals, none of them with changes queued here (so neither
/// pending nor waiting), each with its prospect's name and domain as the list holds them now, as
/// [`put_deal`] does one by one. The ids must be distinct.
pub(crate) async fn put_deals(
    conn: &mut SqliteConnection,
    scope: &str,
    deals: &[Deal],
) -> Result<(), ClientError> {
    if deals.is_empty() {
        return Ok(());
    }
    let wanted: Vec<String> = deals.iter().map(|d| d.prospect_id.to_string()).collect();
    let found: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.company_name, p.domain FROM json_each(?2) AS j
         CROSS JOIN prospect AS p ON p.scope = ?1 AND p.id = j.value",
    )
    .bind(scope)
    .bind(serde_json::to_string(&wanted).map_err(ClientError::corrupt)?)
    .fetch_all(&mut *conn)
    .await?;
    let names: std::collections::HashMap<String, (String, String)> = found
        .into_iter()
        .map(|(id, name, domain)| (id, (name, domain)))
        .collect();
    type Row<'a> = (
        String,
        Option<&'a str>,
        &'a String,
        &'a str,
        &'a str,
        i64,
        &'a str,
        String,
        String,
        i64,
        Option<&'a str>,
        Option<String>,
        String,
        String,
    );
    let none = (String::new(), String::new());
    let rows: Vec<Row> = deals
        .iter()
        .zip(&wanted)
        .map(|(d, prospect_id)| {
            let (name, domain) = names.get(prospect_id).unwrap_or(&none);
            let number = d.number.clone().unwrap_or_default();
            let search = format!("{} {}", number.to_lowercase(), prospect_part(name, domain));
            (
                d.id.to_string(),
                d.number.as_deref(),
                prospect_id,
                name.as_str(),
                domain.as_str(),
                d.estimated_value.minor,
                d.estimated_value.currency.code(),
                d.expected_close.to_string(),
                status_str(d.status),
                deal_rank(d.status),
                d.status_reason.as_deref(),
                d.expires_on.map(|e| e.to_string()),
                d.owner_id.to_string(),
                search,
            )
        })
        .collect();
    sqlx::query(
        "INSERT INTO deal (scope, id, number, prospect_id, prospect_name, domain, value_minor,
           currency, expected_close, status, status_rank, status_reason, expires_on, owner_id,
           waiting, pending, search)
         SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
           j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9,
           j.value ->> 10, j.value ->> 11, j.value ->> 12, 0, 0, j.value ->> 13
         FROM json_each(?2) AS j WHERE true
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, prospect_id = excluded.prospect_id,
           prospect_name = excluded.prospect_name, domain = excluded.domain,
           value_minor = excluded.value_minor, currency = excluded.currency,
           expected_close = excluded.expected_close, status = excluded.status,
           status_rank = excluded.status_rank, status_reason = excluded.status_reason,
           expires_on = excluded.expires_on, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(serde_json::to_string(&rows).map_err(ClientError::corrupt)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the list rows of `ids` from `table` (`prospect` or `deal`).
pub(crate) async fn remove_all(
    conn: &mut SqliteConnection,
    table: &str,
    scope: &str,
    ids: &[Uuid],
) -> Result<(), ClientError> {
    debug_assert!(matches!(table, "prospect" | "deal"));
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE scope = ?1 AND id IN (SELECT value FROM json_each(?2))"
    ))
    .bind(scope)
    .bind(serde_json::to_string(&ids).map_err(ClientError::corrupt)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The one index of the lists a pull needs while the others are set aside: it finds the deals of
/// a changed prospect.
const NEEDED_BY_PULLS: &str = "deal_by_prospect";

/// Sets the lists' sorting indexes aside (drops them, keeping their definitions in
/// `set_aside_index`), for a first sync of a large firm to insert its rows without them. Only
/// indexes that enforce nothing: the lists answer the same without them, only slower. The
/// triggers that keep the renewal-day sums, the seat steps and the invoice-number index in step go
/// too: rebuilding those at the end is one pass instead of a write per row. See
/// [`restore_list_indexes`].
pub async fn set_aside_list_indexes(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    let objects: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name <> ?1
           AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%'
                 AND tbl_name IN ('prospect', 'deal', 'customer', 'subscription', 'renewal',
                                  'invoice', 'support_case'))
             OR (type = 'trigger'
                 AND tbl_name IN ('renewal', 'invoice', 'subscription', 'customer_seat_step')))",
    )
    .bind(NEEDED_BY_PULLS)
    .fetch_all(&mut *conn)
    .await?;
    for (kind, name, sql) in objects {
        sqlx::query(
            "INSERT INTO set_aside_index (name, sql) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )
        .bind(&name)
        .bind(&sql)
        .execute(&mut *conn)
        .await?;
        let drop = if kind == "trigger" {
            "TRIGGER"
        } else {
            "INDEX"
        };
        sqlx::query(&format!("DROP {drop} \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Builds again what [`set_aside_list_indexes`] set aside, if anything (at the end of every pull,
/// and when the cache is opened, in case the app was killed in between), and recomputes what the
/// triggers set aside would have kept in step. Cheap when nothing was set aside.
pub async fn restore_list_indexes(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    let objects: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM set_aside_index ORDER BY name")
            .fetch_all(&mut *conn)
            .await?;
    // The indexes first (the recomputing reads them), the triggers last (recomputed sums must
    // not be summed again by them).
    let (indexes, triggers): (Vec<_>, Vec<_>) = objects
        .iter()
        .partition(|(_, sql)| !sql.trim_start().starts_with("CREATE TRIGGER"));
    recreate(conn, &indexes).await?;
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("subscription_seats_"))
    {
        crate::seats::rebuild(conn).await?;
    }
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("renewal_day_"))
    {
        sqlx::query("DELETE FROM renewal_day")
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO renewal_day (scope, due_on, currency, renewals, value_minor)
             SELECT scope, due_on, currency, COUNT(*), SUM(value_minor) FROM renewal
             GROUP BY scope, due_on, currency",
        )
        .execute(&mut *conn)
        .await?;
    }
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("invoice_fts_"))
    {
        sqlx::query("INSERT INTO invoice_fts (invoice_fts) VALUES ('rebuild')")
            .execute(&mut *conn)
            .await?;
    }
    recreate(conn, &triggers).await?;
    if !objects.is_empty() {
        sqlx::query("DELETE FROM set_aside_index")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Creates again those of `objects` (name, SQL) that do not exist.
async fn recreate(
    conn: &mut SqliteConnection,
    objects: &[&(String, String)],
) -> Result<(), ClientError> {
    for (name, sql) in objects {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)")
                .bind(name)
                .fetch_one(&mut *conn)
                .await?;
        if !exists {
            sqlx::query(sql).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// A deal status as its JSON name (`submitted`).
pub fn status_str(s: DealStatus) -> String {
    match serde_json::to_value(s) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Records a user's name (for the owner column), renaming the rows of prospects they own.
pub async fn put_person(
    conn: &mut SqliteConnection,
    scope: &str,
    user_id: &str,
    name: &str,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO person (scope, user_id, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (scope, user_id) DO UPDATE SET name = excluded.name",
    )
    .bind(scope)
    .bind(user_id)
    .bind(name)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE prospect SET owner_name = ?3 WHERE scope = ?1 AND owner_id = ?2 AND owner_name <> ?3",
    )
    .bind(scope)
    .bind(user_id)
    .bind(name)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;

    /// How the counts were folded before they were counted in memory, over a table of positions
    /// 1..=1024: the reference.
    const POSITIONS_SQL: &str = "CREATE TEMP TABLE position (n INTEGER PRIMARY KEY);
        INSERT INTO position (n)
            WITH RECURSIVE p (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 1024)
            SELECT n FROM p";
    const GRAM_FOLD_SQL: &str = "INSERT INTO prospect_gram (scope, gram, status_rank, owner_id, n)
         SELECT scope, gram, status_rank, owner_id, SUM(sign) FROM (
             SELECT DISTINCT s.rowid AS r, s.scope, substr(s.search, position.n, k.k) AS gram,
                    s.status_rank, s.owner_id, s.sign
               FROM prospect_gram_stage AS s, (SELECT 1 AS k UNION ALL SELECT 2) AS k, position
              WHERE position.n <= length(s.search) - k.k + 1
             UNION ALL
             SELECT s.rowid, s.scope, '', s.status_rank, s.owner_id, s.sign
               FROM prospect_gram_stage AS s
         ) WHERE true
         GROUP BY scope, gram, status_rank, owner_id HAVING SUM(sign) <> 0
         ON CONFLICT (scope, gram, status_rank, owner_id) DO UPDATE SET n = n + excluded.n";

    async fn counts(conn: &mut SqliteConnection) -> Vec<(String, String, i64, String, i64)> {
        sqlx::query_as(
            "SELECT scope, gram, status_rank, owner_id, n FROM prospect_gram WHERE n <> 0
             ORDER BY scope, gram, status_rank, owner_id",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn grams_counted_in_memory_equal_the_sql_fold() {
        let long: String = "ab\u{e9}".repeat(400) + "\u{1}\u{1}";
        let texts = [
            "contoso ltd contoso.example ann smith \u{1}\u{1}",
            "z\u{f6}e m\u{fc}ller \u{d8}ster aa aaa \u{1}\u{1}",
            "x",
            "",
            "\u{1f600}\u{1f600} emoji \u{1}\u{1}",
            long.as_str(),
        ];
        let mut results = Vec::new();
        for in_memory in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
            let mut conn = cache.pool().acquire().await.unwrap();
            sqlx::raw_sql(POSITIONS_SQL)
                .execute(&mut *conn)
                .await
                .unwrap();
            // Two rounds, the second taking some rows away again, as updates and deletes do.
            for (round, sign) in [(0, 1i64), (1, -1), (2, 1)] {
                for (i, text) in texts.iter().enumerate() {
                    if sign < 0 && i % 2 == 0 {
                        continue;
                    }
                    let scope = if i % 3 == 0 { "s1" } else { "s2" };
                    let owner = format!("owner-{}", (i + round) % 2);
                    sqlx::query("INSERT INTO prospect_gram_stage VALUES (?1, ?2, ?3, ?4, ?5)")
                        .bind(scope)
                        .bind(*text)
                        .bind((i % 4) as i64)
                        .bind(&owner)
                        .bind(sign)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
                if in_memory {
                    settle_grams(&mut conn).await.unwrap();
                } else {
                    sqlx::query(GRAM_FOLD_SQL)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                    sqlx::query("DELETE FROM prospect_gram_stage")
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
            }
            results.push(counts(&mut conn).await);
        }
        assert!(!results[0].is_empty());
        assert_eq!(results[0], results[1]);
    }

    /// Sets the indexes aside (twice: the second time finds nothing more) and checks what is left.
    async fn set_aside(conn: &mut SqliteConnection) {
        set_aside_list_indexes(conn).await.unwrap();
        set_aside_list_indexes(conn).await.unwrap();
        let left: Vec<String> = list_indexes(conn)
            .await
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(left.contains(&"deal_by_prospect".to_owned()), "{left:?}");
        assert!(
            left.iter()
                .all(|n| n == "deal_by_prospect" || n.starts_with("sqlite_autoindex")),
            "only what pulls need and what keeps ids unique is left: {left:?}"
        );
    }

    async fn list_indexes(conn: &mut SqliteConnection) -> Vec<(String, Option<String>)> {
        sqlx::query_as(
            "SELECT name, sql FROM sqlite_master
             WHERE (type = 'index' AND tbl_name IN ('prospect', 'deal', 'customer', 'subscription',
                                                    'renewal', 'invoice', 'support_case'))
                OR (type = 'trigger' AND tbl_name IN ('renewal', 'invoice', 'subscription',
                                                      'customer_seat_step'))
             ORDER BY name",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn indexes_set_aside_come_back_at_the_end_or_when_the_cache_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        let mut conn = cache.pool().acquire().await.unwrap();
        let all = list_indexes(&mut conn).await;
        assert!(all.len() > 10, "{all:?}");

        // At the end of the pull.
        set_aside(&mut conn).await;
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM set_aside_index")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(pending, 0);
        // Nothing set aside: nothing to do.
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);

        // Rows written while the triggers were aside are counted and indexed once they are back.
        set_aside(&mut conn).await;
        for (seq, day, value) in [
            (1, "2027-01-05", 1000),
            (2, "2027-01-05", 250),
            (3, "2027-02-01", 7),
        ] {
            sqlx::query(
                "INSERT INTO renewal (seq, scope, id, subscription_id, customer_id, product_id,
                                      due_on, value_minor, currency)
                 VALUES (?1, 's', ?1, 'sub', 'c', 'p', ?2, ?3, 'USD')",
            )
            .bind(seq)
            .bind(day)
            .bind(value)
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO invoice (scope, id, customer_id, number, kind, issued_on, due_on,
                                  total_minor, currency, status)
             VALUES ('s', 'i1', 'c', 'INV-NW-004217', 'customer', '2026-11-01', '2026-12-01',
                     100, 'USD', 'open')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        for (seq, customer, seats, starts_on, ends_on) in [
            (1, "c", 100, "2026-01-01", "2026-12-31"),
            (2, "c", 40, "2026-06-01", "2027-05-31"),
            (3, "d", 7, "2026-02-01", "2027-01-31"),
        ] {
            sqlx::query(
                "INSERT INTO subscription (seq, scope, id, customer_id, product_id, seats,
                                           term_months, starts_on, ends_on)
                 VALUES (?1, 's', ?1, ?2, 'p', ?3, 12, ?4, ?5)",
            )
            .bind(seq)
            .bind(customer)
            .bind(seats)
            .bind(starts_on)
            .bind(ends_on)
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
        let on = |day: &str| day.parse::<chrono::NaiveDate>().unwrap();
        for (day, seats) in [("2026-07-01", 107), ("2027-01-15", 47), ("2027-03-01", 40)] {
            assert_eq!(
                crate::seats::covered_on(&mut conn, "s", on(day))
                    .await
                    .unwrap(),
                seats,
                "{day}"
            );
        }
        let days: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT due_on, renewals, value_minor FROM renewal_day WHERE scope = 's' ORDER BY due_on",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert_eq!(
            days,
            [
                ("2027-01-05".to_owned(), 2, 1250),
                ("2027-02-01".to_owned(), 1, 7)
            ]
        );
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM invoice_fts WHERE invoice_fts MATCH '\"004217\"'",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(found, 1);

        // The app stopped before the end of the pull: opening the cache builds them.
        set_aside(&mut conn).await;
        drop(conn);
        cache.pool().close().await;
        let reopened = Cache::open(&path).await.unwrap();
        let mut conn = reopened.pool().acquire().await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
    }
}
