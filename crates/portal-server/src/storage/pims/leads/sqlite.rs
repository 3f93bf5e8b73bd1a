//! The leads' SQL for SQLite: `leads` and `lead_decisions`, and the funnel's counts across
//! `prospects`, `deals` and `quotes`.

use super::{DecisionRow, Funnel, StoredLead};
use crate::error::{Error, Result};
use crate::storage::sqlite::{
    instant_text, json_ids, json_text, parse_id, parse_json, parse_uuid, Connection,
};
use chrono::{DateTime, Utc};
use portal_core::ids::{CampaignId, LeadId, PartnerId};
use portal_core::pims::lead::LeadState;
use std::collections::HashMap;
use uuid::Uuid;

fn stored((partner, body, version): (String, String, i64)) -> Result<StoredLead> {
    Ok(StoredLead {
        partner: parse_id(&partner)?,
        lead: parse_json("lead", &body)?,
        version,
    })
}

pub async fn find(
    c: &mut Connection,
    partner: Option<PartnerId>,
    id: LeadId,
) -> Result<Option<StoredLead>> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT partner_id, body, version FROM leads
         WHERE id = ?1 AND (?2 IS NULL OR partner_id = ?2)",
    )
    .bind(id.to_string())
    .bind(partner.map(|p| p.to_string()))
    .fetch_optional(&mut *c)
    .await?;
    row.map(stored).transpose()
}

pub async fn save(c: &mut Connection, s: &StoredLead) -> Result<()> {
    let l = &s.lead;
    sqlx::query(
        "INSERT INTO leads (id, partner_id, campaign_id, state, expires_at, body, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at,
             body = excluded.body, version = excluded.version
         WHERE leads.partner_id = excluded.partner_id",
    )
    .bind(l.id.to_string())
    .bind(s.partner.to_string())
    .bind(l.campaign_id.map(|c| c.to_string()))
    .bind(l.state.as_str())
    .bind(instant_text(l.expires_at))
    .bind(json_text(l)?)
    .bind(s.version)
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn bodies(
    c: &mut Connection,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.id, t.body FROM json_each(?2) AS page CROSS JOIN leads t
         ON t.id = page.value WHERE t.partner_id = ?1",
    )
    .bind(partner.to_string())
    .bind(json_ids(ids)?)
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(id, body)| Ok((parse_uuid(&id)?, parse_json("lead", &body)?)))
        .collect()
}

pub async fn lapsed(
    c: &mut Connection,
    now: DateTime<Utc>,
    first_only: bool,
) -> Result<Vec<LeadId>> {
    let ids: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM leads WHERE state = 'pending' AND expires_at <= ?1 ORDER BY expires_at{}",
        if first_only { " LIMIT 1" } else { "" }
    ))
    .bind(instant_text(now))
    .fetch_all(&mut *c)
    .await?;
    ids.iter().map(|s| parse_id(s)).collect()
}

pub async fn in_state(c: &mut Connection, state: LeadState) -> Result<Vec<StoredLead>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT partner_id, body, version FROM leads WHERE state = ?1 ORDER BY id DESC",
    )
    .bind(state.as_str())
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter().map(stored).collect()
}

pub async fn open_count(c: &mut Connection, partner: PartnerId, now: DateTime<Utc>) -> Result<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM leads WHERE partner_id = ?1 AND state = 'pending' AND expires_at > ?2",
    )
    .bind(partner.to_string())
    .bind(instant_text(now))
    .fetch_one(&mut *c)
    .await?;
    u32::try_from(n).map_err(Error::corrupt)
}

pub async fn record_decision(c: &mut Connection, d: &DecisionRow) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO lead_decisions (id, lead_id, partner_id, user_id, body, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
    )
    .bind(d.id.to_string())
    .bind(d.lead.to_string())
    .bind(d.partner.to_string())
    .bind(d.user.to_string())
    .bind(json_text(&d.body)?)
    .bind(instant_text(d.received_at))
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn funnels(
    c: &mut Connection,
    partner: PartnerId,
) -> Result<HashMap<CampaignId, Funnel>> {
    // Each lead of a campaign, the prospect made from it (if it still exists), the deals on that
    // prospect, and the quotes on the prospect or on one of those deals.
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "WITH l AS (
             SELECT campaign_id, state, body ->> '$.prospect_id' AS prospect_id
             FROM leads WHERE partner_id = ?1 AND campaign_id IS NOT NULL
         ), p AS (
             SELECT l.campaign_id, pr.id FROM l JOIN prospects pr
             ON pr.id = l.prospect_id AND pr.partner_id = ?1
         ), d AS (
             SELECT p.campaign_id, dl.id FROM p JOIN deals dl
             ON dl.prospect_id = p.id AND dl.partner_id = ?1
         ), q AS (
             SELECT DISTINCT x.campaign_id, qt.number FROM quotes qt JOIN (
                 SELECT campaign_id, id AS target FROM p UNION ALL
                 SELECT campaign_id, id AS target FROM d
             ) x ON qt.partner_id = ?1 AND (
                 (qt.body ->> '$.quote_for.kind' = 'prospect' AND qt.body ->> '$.quote_for.id' = x.target)
                 OR qt.body ->> '$.deal_id' = x.target)
         )
         SELECT c.campaign_id,
             (SELECT COUNT(*) FROM l WHERE l.campaign_id = c.campaign_id),
             (SELECT COUNT(*) FROM l WHERE l.campaign_id = c.campaign_id AND l.state = 'accepted'),
             (SELECT COUNT(*) FROM p WHERE p.campaign_id = c.campaign_id),
             (SELECT COUNT(*) FROM d WHERE d.campaign_id = c.campaign_id),
             (SELECT COUNT(*) FROM q WHERE q.campaign_id = c.campaign_id)
         FROM (SELECT DISTINCT campaign_id FROM l) c",
    )
    .bind(partner.to_string())
    .fetch_all(&mut *c)
    .await?;
    let n = |v: i64| u64::try_from(v).map_err(Error::corrupt);
    rows.into_iter()
        .map(|(id, leads, accepted, prospects, deals, quotes)| {
            Ok((
                parse_id(&id)?,
                Funnel {
                    leads: n(leads)?,
                    accepted: n(accepted)?,
                    prospects: n(prospects)?,
                    deals: n(deals)?,
                    quotes: n(quotes)?,
                },
            ))
        })
        .collect()
}
