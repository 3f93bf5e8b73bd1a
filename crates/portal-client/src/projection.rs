//! The list rows of prospects and deals, projected from each record's view so the lists sort,
//! filter and search without reading JSON; and the names of the firm's users for the owner column.

use crate::{error::ClientError, replica::Folded};
use portal_core::{
    deal::DealStatus,
    prospect::{Prospect, ProspectStatus},
    registration::Deal,
    sync::Entity,
};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// Keeps the list row of a prospect or deal in step with its view; other kinds have none.
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
        _ => Ok(()),
    }
}

/// A body that is not the portal-core type is left out of the lists (and logged), never fatal: one
/// bad record must not stop a sync.
fn decode<T: serde::de::DeserializeOwned>(
    entity: Entity,
    id: Uuid,
    body: &serde_json::Value,
) -> Option<T> {
    match serde_json::from_value(body.clone()) {
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

/// Folds the rows staged by the prospect triggers into the short-search counts. Cheap when
/// nothing is staged; run at the end of each pull page and before a search reads the counts.
pub async fn settle_grams(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    if !grams_staged(conn).await? {
        return Ok(());
    }
    // Each staged row counts each of its distinct grams once (DISTINCT over the row's rowid).
    sqlx::query(
        "INSERT INTO prospect_gram (scope, gram, status_rank, owner_id, n)
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
         ON CONFLICT (scope, gram, status_rank, owner_id) DO UPDATE SET n = n + excluded.n",
    )
    .execute(&mut *conn)
    .await?;
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
