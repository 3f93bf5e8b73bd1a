//! The campaign kits' SQL for SQLite: `campaign_kits`.

use super::StoredKit;
use crate::error::Result;
use crate::storage::sqlite::{
    instant_text, json_ids, json_text, parse_instant, parse_json, Connection,
};
use portal_core::ids::CampaignKitId;

pub async fn save(c: &mut Connection, k: &StoredKit) -> Result<()> {
    sqlx::query(
        "INSERT INTO campaign_kits (id, body, published_at, status, withdrawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, published_at = excluded.published_at,
             status = excluded.status, withdrawn_at = excluded.withdrawn_at",
    )
    .bind(k.kit.id.to_string())
    .bind(json_text(&k.kit)?)
    .bind(instant_text(k.kit.published_at))
    .bind(if k.withdrawn_at.is_some() {
        "withdrawn"
    } else {
        "published"
    })
    .bind(k.withdrawn_at.map(instant_text))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn some(c: &mut Connection, ids: Option<&[CampaignKitId]>) -> Result<Vec<StoredKit>> {
    let rows: Vec<(String, Option<String>)> = match ids {
        Some(ids) => {
            sqlx::query_as(
                "SELECT k.body, k.withdrawn_at FROM json_each(?1) AS page
                 CROSS JOIN campaign_kits k ON k.id = page.value ORDER BY k.published_at DESC",
            )
            .bind(json_ids(ids)?)
            .fetch_all(&mut *c)
            .await?
        }
        None => {
            sqlx::query_as(
                "SELECT body, withdrawn_at FROM campaign_kits ORDER BY published_at DESC, id",
            )
            .fetch_all(&mut *c)
            .await?
        }
    };
    rows.into_iter()
        .map(|(body, at)| {
            Ok(StoredKit {
                kit: parse_json("campaign kit", &body)?,
                withdrawn_at: at.as_deref().map(parse_instant).transpose()?,
            })
        })
        .collect()
}
