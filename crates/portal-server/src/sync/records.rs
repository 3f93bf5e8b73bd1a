//! Prospects and deal registrations as stored: the portal-core record as a JSON body, the columns
//! copied from it for queries and constraints, and the field stamps the merge needs. Every query
//! names the firm.

use super::merge::{FieldStamps, Stamp};
use crate::error::{Error, Result};
use portal_core::deal::DealStatus;
use portal_core::prospect::Prospect;
use portal_core::registration::Deal;
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;
use uuid::Uuid;

/// A prospect with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredProspect {
    pub prospect: Prospect,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// A deal registration with its version, field stamps, and the domain it claimed when submitted.
#[derive(Debug, Clone)]
pub struct StoredDeal {
    pub deal: Deal,
    pub claimed_domain: Option<String>,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// The stable text of a deal status, as stored in `deals.status`.
pub fn status_text(s: DealStatus) -> &'static str {
    match s {
        DealStatus::Draft => "draft",
        DealStatus::Submitted => "submitted",
        DealStatus::Approved => "approved",
        DealStatus::Rejected => "rejected",
        DealStatus::Won => "won",
        DealStatus::Lost => "lost",
        DealStatus::Expired => "expired",
        DealStatus::Withdrawn => "withdrawn",
    }
}

/// `'submitted', 'approved'`: the statuses that hold a domain, for SQL `IN (…)` lists.
pub fn holding_statuses_sql() -> String {
    DealStatus::ALL
        .into_iter()
        .filter(|s| s.holds_domain())
        .map(|s| format!("'{}'", status_text(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The deal number shown to people: `DR-000042`.
pub fn deal_number(seq: i64) -> String {
    format!("DR-{seq:06}")
}

/// The columns every synced record's row has beside its own.
#[derive(FromRow)]
pub(super) struct Row {
    pub body: String,
    pub version: i64,
    pub field_versions: String,
    pub created_version: i64,
    pub created_client: Option<String>,
}

impl Row {
    pub(super) fn stamps(&self) -> Result<FieldStamps> {
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
}

/// The columns of a [`Row`].
pub(super) const ROW_COLUMNS: &str =
    "body, version, field_versions, created_version, created_client";

/// The firm's row `id` of `table` ("prospects", "deals", "quotes" or "orders"): its `columns`.
pub(super) async fn find_row<R>(
    conn: &mut SqliteConnection,
    table: &'static str,
    columns: &str,
    partner: &str,
    id: &str,
) -> Result<Option<R>>
where
    R: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    Ok(sqlx::query_as(&format!(
        "SELECT {columns} FROM {table} WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) fn parse_body<T: serde::de::DeserializeOwned>(body: &str) -> Result<T> {
    serde_json::from_str(body).map_err(|e| Error::corrupt(format!("stored body: {e}")))
}

pub(super) fn to_text(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(v).map_err(Error::corrupt)
}

pub async fn prospect(
    conn: &mut SqliteConnection,
    partner: &str,
    id: &str,
) -> Result<Option<StoredProspect>> {
    let row: Option<Row> = find_row(conn, "prospects", ROW_COLUMNS, partner, id).await?;
    row.map(|r| {
        Ok(StoredProspect {
            prospect: parse_body(&r.body)?,
            version: r.version,
            stamps: r.stamps()?,
        })
    })
    .transpose()
}

/// Inserts or replaces the firm's prospect (never another firm's: the update is scoped).
pub async fn save_prospect(
    conn: &mut SqliteConnection,
    partner: &str,
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
    .bind(partner)
    .bind(r.owner_id.to_string())
    .bind(r.domain.as_str())
    .bind(&r.company_name)
    .bind(to_text(r)?)
    .bind(p.version)
    .bind(p.stamps.to_stored())
    .bind(p.stamps.created.version)
    .bind(p.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes the firm's row `id` of `table` ("prospects", "deals", "quotes" or "orders").
pub(super) async fn delete(
    conn: &mut SqliteConnection,
    table: &'static str,
    partner: &str,
    id: &str,
) -> Result<()> {
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The firm's live prospect with this domain: (id, company name).
pub async fn prospect_by_domain(
    conn: &mut SqliteConnection,
    partner: &str,
    domain: &str,
) -> Result<Option<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, company_name FROM prospects WHERE partner_id = ?1 AND domain = ?2",
    )
    .bind(partner)
    .bind(domain)
    .fetch_optional(&mut *conn)
    .await?)
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
            deal: parse_body(&self.row.body)?,
            claimed_domain: self.claimed_domain,
            version: self.row.version,
            stamps: self.row.stamps()?,
        })
    }
}

const DEAL_COLUMNS: &str =
    "body, version, field_versions, created_version, created_client, claimed_domain";

pub async fn deal(
    conn: &mut SqliteConnection,
    partner: &str,
    id: &str,
) -> Result<Option<StoredDeal>> {
    let row: Option<DealRow> = find_row(conn, "deals", DEAL_COLUMNS, partner, id).await?;
    row.map(DealRow::into_stored).transpose()
}

/// The firm's deals on one prospect, oldest number first.
pub async fn deals_of_prospect(
    conn: &mut SqliteConnection,
    partner: &str,
    prospect_id: &str,
) -> Result<Vec<StoredDeal>> {
    let rows: Vec<DealRow> = sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} FROM deals WHERE partner_id = ?1 AND prospect_id = ?2 ORDER BY number"
    ))
    .bind(partner)
    .bind(prospect_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(DealRow::into_stored).collect()
}

/// Inserts or replaces the firm's deal (never another firm's: the update is scoped).
pub async fn save_deal(conn: &mut SqliteConnection, partner: &str, d: &StoredDeal) -> Result<()> {
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
    .bind(partner)
    .bind(r.owner_id.to_string())
    .bind(r.prospect_id.to_string())
    .bind(number)
    .bind(status_text(r.status))
    .bind(r.expires_on.map(crate::db::date_text))
    .bind(d.claimed_domain.as_deref())
    .bind(to_text(r)?)
    .bind(d.version)
    .bind(d.stamps.to_stored())
    .bind(d.stamps.created.version)
    .bind(d.stamps.created.client.map(|c| c.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes the next value of a named counter (numbers are never reused, even a deleted draft's).
pub async fn next_in(conn: &mut SqliteConnection, counter: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO counters (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1
         RETURNING value",
    )
    .bind(counter)
    .fetch_one(&mut *conn)
    .await?)
}

/// The counter behind deal numbers.
pub const DEAL_COUNTER: &str = "deal_number";

pub async fn next_deal_number(conn: &mut SqliteConnection) -> Result<String> {
    Ok(deal_number(next_in(conn, DEAL_COUNTER).await?))
}

/// Whether any firm has a live prospect, deal, quote or order with this id (ids are global).
pub async fn id_taken(conn: &mut SqliteConnection, id: &str) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM prospects WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM deals WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM quotes WHERE id = ?1)
             OR EXISTS (SELECT 1 FROM orders WHERE id = ?1)",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?)
}

/// Whether the user belongs to the firm.
pub async fn is_firm_user(conn: &mut SqliteConnection, partner: &str, user: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE partner_id = ?1 AND id = ?2)")
            .bind(partner)
            .bind(user)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The stored bodies of the firm's prospects (`table` = "prospects"), deals ("deals"), quotes
/// ("quotes") or orders ("orders") with these ids, in one query.
pub async fn bodies(
    conn: &mut SqliteConnection,
    table: &'static str,
    partner: &str,
    ids: &[&str],
) -> Result<HashMap<String, Value>> {
    debug_assert!(matches!(table, "prospects" | "deals" | "quotes" | "orders"));
    // The page's ids drive the loop (CROSS JOIN fixes SQLite's join order): one primary-key lookup
    // each, rather than a walk of the firm's rows by some partner_id index.
    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.body FROM json_each(?2) AS page CROSS JOIN {table} t ON t.id = page.value
         WHERE t.partner_id = ?1"
    ))
    .bind(partner)
    .bind(serde_json::to_string(ids).map_err(Error::corrupt)?)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, body)| Ok((id, parse_body(&body)?)))
        .collect()
}
