//! The landing pages' SQL for SQLite: `landing_views` and `landing_posts`.

use crate::error::{Error, Result};
use crate::storage::sqlite::{instant_text, parse_id, Connection};
use chrono::{DateTime, Utc};
use portal_core::ids::{CampaignId, PartnerId};
use std::collections::HashMap;

pub async fn count_view(c: &mut Connection, campaign: CampaignId) -> Result<()> {
    sqlx::query(
        "INSERT INTO landing_views (campaign_id, views) VALUES (?1, 1)
         ON CONFLICT (campaign_id) DO UPDATE SET views = views + 1",
    )
    .bind(campaign.to_string())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn views(c: &mut Connection, partner: PartnerId) -> Result<HashMap<CampaignId, u64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT v.campaign_id, v.views FROM landing_views v
         JOIN campaigns c ON c.id = v.campaign_id WHERE c.partner_id = ?1",
    )
    .bind(partner.to_string())
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(id, n)| Ok((parse_id(&id)?, u64::try_from(n).map_err(Error::corrupt)?)))
        .collect()
}

pub async fn note_post(
    c: &mut Connection,
    address: &str,
    at: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Result<u32> {
    sqlx::query("DELETE FROM landing_posts WHERE at < ?1")
        .bind(instant_text(since))
        .execute(&mut *c)
        .await?;
    sqlx::query("INSERT INTO landing_posts (address, at) VALUES (?1, ?2)")
        .bind(address)
        .bind(instant_text(at))
        .execute(&mut *c)
        .await?;
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM landing_posts WHERE address = ?1 AND at >= ?2")
            .bind(address)
            .bind(instant_text(since))
            .fetch_one(&mut *c)
            .await?;
    u32::try_from(n).map_err(Error::corrupt)
}
