//! The synced records' SQL for SQLite: one table per kind (`prospects`, `deals`, `quotes`,
//! `orders`) with the body as JSON text, and the counters; the rules' questions on them are in
//! [`queries`].

mod queries;

pub use queries::*;

use super::{Counter, FieldStamps, Stamp, StoredDeal, StoredOrder, StoredProspect, StoredQuote};
use crate::error::{Error, Result};
use crate::storage::sqlite::{
    date_text, json_ids, json_text, parse_json, parse_name, parse_uuid, Connection,
};
use portal_core::ids::PartnerId;
use portal_core::quote::QuoteStatus;
use portal_core::sync::Entity;
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;
use std::collections::HashMap;
use uuid::Uuid;

/// The table of a kind of synced record.
fn table(entity: Entity) -> Result<&'static str> {
    Ok(match entity {
        Entity::Prospect => "prospects",
        Entity::Deal => "deals",
        Entity::Quote => "quotes",
        Entity::Order => "orders",
        other => {
            return Err(Error::corrupt(format!(
                "{} is not a synced record",
                other.as_str()
            )))
        }
    })
}

/// The columns every synced record's row has beside its own.
#[derive(FromRow)]
struct Row {
    body: String,
    version: i64,
    field_versions: String,
    created_version: i64,
    created_client: Option<String>,
}

impl Row {
    fn stamps(&self) -> Result<FieldStamps> {
        let client = self
            .created_client
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(Error::corrupt)?;
        FieldStamps::from_stored(
            Stamp {
                version: self.created_version,
                client,
            },
            &self.field_versions,
        )
        .map_err(Error::corrupt)
    }

    fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        parse_json("body", &self.body)
    }
}

/// The columns of a [`Row`].
const ROW_COLUMNS: &str = "body, version, field_versions, created_version, created_client";

/// The firm's row `id` of `table`: its `columns`.
async fn find_row<R>(
    c: &mut Connection,
    table: &'static str,
    columns: &str,
    partner: PartnerId,
    id: Uuid,
) -> Result<Option<R>>
where
    R: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    Ok(sqlx::query_as(&format!(
        "SELECT {columns} FROM {table} WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner.to_string())
    .bind(id.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

pub async fn prospect(
    c: &mut Connection,
    partner: PartnerId,
    id: Uuid,
) -> Result<Option<StoredProspect>> {
    let row: Option<Row> = find_row(c, "prospects", ROW_COLUMNS, partner, id).await?;
    row.map(|r| {
        Ok(StoredProspect {
            prospect: r.body()?,
            version: r.version,
            stamps: r.stamps()?,
        })
    })
    .transpose()
}

pub async fn save_prospect(
    c: &mut Connection,
    partner: PartnerId,
    p: &StoredProspect,
) -> Result<()> {
    let r = &p.prospect;
    sqlx::query(
        "INSERT INTO prospects (id, partner_id, owner_id, domain, company_name, body, version,
                                field_versions, created_version, created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, domain = excluded.domain,
             company_name = excluded.company_name, body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions
         WHERE prospects.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner.to_string())
    .bind(r.owner_id.to_string())
    .bind(r.domain.as_str())
    .bind(&r.company_name)
    .bind(json_text(r)?)
    .bind(p.version)
    .bind(p.stamps.to_stored())
    .bind(p.stamps.created.version)
    .bind(p.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *c)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub(super) struct DealRow {
    #[sqlx(flatten)]
    row: Row,
    claimed_domain: Option<String>,
}

impl DealRow {
    pub(super) fn into_stored(self) -> Result<StoredDeal> {
        Ok(StoredDeal {
            deal: self.row.body()?,
            stamps: self.row.stamps()?,
            claimed_domain: self.claimed_domain,
            version: self.row.version,
        })
    }
}

pub(super) const DEAL_COLUMNS: &str =
    "body, version, field_versions, created_version, created_client, claimed_domain";

pub async fn deal(c: &mut Connection, partner: PartnerId, id: Uuid) -> Result<Option<StoredDeal>> {
    let row: Option<DealRow> = find_row(c, "deals", DEAL_COLUMNS, partner, id).await?;
    row.map(DealRow::into_stored).transpose()
}

pub async fn save_deal(c: &mut Connection, partner: PartnerId, d: &StoredDeal) -> Result<()> {
    let r = &d.deal;
    let number = r
        .number
        .as_deref()
        .ok_or_else(|| Error::corrupt(format!("deal {} has no number", r.id)))?;
    sqlx::query(
        "INSERT INTO deals (id, partner_id, owner_id, prospect_id, number, status, expires_on,
                            claimed_domain, body, version, field_versions, created_version,
                            created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id,
             prospect_id = excluded.prospect_id, status = excluded.status,
             expires_on = excluded.expires_on, claimed_domain = excluded.claimed_domain,
             body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions
         WHERE deals.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner.to_string())
    .bind(r.owner_id.to_string())
    .bind(r.prospect_id.to_string())
    .bind(number)
    .bind(r.status.as_str())
    .bind(r.expires_on.map(date_text))
    .bind(d.claimed_domain.as_deref())
    .bind(json_text(r)?)
    .bind(d.version)
    .bind(d.stamps.to_stored())
    .bind(d.stamps.created.version)
    .bind(d.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *c)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct QuoteRow {
    #[sqlx(flatten)]
    row: Row,
    restore_status: Option<String>,
    approval_decided_by: Option<String>,
}

impl QuoteRow {
    fn into_stored(self) -> Result<StoredQuote> {
        Ok(StoredQuote {
            quote: self.row.body()?,
            stamps: self.row.stamps()?,
            version: self.row.version,
            restore_status: self
                .restore_status
                .as_deref()
                .map(|s| parse_name::<QuoteStatus>("quote status", s))
                .transpose()?,
            approval_decided_by: self.approval_decided_by,
        })
    }
}

const QUOTE_COLUMNS: &str = "body, version, field_versions, created_version, created_client, \
                             restore_status, approval_decided_by";

pub async fn quote(
    c: &mut Connection,
    partner: PartnerId,
    id: Uuid,
) -> Result<Option<StoredQuote>> {
    let row: Option<QuoteRow> = find_row(c, "quotes", QUOTE_COLUMNS, partner, id).await?;
    row.map(QuoteRow::into_stored).transpose()
}

pub async fn save_quote(c: &mut Connection, partner: PartnerId, q: &StoredQuote) -> Result<()> {
    let r = &q.quote;
    let number = r
        .number
        .as_deref()
        .ok_or_else(|| Error::corrupt(format!("quote {} has no number", r.id)))?;
    sqlx::query(
        "INSERT INTO quotes (id, partner_id, owner_id, number, revision, supersedes, status,
                             approval, valid_until, restore_status, approval_decided_by, body,
                             version, field_versions, created_version, created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, number = excluded.number,
             status = excluded.status, approval = excluded.approval,
             valid_until = excluded.valid_until, restore_status = excluded.restore_status,
             approval_decided_by = excluded.approval_decided_by, body = excluded.body,
             version = excluded.version, field_versions = excluded.field_versions
         WHERE quotes.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner.to_string())
    .bind(r.owner_id.to_string())
    .bind(number)
    .bind(i64::from(r.revision))
    .bind(r.supersedes.map(|s| s.to_string()))
    .bind(r.status.as_str())
    .bind(r.approval.as_str())
    .bind(date_text(r.valid_until))
    .bind(q.restore_status.map(QuoteStatus::as_str))
    .bind(q.approval_decided_by.as_deref())
    .bind(json_text(r)?)
    .bind(q.version)
    .bind(q.stamps.to_stored())
    .bind(q.stamps.created.version)
    .bind(q.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn order(
    c: &mut Connection,
    partner: PartnerId,
    id: Uuid,
) -> Result<Option<StoredOrder>> {
    let row: Option<Row> = find_row(c, "orders", ROW_COLUMNS, partner, id).await?;
    row.map(|r| {
        Ok(StoredOrder {
            order: r.body()?,
            version: r.version,
            stamps: r.stamps()?,
        })
    })
    .transpose()
}

pub async fn save_order(c: &mut Connection, partner: PartnerId, o: &StoredOrder) -> Result<()> {
    let r = &o.order;
    let number = r
        .number
        .as_deref()
        .ok_or_else(|| Error::corrupt(format!("order {} has no number", r.id)))?;
    sqlx::query(
        "INSERT INTO orders (id, partner_id, owner_id, quote_id, number, status, customer_id, body,
                             version, field_versions, created_version, created_client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status,
             customer_id = excluded.customer_id, body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions
         WHERE orders.partner_id = excluded.partner_id",
    )
    .bind(r.id.to_string())
    .bind(partner.to_string())
    .bind(r.owner_id.to_string())
    .bind(r.quote_id.to_string())
    .bind(number)
    .bind(r.status.as_str())
    .bind(r.customer_id.map(|c| c.to_string()))
    .bind(json_text(r)?)
    .bind(o.version)
    .bind(o.stamps.to_stored())
    .bind(o.stamps.created.version)
    .bind(o.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn delete(
    c: &mut Connection,
    entity: Entity,
    partner: PartnerId,
    id: Uuid,
) -> Result<()> {
    let table = table(entity)?;
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner.to_string())
    .bind(id.to_string())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn bodies(
    c: &mut Connection,
    entity: Entity,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Value>> {
    let table = table(entity)?;
    // The page's ids drive the loop (CROSS JOIN fixes SQLite's join order): one primary-key lookup
    // each, rather than a walk of the firm's rows by some partner_id index.
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.body FROM json_each(?2) AS page CROSS JOIN {table} t ON t.id = page.value
         WHERE t.partner_id = ?1"
    ))
    .bind(partner.to_string())
    .bind(json_ids(ids)?)
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(id, body)| Ok((parse_uuid(&id)?, parse_json("body", &body)?)))
        .collect()
}

pub async fn id_taken(c: &mut Connection, id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM prospects WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM deals WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM quotes WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM orders WHERE id = ?1)",
    )
    .bind(id.to_string())
    .fetch_one(&mut *c)
    .await?)
}

pub async fn next_in(c: &mut Connection, counter: Counter) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO counters (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1
         RETURNING value",
    )
    .bind(counter.as_str())
    .fetch_one(&mut *c)
    .await?)
}
