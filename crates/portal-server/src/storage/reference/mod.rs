//! The read-only reference records a pull carries — the Customers area's (customers,
//! subscriptions, renewals, invoices, support cases) and the vendor's (the price book, news,
//! courses) — as the bodies of their changes, read for a whole page of ids at once; and the news
//! list. A product's body is exactly `portal_core::pricebook::Product` (see [`super::pricebook`]);
//! a marketing resource's is `portal_core::resources::Resource` (see [`super::resources`]).
//!
//! Shapes: ids are UUID strings, dates `YYYY-MM-DD`, instants RFC 3339, money `{minor, currency}`,
//! percentages integer basis points (`_bp`).

mod sqlite;

use super::{pricebook, Conn, On};
use crate::error::{Error, Result};
use portal_core::api::news::NewsItem;
use portal_core::api::partner::Address;
use portal_core::ids::PartnerId;
use portal_core::money::Money;
use portal_core::sync::Entity;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

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
#[derive(Debug, Clone, Serialize, ToSchema)]
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
#[derive(Debug, Clone, Serialize, ToSchema)]
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

/// Body of a `course` change (the education academy).
#[derive(Debug, Clone, Serialize, ToSchema)]
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

/// The bodies of the firm's reference records of one kind with these ids, in one query (two for
/// products). Ids that are gone are simply absent.
pub async fn bodies(
    db: &mut Conn,
    entity: Entity,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Value>> {
    if entity == Entity::Product {
        return pricebook::products(db, Some(ids))
            .await?
            .into_iter()
            .map(|p| Ok((p.id.0, serde_json::to_value(p).map_err(Error::corrupt)?)))
            .collect();
    }
    match db.on() {
        On::Sqlite(c) => sqlite::bodies(c, entity, partner, ids).await,
    }
}

/// The vendor's news, newest first.
pub async fn news(db: &mut Conn) -> Result<Vec<NewsItem>> {
    match db.on() {
        On::Sqlite(c) => sqlite::news(c).await,
    }
}
