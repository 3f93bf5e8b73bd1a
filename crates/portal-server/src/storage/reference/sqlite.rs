//! The reference records' SQL for SQLite: one query per kind for a page of ids, and the news.

use super::{
    CourseRecord, CustomerRecord, InvoiceRecord, RenewalRecord, SubscriptionRecord,
    SupportCaseRecord,
};
use crate::error::{Error, Result};
use crate::storage::sqlite::{json_ids, parse_date, parse_uuid, Connection};
use portal_core::api::news::NewsItem;
use portal_core::api::partner::Address;
use portal_core::ids::{NewsId, PartnerId};
use portal_core::money::{Currency, Money};
use portal_core::sync::Entity;
use serde::Serialize;
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;
use std::collections::HashMap;
use uuid::Uuid;

/// A `news` row as read: id, title, summary, body, published_on.
type NewsRow = (String, String, String, String, String);

/// The news item a row holds (the body of a `news` change, and an item of the news list).
fn news_item((id, title, summary, body, published_on): NewsRow) -> Result<NewsItem> {
    Ok(NewsItem {
        id: NewsId(parse_uuid(&id)?),
        title,
        summary,
        body,
        published_on: parse_date(&published_on)?,
    })
}

fn money(minor: i64, currency: &str) -> Result<Money> {
    let currency = Currency::parse(currency)
        .ok_or_else(|| Error::corrupt(format!("currency {currency:?}")))?;
    Ok(Money { minor, currency })
}

/// Rows of one query over the page's ids: `?1` is the firm, `?2` the ids as a JSON array.
async fn rows<T>(c: &mut Connection, sql: &str, partner: &str, ids: &str) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    Ok(sqlx::query_as(sql)
        .bind(partner)
        .bind(ids)
        .fetch_all(&mut *c)
        .await?)
}

/// The bodies, by id.
fn by_id<T: Serialize>(items: Vec<T>, id: impl Fn(&T) -> &str) -> Result<HashMap<Uuid, Value>> {
    items
        .into_iter()
        .map(|t| {
            Ok((
                parse_uuid(id(&t))?,
                serde_json::to_value(&t).map_err(Error::corrupt)?,
            ))
        })
        .collect()
}

type CustomerRow = (
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

type InvoiceRow = (
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
);

type SupportCaseRow = (
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
);

pub async fn bodies(
    c: &mut Connection,
    entity: Entity,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Value>> {
    let ids = json_ids(ids)?;
    let ids = ids.as_str();
    let partner = partner.to_string();
    let partner = partner.as_str();
    // The page's ids drive every query (CROSS JOIN fixes SQLite's join order): one primary-key
    // lookup per id, never a walk of the firm's rows by a partner_id index.
    const PAGE: &str = "json_each(?2) AS page CROSS JOIN";
    match entity {
        Entity::Customer => {
            let rows: Vec<CustomerRow> = rows(
                c,
                &format!(
                    "SELECT t.id, t.owner_user_id, t.company_name, t.domain, t.sector,
                            t.address_line1, t.city, t.region, t.postal_code, t.country,
                            t.contact_name, t.contact_email, t.created_at
                     FROM {PAGE} customers t ON t.id = page.value WHERE t.partner_id = ?1"
                ),
                partner,
                ids,
            )
            .await?;
            by_id(
                rows.into_iter()
                    .map(|r| CustomerRecord {
                        id: r.0,
                        owner_id: r.1,
                        company_name: r.2,
                        domain: r.3,
                        sector: r.4,
                        address: Address {
                            line1: r.5,
                            line2: String::new(),
                            city: r.6,
                            region: r.7,
                            postal_code: r.8,
                            country: r.9,
                        },
                        contact_name: r.10,
                        contact_email: r.11,
                        created_at: r.12,
                    })
                    .collect(),
                |c| &c.id,
            )
        }
        Entity::Subscription => {
            let rows: Vec<(String, String, String, i64, i64, String, String)> = rows(
                c,
                &format!(
                    "SELECT s.id, s.customer_id, s.product_id, s.seats, s.term_months, s.starts_on,
                            s.ends_on
                     FROM {PAGE} subscriptions s ON s.id = page.value
                          JOIN customers c ON c.id = s.customer_id
                     WHERE c.partner_id = ?1"
                ),
                partner,
                ids,
            )
            .await?;
            by_id(
                rows.into_iter()
                    .map(|r| SubscriptionRecord {
                        id: r.0,
                        customer_id: r.1,
                        product_id: r.2,
                        seats: r.3,
                        term_months: r.4,
                        starts_on: r.5,
                        ends_on: r.6,
                    })
                    .collect(),
                |s| &s.id,
            )
        }
        Entity::Renewal => {
            let rows: Vec<(String, String, String, String, String, i64, String)> = rows(
                c,
                &format!(
                    "SELECT r.id, r.subscription_id, s.customer_id, s.product_id, r.due_on,
                            r.value_minor, r.currency
                     FROM {PAGE} renewals r ON r.id = page.value
                          JOIN subscriptions s ON s.id = r.subscription_id
                          JOIN customers c ON c.id = s.customer_id
                     WHERE c.partner_id = ?1"
                ),
                partner,
                ids,
            )
            .await?;
            let items = rows
                .into_iter()
                .map(|r| {
                    Ok(RenewalRecord {
                        id: r.0,
                        subscription_id: r.1,
                        customer_id: r.2,
                        product_id: r.3,
                        due_on: r.4,
                        value: money(r.5, &r.6)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            by_id(items, |r| &r.id)
        }
        Entity::Invoice => {
            let rows: Vec<InvoiceRow> = rows(
                c,
                &format!(
                    "SELECT t.id, t.customer_id, t.number, t.kind, t.issued_on, t.due_on,
                            t.total_minor, t.currency, t.status
                     FROM {PAGE} invoices t ON t.id = page.value WHERE t.partner_id = ?1"
                ),
                partner,
                ids,
            )
            .await?;
            let items = rows
                .into_iter()
                .map(|r| {
                    Ok(InvoiceRecord {
                        id: r.0,
                        customer_id: r.1,
                        number: r.2,
                        kind: r.3,
                        issued_on: r.4,
                        due_on: r.5,
                        total: money(r.6, &r.7)?,
                        status: r.8,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            by_id(items, |i| &i.id)
        }
        Entity::SupportCase => {
            let rows: Vec<SupportCaseRow> = rows(
                c,
                &format!(
                    "SELECT t.id, t.customer_id, t.number, t.subject, t.status, t.priority,
                            t.opened_on, t.closed_on, t.description
                     FROM {PAGE} support_cases t ON t.id = page.value WHERE t.partner_id = ?1"
                ),
                partner,
                ids,
            )
            .await?;
            by_id(
                rows.into_iter()
                    .map(|r| SupportCaseRecord {
                        id: r.0,
                        customer_id: r.1,
                        number: r.2,
                        subject: r.3,
                        status: r.4,
                        priority: r.5,
                        opened_on: r.6,
                        closed_on: r.7,
                        description: r.8,
                    })
                    .collect(),
                |c| &c.id,
            )
        }
        Entity::News => {
            let rows: Vec<NewsRow> = rows(
                c,
                &format!(
                    "SELECT t.id, t.title, t.summary, t.body, t.published_on
                     FROM {PAGE} news t ON t.id = page.value"
                ),
                partner,
                ids,
            )
            .await?;
            rows.into_iter()
                .map(|row| {
                    let item = news_item(row)?;
                    Ok((
                        item.id.0,
                        serde_json::to_value(item).map_err(Error::corrupt)?,
                    ))
                })
                .collect()
        }
        Entity::Course => {
            let rows: Vec<(String, String, String, String, i64, bool)> = rows(
                c,
                &format!(
                    "SELECT t.id, t.title, t.description, t.level, t.duration_minutes, t.assessment
                     FROM {PAGE} courses t ON t.id = page.value"
                ),
                partner,
                ids,
            )
            .await?;
            by_id(
                rows.into_iter()
                    .map(|r| CourseRecord {
                        id: r.0,
                        title: r.1,
                        description: r.2,
                        level: r.3,
                        duration_minutes: r.4,
                        assessment: r.5,
                    })
                    .collect(),
                |c| &c.id,
            )
        }
        Entity::Product
        | Entity::Resource
        | Entity::Prospect
        | Entity::Deal
        | Entity::Quote
        | Entity::Order
        | Entity::ResourceUse
        | Entity::CampaignKit
        | Entity::MarketingProfile
        | Entity::Campaign
        | Entity::Lead
        | Entity::LeadDecision => Err(Error::corrupt(format!(
            "{} is not read here",
            entity.as_str()
        ))),
    }
}

pub async fn news(c: &mut Connection) -> Result<Vec<NewsItem>> {
    let rows: Vec<NewsRow> = sqlx::query_as(
        "SELECT id, title, summary, body, published_on FROM news
         ORDER BY published_on DESC, id DESC",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter().map(news_item).collect()
}
