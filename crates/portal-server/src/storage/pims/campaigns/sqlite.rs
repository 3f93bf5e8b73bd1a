//! The campaigns' SQL for SQLite: `campaigns`.

use super::StoredCampaign;
use crate::error::{Error, Result};
use crate::storage::records::{FieldStamps, Stamp};
use crate::storage::sqlite::{json_ids, json_text, parse_id, parse_json, parse_uuid, Connection};
use portal_core::ids::{CampaignId, PartnerId};
use std::collections::HashMap;
use uuid::Uuid;

type Row = (String, String, i64, i64, Option<String>, String);

const COLUMNS: &str = "partner_id, body, version, created_version, created_client, field_versions";

fn stored(r: Row) -> Result<StoredCampaign> {
    let (partner, body, version, created, client, stamps) = r;
    Ok(StoredCampaign {
        partner: parse_id(&partner)?,
        campaign: parse_json("campaign", &body)?,
        version,
        stamps: FieldStamps::from_stored(
            Stamp {
                version: created,
                client: client.as_deref().map(parse_uuid).transpose()?,
            },
            &stamps,
        )
        .map_err(Error::corrupt)?,
    })
}

pub async fn find(
    c: &mut Connection,
    partner: Option<PartnerId>,
    slug: Option<&str>,
    id: CampaignId,
) -> Result<Option<StoredCampaign>> {
    let row: Option<Row> = match (partner, slug) {
        (_, Some(slug)) => {
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM campaigns WHERE slug = ?1"))
                .bind(slug)
                .fetch_optional(&mut *c)
                .await?
        }
        (partner, None) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM campaigns WHERE id = ?1 AND partner_id = ?2"
            ))
            .bind(id.to_string())
            .bind(partner.map(|p| p.to_string()))
            .fetch_optional(&mut *c)
            .await?
        }
    };
    row.map(stored).transpose()
}

pub async fn id_taken(c: &mut Connection, id: CampaignId) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)")
            .bind(id.to_string())
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn save(c: &mut Connection, s: &StoredCampaign) -> Result<()> {
    let k = &s.campaign;
    sqlx::query(
        "INSERT INTO campaigns (id, partner_id, kit_id, status, slug, body, version,
             created_version, created_client, field_versions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET kit_id = excluded.kit_id, status = excluded.status,
             slug = excluded.slug, body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions
         WHERE campaigns.partner_id = excluded.partner_id",
    )
    .bind(k.id.to_string())
    .bind(s.partner.to_string())
    .bind(k.kit_id.to_string())
    .bind(k.status.as_str())
    .bind(k.slug.as_deref())
    .bind(json_text(k)?)
    .bind(s.version)
    .bind(s.stamps.created.version)
    .bind(s.stamps.created.client.map(|c| c.to_string()))
    .bind(s.stamps.to_stored())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn delete(c: &mut Connection, partner: PartnerId, id: CampaignId) -> Result<()> {
    sqlx::query("DELETE FROM campaigns WHERE id = ?1 AND partner_id = ?2")
        .bind(id.to_string())
        .bind(partner.to_string())
        .execute(&mut *c)
        .await?;
    Ok(())
}

pub async fn of_firm(c: &mut Connection, partner: PartnerId) -> Result<Vec<StoredCampaign>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM campaigns WHERE partner_id = ?1 ORDER BY id DESC"
    ))
    .bind(partner.to_string())
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter().map(stored).collect()
}

pub async fn bodies(
    c: &mut Connection,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.id, t.body FROM json_each(?2) AS page CROSS JOIN campaigns t
         ON t.id = page.value WHERE t.partner_id = ?1",
    )
    .bind(partner.to_string())
    .bind(json_ids(ids)?)
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(id, body)| Ok((parse_uuid(&id)?, parse_json("campaign", &body)?)))
        .collect()
}
