//! What the PIMS pages read of the cache: the firm's marketing profile, the kits, the firm's
//! campaigns and leads (each record's view: the server's copy with the user's queued changes on
//! top), the lead decisions still queued here, a prospect holding a lead's domain, and the marks
//! of the leads the user was told of and opened.

use crate::{
    error::ClientError,
    store::read::{self, to_json},
};
use chrono::{DateTime, Utc};
use portal_core::{
    ids::LeadId,
    pending::ChangeState,
    pims::{
        campaign::Campaign,
        kit::CampaignKit,
        lead::{Lead, LeadDecision},
        profile::MarketingProfile,
    },
    sales::ExistingProspect,
    sync::{Entity, MutationOp},
};
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;
use std::collections::HashMap;
use uuid::Uuid;

/// A record's view as a page reads it.
#[derive(Debug, Clone)]
pub struct Held<T> {
    pub id: Uuid,
    /// The version of the server's copy (0: the server has not seen it).
    pub version: i64,
    /// The view carries changes made here that the server has not sent back yet.
    pub unsynced: bool,
    pub value: T,
}

/// Every record of `entity` the scope holds, as the UI sees it (records deleted here left out;
/// a body that does not read is logged and left out, never fatal).
pub async fn views<T: DeserializeOwned>(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
) -> Result<Vec<Held<T>>, ClientError> {
    let rows: Vec<(String, i64, bool, Option<String>)> = sqlx::query_as(
        "SELECT id, server_version, overlay,
                CASE WHEN overlay = 1 THEN local_body ELSE server_body END
         FROM record WHERE scope = ?1 AND entity = ?2",
    )
    .bind(scope)
    .bind(entity.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, version, unsynced, body) in rows {
        let Some(body) = body else { continue };
        let id = read::uuid(&id)?;
        let body: serde_json::Value = read::json(&body)?;
        if let Some(value) = read::listed::<T>(entity, id, &body) {
            out.push(Held {
                id,
                version,
                unsynced,
                value,
            });
        }
    }
    Ok(out)
}

/// The firm's marketing profile (one per firm; the server makes it), if a sync has brought it.
pub async fn profile(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Option<Held<MarketingProfile>>, ClientError> {
    Ok(views(conn, scope, Entity::MarketingProfile)
        .await?
        .into_iter()
        .next())
}

/// The kits the firm receives.
pub async fn kits(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Held<CampaignKit>>, ClientError> {
    views(conn, scope, Entity::CampaignKit).await
}

/// The firm's campaigns (drafts made here included).
pub async fn campaigns(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Held<Campaign>>, ClientError> {
    views(conn, scope, Entity::Campaign).await
}

/// The firm's leads as the server last sent them.
pub async fn leads(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Held<Lead>>, ClientError> {
    views(conn, scope, Entity::Lead).await
}

/// The decisions on leads queued here and not yet applied by the server (waiting, or answered
/// and not yet brought back by a pull), by lead.
pub async fn queued_decisions(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<HashMap<LeadId, LeadDecision>, ClientError> {
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT op, state, applied_version FROM outbox
         WHERE scope = ?1 AND entity = ?2 AND state IN (?3, ?4) ORDER BY mutation_id",
    )
    .bind(scope)
    .bind(Entity::LeadDecision.as_str())
    .bind(ChangeState::Pending.as_str())
    .bind(ChangeState::Synced.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = HashMap::new();
    for (op, state, applied) in rows {
        let state: ChangeState = read::wire(&state)?;
        // A synced decision is the lead's own state once the pull brings it back.
        if state == ChangeState::Synced && applied.is_none() {
            continue;
        }
        if let MutationOp::Create { body } = read::json::<MutationOp>(&op)? {
            let d: LeadDecision = read::body(body)?;
            out.insert(d.lead_id, d);
        }
    }
    Ok(out)
}

/// A prospect of the firm (as the cache holds them) with this domain.
pub async fn prospect_with_domain(
    conn: &mut SqliteConnection,
    scope: &str,
    domain: &str,
) -> Result<Option<ExistingProspect>, ClientError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT id, company_name FROM prospect WHERE scope = ?1 AND domain = ?2 LIMIT 1",
    )
    .bind(scope)
    .bind(domain)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, company_name)| {
        Ok(ExistingProspect {
            id: read::id(&id)?,
            company_name,
        })
    })
    .transpose()
}

/// How many leads are open now (pending and unexpired, with no decision queued here): the
/// Dashboard's figure.
pub async fn open_leads(
    conn: &mut SqliteConnection,
    scope: &str,
    now: DateTime<Utc>,
) -> Result<u32, ClientError> {
    let decided = queued_decisions(conn, scope).await?;
    let n = leads(conn, scope)
        .await?
        .iter()
        .filter(|l| l.value.is_open(now) && !decided.contains_key(&l.value.id))
        .count();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Which of a lead's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The user was told of it (a desktop notification).
    Told,
    /// The user opened it.
    Seen,
}

impl Mark {
    fn column(self) -> &'static str {
        match self {
            Mark::Told => "told_at",
            Mark::Seen => "seen_at",
        }
    }
}

/// The leads carrying `mark`.
pub async fn marked(
    conn: &mut SqliteConnection,
    scope: &str,
    mark: Mark,
) -> Result<std::collections::HashSet<LeadId>, ClientError> {
    let ids: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM lead_mark WHERE scope = ?1 AND {} IS NOT NULL",
        mark.column()
    ))
    .bind(scope)
    .fetch_all(&mut *conn)
    .await?;
    ids.iter().map(|id| read::id(id)).collect()
}

/// Puts `mark` on the leads (those that had it keep their first time).
pub async fn set_mark(
    conn: &mut SqliteConnection,
    scope: &str,
    mark: Mark,
    ids: &[LeadId],
    at: DateTime<Utc>,
) -> Result<(), ClientError> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let column = mark.column();
    sqlx::query(&format!(
        "INSERT INTO lead_mark (scope, id, {column})
         SELECT ?1, j.value, ?3 FROM json_each(?2) AS j WHERE true
         ON CONFLICT (scope, id) DO UPDATE SET {column} = COALESCE({column}, excluded.{column})"
    ))
    .bind(scope)
    .bind(to_json(&ids))
    .bind(at.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
