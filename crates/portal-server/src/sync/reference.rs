//! The read-only reference records a pull carries (customers, subscriptions, renewals, invoices,
//! support cases, the price book, news, marketing resources, courses): their body shapes, which the
//! OpenAPI document lists, and one query per kind for a whole page of them. A product's body is
//! exactly `portal_core::pricebook::Product` (see [`super::pricebook`]).
//!
//! Shapes: ids are UUID strings, dates `YYYY-MM-DD`, instants RFC 3339, money `{minor, currency}`,
//! percentages integer basis points (`_bp`).

use crate::db::{parse_date, parse_uuid};
use crate::error::{Error, Result};
use portal_core::api::news::NewsItem;
use portal_core::api::partner::Address;
use portal_core::ids::NewsId;
use portal_core::money::{Currency, Money};
use portal_core::sync::Entity;
use serde::Serialize;
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;
use utoipa::ToSchema;

/// Body of a `customer` change (administrators only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerRecord {
    #[schema(format = Uuid)]
    pub id: String,
    /// The firm's user who looks after the customer.
    #[schema(format = Uuid)]
    pub owner_id: Option<String>,
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    pub address: Address,
    pub contact_name: String,
    pub contact_email: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// Body of a `subscription` change (administrators only).
#[derive(Debug, Clone, Serialize, FromRow, ToSchema)]
pub struct SubscriptionRecord {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub customer_id: String,
    #[schema(format = Uuid)]
    pub product_id: String,
    pub seats: i64,
    /// 12, 24 or 36.
    pub term_months: i64,
    #[schema(format = Date)]
    pub starts_on: String,
    #[schema(format = Date)]
    pub ends_on: String,
}

/// Body of a `renewal` change (administrators only); the customer and product are repeated from
/// the subscription so that a renewals list needs no join.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RenewalRecord {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub subscription_id: String,
    #[schema(format = Uuid)]
    pub customer_id: String,
    #[schema(format = Uuid)]
    pub product_id: String,
    #[schema(format = Date)]
    pub due_on: String,
    pub value: Money,
}

/// Body of an `invoice` change (administrators only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvoiceRecord {
    #[schema(format = Uuid)]
    pub id: String,
    /// None for a consolidated invoice covering several customers.
    #[schema(format = Uuid)]
    pub customer_id: Option<String>,
    pub number: String,
    /// `customer` or `consolidated`.
    pub kind: String,
    #[schema(format = Date)]
    pub issued_on: String,
    #[schema(format = Date)]
    pub due_on: String,
    pub total: Money,
    /// `open`, `paid`, `overdue` or `void`.
    pub status: String,
}

/// Body of a `support_case` change (administrators only).
#[derive(Debug, Clone, Serialize, FromRow, ToSchema)]
pub struct SupportCaseRecord {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub customer_id: Option<String>,
    pub number: String,
    pub subject: String,
    /// `open` or `closed`.
    pub status: String,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: String,
    #[schema(format = Date)]
    pub opened_on: String,
    #[schema(format = Date)]
    pub closed_on: Option<String>,
    pub description: String,
}

/// Body of a `resource` change (a marketing resource).
#[derive(Debug, Clone, Serialize, FromRow, ToSchema)]
pub struct ResourceRecord {
    #[schema(format = Uuid)]
    pub id: String,
    /// `whats_new`, `sales_tools`, `pims`, `branding_logos`, `campaigns` or `customer_tools`.
    pub category: String,
    pub title: String,
    pub description: String,
    pub url: String,
    #[schema(format = Date)]
    pub published_on: String,
}

/// Body of a `course` change (the education academy).
#[derive(Debug, Clone, Serialize, FromRow, ToSchema)]
pub struct CourseRecord {
    #[schema(format = Uuid)]
    pub id: String,
    pub title: String,
    pub description: String,
    /// `foundation`, `intermediate` or `advanced`.
    pub level: String,
    pub duration_minutes: i64,
    /// The course ends with an assessment.
    pub assessment: bool,
}

/// The kinds of record in the Customers area, which only administrators receive.
pub const CUSTOMER_AREA: [Entity; 5] = [
    Entity::Customer,
    Entity::Subscription,
    Entity::Renewal,
    Entity::Invoice,
    Entity::SupportCase,
];

/// A `news` row as read: id, title, summary, body, published_on.
pub type NewsRow = (String, String, String, String, String);

/// The news item a row holds (the body of a `news` change, and an item of the news list).
pub fn news_item((id, title, summary, body, published_on): NewsRow) -> Result<NewsItem> {
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
async fn rows<T>(conn: &mut SqliteConnection, sql: &str, partner: &str, ids: &str) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    Ok(sqlx::query_as(sql)
        .bind(partner)
        .bind(ids)
        .fetch_all(&mut *conn)
        .await?)
}

fn keyed<T: Serialize>(items: Vec<(String, T)>) -> Result<HashMap<String, Value>> {
    items
        .into_iter()
        .map(|(id, item)| Ok((id, serde_json::to_value(item).map_err(Error::corrupt)?)))
        .collect()
}

fn by_id<T: Serialize>(items: Vec<T>, id: impl Fn(&T) -> String) -> Result<HashMap<String, Value>> {
    keyed(items.into_iter().map(|t| (id(&t), t)).collect())
}

/// The bodies of one query whose rows are the bodies themselves, by id.
async fn whole<T>(
    conn: &mut SqliteConnection,
    sql: &str,
    partner: &str,
    ids: &str,
    id: impl Fn(&T) -> String,
) -> Result<HashMap<String, Value>>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + Serialize,
{
    by_id(rows(conn, sql, partner, ids).await?, id)
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

/// The bodies of the firm's reference records of one kind with these ids, in one query (two for
/// products). Ids that are gone are simply absent.
pub async fn bodies(
    conn: &mut SqliteConnection,
    entity: Entity,
    partner: &str,
    ids: &[&str],
) -> Result<HashMap<String, Value>> {
    let ids = serde_json::to_string(ids).map_err(Error::corrupt)?;
    let ids = ids.as_str();
    // The page's ids drive every query (CROSS JOIN fixes SQLite's join order): one primary-key
    // lookup per id, never a walk of the firm's rows by a partner_id index.
    const PAGE: &str = "json_each(?2) AS page CROSS JOIN";
    match entity {
        Entity::Customer => {
            let rows: Vec<CustomerRow> = rows(
                conn,
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
                |c| c.id.clone(),
            )
        }
        Entity::Subscription => {
            whole(
                conn,
                &format!(
                    "SELECT s.id, s.customer_id, s.product_id, s.seats, s.term_months, s.starts_on,
                            s.ends_on
                     FROM {PAGE} subscriptions s ON s.id = page.value
                          JOIN customers c ON c.id = s.customer_id
                     WHERE c.partner_id = ?1"
                ),
                partner,
                ids,
                |s: &SubscriptionRecord| s.id.clone(),
            )
            .await
        }
        Entity::Renewal => {
            let rows: Vec<(String, String, String, String, String, i64, String)> = rows(
                conn,
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
            by_id(items, |r| r.id.clone())
        }
        Entity::Invoice => {
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
            let rows: Vec<InvoiceRow> = rows(
                conn,
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
            by_id(items, |i| i.id.clone())
        }
        Entity::SupportCase => {
            whole(
                conn,
                &format!(
                    "SELECT t.id, t.customer_id, t.number, t.subject, t.status, t.priority,
                            t.opened_on, t.closed_on, t.description
                     FROM {PAGE} support_cases t ON t.id = page.value WHERE t.partner_id = ?1"
                ),
                partner,
                ids,
                |c: &SupportCaseRecord| c.id.clone(),
            )
            .await
        }
        Entity::Product => products(conn, ids).await,
        Entity::News => {
            let rows: Vec<NewsRow> = rows(
                conn,
                &format!(
                    "SELECT t.id, t.title, t.summary, t.body, t.published_on
                     FROM {PAGE} news t ON t.id = page.value"
                ),
                partner,
                ids,
            )
            .await?;
            let items = rows
                .into_iter()
                .map(|row| Ok((row.0.clone(), news_item(row)?)))
                .collect::<Result<Vec<_>>>()?;
            keyed(items)
        }
        Entity::Resource => {
            whole(
                conn,
                &format!(
                    "SELECT t.id, t.category, t.title, t.description, t.url, t.published_on
                     FROM {PAGE} marketing_resources t ON t.id = page.value"
                ),
                partner,
                ids,
                |r: &ResourceRecord| r.id.clone(),
            )
            .await
        }
        Entity::Course => {
            whole(
                conn,
                &format!(
                    "SELECT t.id, t.title, t.description, t.level, t.duration_minutes, t.assessment
                     FROM {PAGE} courses t ON t.id = page.value"
                ),
                partner,
                ids,
                |c: &CourseRecord| c.id.clone(),
            )
            .await
        }
        Entity::Prospect | Entity::Deal | Entity::Quote | Entity::Order => Err(Error::corrupt(
            format!("{} is not reference data", entity.as_str()),
        )),
    }
}

async fn products(conn: &mut SqliteConnection, ids: &str) -> Result<HashMap<String, Value>> {
    by_id(super::pricebook::products(conn, Some(ids)).await?, |p| {
        p.id.to_string()
    })
}
