//! The synced records' SQL for SQLite: one table per kind (`prospects`, `deals`, `quotes`,
//! `orders`) with the body as JSON text, the counters, and the queries on them.

use super::{
    Counter, FieldStamps, Firms, Lapsing, Stamp, StoredDeal, StoredOrder, StoredProspect,
    StoredQuote,
};
use crate::error::{Error, Result};
use crate::storage::sqlite::{
    date_text, json_ids, json_text, parse_id, parse_json, parse_name, parse_uuid, Connection,
};
use chrono::NaiveDate;
use portal_core::deal::DealStatus;
use portal_core::ids::{DealId, OrderId, PartnerId, ProspectId, QuoteId};
use portal_core::order::OrderStatus;
use portal_core::quote::{Approval, Quote, QuoteStatus};
use portal_core::sync::Entity;
use portal_core::wire::sql_list;
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
struct DealRow {
    #[sqlx(flatten)]
    row: Row,
    claimed_domain: Option<String>,
}

impl DealRow {
    fn into_stored(self) -> Result<StoredDeal> {
        Ok(StoredDeal {
            deal: self.row.body()?,
            stamps: self.row.stamps()?,
            claimed_domain: self.claimed_domain,
            version: self.row.version,
        })
    }
}

const DEAL_COLUMNS: &str =
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

pub async fn prospect_by_domain(
    c: &mut Connection,
    partner: PartnerId,
    domain: &str,
) -> Result<Option<(ProspectId, String)>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT id, company_name FROM prospects WHERE partner_id = ?1 AND domain = ?2",
    )
    .bind(partner.to_string())
    .bind(domain)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(id, company)| Ok((parse_id(&id)?, company)))
        .transpose()
}

pub async fn prospect_company(
    c: &mut Connection,
    partner: PartnerId,
    id: ProspectId,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT company_name FROM prospects WHERE partner_id = ?1 AND id = ?2")
            .bind(partner.to_string())
            .bind(id.to_string())
            .fetch_optional(&mut *c)
            .await?,
    )
}

pub async fn deals_of_prospect(
    c: &mut Connection,
    partner: PartnerId,
    prospect: ProspectId,
) -> Result<Vec<StoredDeal>> {
    let rows: Vec<DealRow> = sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} FROM deals WHERE partner_id = ?1 AND prospect_id = ?2 ORDER BY number"
    ))
    .bind(partner.to_string())
    .bind(prospect.to_string())
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter().map(DealRow::into_stored).collect()
}

pub async fn domain_holders(
    c: &mut Connection,
    firms: Firms,
    domain: &str,
    statuses: &[DealStatus],
    except: Option<DealId>,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let (firm, partner) = match firms {
        Firms::This(p) => ("=", p),
        Firms::OtherThan(p) => ("<>", p),
    };
    Ok(sqlx::query_scalar(&format!(
        "SELECT number FROM deals
         WHERE claimed_domain = ?1 AND status IN ({}) AND partner_id {firm} ?2 AND id <> ?3
           AND (expires_on IS NULL OR expires_on >= ?4)
         ORDER BY number",
        sql_list(statuses)
    ))
    .bind(domain)
    .bind(partner.to_string())
    .bind(except.map(|d| d.to_string()).unwrap_or_default())
    .bind(date_text(today))
    .fetch_all(&mut *c)
    .await?)
}

pub async fn lapsed(
    c: &mut Connection,
    which: Lapsing<'_>,
    partner: Option<PartnerId>,
    day: NaiveDate,
    first_only: bool,
) -> Result<Vec<(PartnerId, Uuid)>> {
    // Each kind's (status, date) index answers this with a range read.
    let (table, due) = match which {
        Lapsing::Deals(statuses) => (
            "deals",
            format!("status IN ({}) AND expires_on < ?1", sql_list(statuses)),
        ),
        Lapsing::Quotes(statuses) => (
            "quotes",
            format!("status IN ({}) AND valid_until < ?1", sql_list(statuses)),
        ),
    };
    let limit = if first_only { " LIMIT 1" } else { "" };
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, partner_id FROM {table}
         WHERE {due} AND (?2 IS NULL OR partner_id = ?2){limit}"
    ))
    .bind(date_text(day))
    .bind(partner.map(|p| p.to_string()))
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(id, firm)| Ok((parse_id(&firm)?, parse_uuid(&id)?)))
        .collect()
}

pub async fn live_order_on(
    c: &mut Connection,
    partner: PartnerId,
    quote: QuoteId,
    except: Uuid,
) -> Result<Option<String>> {
    // The refused status spelled out, as the partial index `orders_quote` has it.
    Ok(sqlx::query_scalar(&format!(
        "SELECT number FROM orders
         WHERE partner_id = ?1 AND quote_id = ?2 AND status <> '{}' AND id <> ?3",
        OrderStatus::Refused.as_str()
    ))
    .bind(partner.to_string())
    .bind(quote.to_string())
    .bind(except.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

/// The firm of any firm's row `id` of `table`.
async fn firm_of(c: &mut Connection, table: &str, id: Uuid) -> Result<Option<PartnerId>> {
    let partner: Option<String> =
        sqlx::query_scalar(&format!("SELECT partner_id FROM {table} WHERE id = ?1"))
            .bind(id.to_string())
            .fetch_optional(&mut *c)
            .await?;
    partner.as_deref().map(parse_id).transpose()
}

pub async fn quote_of_any_firm(
    c: &mut Connection,
    id: QuoteId,
) -> Result<Option<(PartnerId, StoredQuote)>> {
    let Some(partner) = firm_of(c, "quotes", id.0).await? else {
        return Ok(None);
    };
    Ok(quote(c, partner, id.0).await?.map(|q| (partner, q)))
}

pub async fn order_of_any_firm(
    c: &mut Connection,
    id: OrderId,
) -> Result<Option<(PartnerId, StoredOrder)>> {
    let Some(partner) = firm_of(c, "orders", id.0).await? else {
        return Ok(None);
    };
    Ok(order(c, partner, id.0).await?.map(|o| (partner, o)))
}

pub async fn awaiting_approval(c: &mut Connection) -> Result<Vec<(PartnerId, String, Quote)>> {
    // The statuses spelled out, as the partial index `quotes_pending` has them.
    let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT q.partner_id, p.name, q.body FROM quotes q JOIN partners p ON p.id = q.partner_id
         WHERE q.approval = '{}' AND q.status = '{}'
         ORDER BY q.number, q.revision",
        Approval::Pending.as_str(),
        QuoteStatus::Draft.as_str()
    ))
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(partner, name, body)| Ok((parse_id(&partner)?, name, parse_json("body", &body)?)))
        .collect()
}

pub async fn in_provisioning(c: &mut Connection) -> Result<Vec<(PartnerId, Uuid, OrderStatus)>> {
    // The statuses spelled out, as the partial index `orders_status` has them.
    let statuses: Vec<OrderStatus> = OrderStatus::ALL
        .into_iter()
        .filter(|s| s.is_in_provisioning())
        .collect();
    let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT partner_id, id, status FROM orders WHERE status IN ({})
         ORDER BY number",
        sql_list(&statuses)
    ))
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|(partner, id, status)| {
            Ok((
                parse_id(&partner)?,
                parse_uuid(&id)?,
                parse_name("order status", &status)?,
            ))
        })
        .collect()
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
