//! The questions the rules and the vendor's jobs ask of the synced records, in SQL for SQLite: by
//! domain, a prospect's deals, the registrations holding a domain, what has lapsed, the order
//! holding a quote, any firm's quote or order, the quotes waiting for approval and the orders in
//! provisioning.

use super::super::{Firms, Lapsing, StoredDeal, StoredOrder, StoredQuote};
use super::{order, quote, DealRow, DEAL_COLUMNS};
use crate::error::Result;
use crate::storage::sqlite::{date_text, parse_id, parse_json, parse_name, parse_uuid, Connection};
use chrono::NaiveDate;
use portal_core::deal::DealStatus;
use portal_core::ids::{DealId, OrderId, PartnerId, ProspectId, QuoteId};
use portal_core::order::OrderStatus;
use portal_core::quote::{Approval, Quote, QuoteStatus};
use portal_core::wire::sql_list;
use uuid::Uuid;

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
