//! Loading many rows at once, for the demo seed: typed rows queued in a [`Batch`] per table and
//! written many per statement, so a 50,000-customer seed costs thousands of statements rather than
//! hundreds of thousands; and emptying every table first.
//!
//! A [`Row`] names its table and columns — the schema every engine shares — and gives its values;
//! each engine writes them its own way (SQLite: multi-row `INSERT`s).

mod sqlite;

use super::customers::{Customer, Invoice, Renewal, Subscription, SupportCase};
use super::records::{Counter, StoredDeal, StoredProspect};
use super::{Conn, On, Write};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::api::partner::{CertificationStatus, Tier};
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::Entity;
use portal_core::Role;
use uuid::Uuid;

/// A column value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Instant(DateTime<Utc>),
    Null,
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Self {
        Value::Int(i64::from(i))
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Int(i64::from(b))
    }
}
impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}
impl From<DateTime<Utc>> for Value {
    fn from(t: DateTime<Utc>) -> Self {
        Value::Instant(t)
    }
}
impl From<Uuid> for Value {
    fn from(id: Uuid) -> Self {
        Value::Text(id.to_string())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}

/// A row of one table.
pub trait Row: Send {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    /// Its values, one per column, in the columns' order.
    fn values(self) -> Vec<Value>;
}

/// The usual rows per statement: well under SQLite's bound-parameter limit for every table here.
pub const ROWS_PER_STATEMENT: usize = 100;

/// Rows waiting to be written to one table. The caller flushes (parents before children, so no
/// reference is ever dangling).
pub struct Batch<R: Row> {
    rows: Vec<R>,
    /// Rows written so far.
    pub written: u64,
}

impl<R: Row> Default for Batch<R> {
    fn default() -> Self {
        Self {
            rows: Vec::with_capacity(ROWS_PER_STATEMENT),
            written: 0,
        }
    }
}

impl<R: Row> Batch<R> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, row: R) {
        self.rows.push(row);
    }

    /// Rows queued.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Writes whatever is queued, in one statement (callers keep batches to a few hundred rows).
    pub async fn flush(&mut self, tx: &mut Write) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.rows.len();
        let values: Vec<Value> = self.rows.drain(..).flat_map(Row::values).collect();
        if values.len() != n * R::COLUMNS.len() {
            return Err(Error::corrupt(format!("row shape for {}", R::TABLE)));
        }
        match tx.on() {
            On::Sqlite(c) => sqlite::insert(c, R::TABLE, R::COLUMNS, n, values).await?,
        }
        self.written += n as u64;
        Ok(())
    }
}

/// Writes `rows`, [`ROWS_PER_STATEMENT`] per statement.
pub async fn insert_all<R: Row>(tx: &mut Write, rows: impl IntoIterator<Item = R>) -> Result<u64> {
    let mut batch = Batch::new();
    for row in rows {
        batch.push(row);
        if batch.rows() >= ROWS_PER_STATEMENT {
            batch.flush(tx).await?;
        }
    }
    batch.flush(tx).await?;
    Ok(batch.written)
}

/// Deletes every row of every table, children before parents.
pub async fn empty_all(tx: &mut Write) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::empty_all(c).await,
    }
}

/// Whether there is any row in the database that a seed would replace (any partner firm).
pub async fn is_empty(db: &mut Conn) -> Result<bool> {
    Ok(!super::accounts::any_partner(db).await?)
}

/// A product of the price book.
pub struct ProductRow {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub description: String,
    pub unit: String,
    pub list_price_minor: i64,
    pub currency: String,
    pub discount_cap_bp: i64,
}

impl Row for ProductRow {
    const TABLE: &'static str = "products";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "sku",
        "name",
        "description",
        "unit",
        "list_price_minor",
        "currency",
        "discount_cap_bp",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.into(),
            self.sku.into(),
            self.name.into(),
            self.description.into(),
            self.unit.into(),
            self.list_price_minor.into(),
            self.currency.into(),
            self.discount_cap_bp.into(),
        ]
    }
}

/// A volume tier of a product: (product, minimum seats, discount in bp).
pub struct PriceTierRow(pub Uuid, pub i64, pub i64);

impl Row for PriceTierRow {
    const TABLE: &'static str = "price_tiers";
    const COLUMNS: &'static [&'static str] = &["product_id", "min_qty", "discount_bp"];
    fn values(self) -> Vec<Value> {
        vec![self.0.into(), self.1.into(), self.2.into()]
    }
}

/// A commitment discount: (term in months, discount in bp).
pub struct TermDiscountRow(pub i64, pub i64);

impl Row for TermDiscountRow {
    const TABLE: &'static str = "term_discounts";
    const COLUMNS: &'static [&'static str] = &["term_months", "discount_bp"];
    fn values(self) -> Vec<Value> {
        vec![self.0.into(), self.1.into()]
    }
}

/// A news item: (id, title, summary, body, published on).
pub struct NewsRow(pub Uuid, pub String, pub String, pub String, pub NaiveDate);

impl Row for NewsRow {
    const TABLE: &'static str = "news";
    const COLUMNS: &'static [&'static str] = &["id", "title", "summary", "body", "published_on"];
    fn values(self) -> Vec<Value> {
        vec![
            self.0.into(),
            self.1.into(),
            self.2.into(),
            self.3.into(),
            self.4.into(),
        ]
    }
}

/// A marketing resource.
pub struct ResourceRow {
    pub id: Uuid,
    pub category: String,
    pub title: String,
    pub description: String,
    pub url: String,
    pub published_on: NaiveDate,
}

impl Row for ResourceRow {
    const TABLE: &'static str = "marketing_resources";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "category",
        "title",
        "description",
        "url",
        "published_on",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.into(),
            self.category.into(),
            self.title.into(),
            self.description.into(),
            self.url.into(),
            self.published_on.into(),
        ]
    }
}

/// A course of the academy.
pub struct CourseRow {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub level: String,
    pub duration_minutes: i64,
    pub assessment: bool,
}

impl Row for CourseRow {
    const TABLE: &'static str = "courses";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "description",
        "level",
        "duration_minutes",
        "assessment",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.into(),
            self.title.into(),
            self.description.into(),
            self.level.into(),
            self.duration_minutes.into(),
            self.assessment.into(),
        ]
    }
}

/// A member of the vendor's account team: (id, name, role, email, phone).
pub struct AccountManagerRow(pub Uuid, pub String, pub String, pub String, pub String);

impl Row for AccountManagerRow {
    const TABLE: &'static str = "account_managers";
    const COLUMNS: &'static [&'static str] = &["id", "name", "role", "email", "phone"];
    fn values(self) -> Vec<Value> {
        vec![
            self.0.into(),
            self.1.into(),
            self.2.into(),
            self.3.into(),
            self.4.into(),
        ]
    }
}

/// A partner firm.
pub struct PartnerRow {
    pub id: PartnerId,
    pub name: String,
    pub tier: Tier,
    pub margin_bp: i64,
    pub website: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub certification_status: CertificationStatus,
    pub certification_level: Option<String>,
    pub certified_on: Option<NaiveDate>,
    pub certification_expires_on: Option<NaiveDate>,
    pub certified_people: i64,
    pub created_at: DateTime<Utc>,
}

impl Row for PartnerRow {
    const TABLE: &'static str = "partners";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "tier",
        "margin_bp",
        "website",
        "phone",
        "address_line1",
        "address_line2",
        "city",
        "region",
        "postal_code",
        "country",
        "certification_status",
        "certification_level",
        "certified_on",
        "certification_expires_on",
        "certified_people",
        "created_at",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.name.into(),
            self.tier.as_str().into(),
            self.margin_bp.into(),
            self.website.into(),
            self.phone.into(),
            self.address_line1.into(),
            self.address_line2.into(),
            self.city.into(),
            self.region.into(),
            self.postal_code.into(),
            self.country.into(),
            self.certification_status.as_str().into(),
            self.certification_level.into(),
            self.certified_on.into(),
            self.certification_expires_on.into(),
            self.certified_people.into(),
            self.created_at.into(),
        ]
    }
}

/// A place in a firm's account team: (firm, account manager, position).
pub struct TeamRow(pub PartnerId, pub Uuid, pub i64);

impl Row for TeamRow {
    const TABLE: &'static str = "partner_account_team";
    const COLUMNS: &'static [&'static str] = &["partner_id", "account_manager_id", "position"];
    fn values(self) -> Vec<Value> {
        vec![self.0 .0.into(), self.1.into(), self.2.into()]
    }
}

/// A partner user.
pub struct UserRow {
    pub id: UserId,
    pub partner: PartnerId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub phone: String,
    pub role: Role,
    pub registered: bool,
    pub security_question: Option<String>,
    pub security_answer_hash: Option<String>,
    pub password_hash: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Row for UserRow {
    const TABLE: &'static str = "users";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "email",
        "first_name",
        "last_name",
        "job_title",
        "phone",
        "role",
        "registered",
        "security_question",
        "security_answer_hash",
        "password_hash",
        "created_at",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.partner.0.into(),
            self.email.into(),
            self.first_name.into(),
            self.last_name.into(),
            self.job_title.into(),
            self.phone.into(),
            self.role.as_str().into(),
            self.registered.into(),
            self.security_question.into(),
            self.security_answer_hash.into(),
            self.password_hash.into(),
            self.created_at.into(),
        ]
    }
}

/// A member of the vendor's staff.
pub struct StaffRow {
    pub id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    /// The stored name of their role.
    pub role: String,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

impl Row for StaffRow {
    const TABLE: &'static str = "vendor_staff";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "email",
        "first_name",
        "last_name",
        "job_title",
        "role",
        "password_hash",
        "created_at",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.into(),
            self.email.into(),
            self.first_name.into(),
            self.last_name.into(),
            self.job_title.into(),
            self.role.into(),
            self.password_hash.into(),
            self.created_at.into(),
        ]
    }
}

/// A counter's value.
pub struct CounterRow(pub Counter, pub i64);

impl Row for CounterRow {
    const TABLE: &'static str = "counters";
    const COLUMNS: &'static [&'static str] = &["name", "value"];
    fn values(self) -> Vec<Value> {
        vec![self.0.as_str().into(), self.1.into()]
    }
}

/// A firm's head version (its horizon at 0).
pub struct HeadRow(pub PartnerId, pub i64);

impl Row for HeadRow {
    const TABLE: &'static str = "sync_counter";
    const COLUMNS: &'static [&'static str] = &["partner_id", "version", "horizon"];
    fn values(self) -> Vec<Value> {
        vec![self.0 .0.into(), self.1.into(), 0i64.into()]
    }
}

/// A change-log row of a live record.
pub struct ChangeRow {
    pub partner: PartnerId,
    pub entity: Entity,
    pub id: Uuid,
    pub version: i64,
    pub owner: Option<UserId>,
}

impl Row for ChangeRow {
    const TABLE: &'static str = "change_log";
    const COLUMNS: &'static [&'static str] = &[
        "partner_id",
        "entity",
        "record_id",
        "version",
        "deleted",
        "owner_id",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.partner.0.into(),
            self.entity.as_str().into(),
            self.id.into(),
            self.version.into(),
            false.into(),
            self.owner.map(|o| o.0).into(),
        ]
    }
}

impl Row for Customer {
    const TABLE: &'static str = "customers";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "owner_user_id",
        "company_name",
        "domain",
        "sector",
        "address_line1",
        "city",
        "region",
        "postal_code",
        "country",
        "contact_name",
        "contact_email",
        "created_at",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.partner.0.into(),
            self.owner.map(|o| o.0).into(),
            self.company_name.into(),
            self.domain.into(),
            self.sector.into(),
            self.address_line1.into(),
            self.city.into(),
            self.region.into(),
            self.postal_code.into(),
            self.country.into(),
            self.contact_name.into(),
            self.contact_email.into(),
            self.created_at.into(),
        ]
    }
}

impl Row for Subscription {
    const TABLE: &'static str = "subscriptions";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "customer_id",
        "product_id",
        "seats",
        "term_months",
        "starts_on",
        "ends_on",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.customer.0.into(),
            self.product.0.into(),
            self.seats.into(),
            self.term_months.into(),
            self.starts_on.into(),
            self.ends_on.into(),
        ]
    }
}

impl Row for Renewal {
    const TABLE: &'static str = "renewals";
    const COLUMNS: &'static [&'static str] =
        &["id", "subscription_id", "due_on", "value_minor", "currency"];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.subscription.0.into(),
            self.due_on.into(),
            self.value.minor.into(),
            self.value.currency.code().into(),
        ]
    }
}

impl Row for Invoice {
    const TABLE: &'static str = "invoices";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "customer_id",
        "number",
        "kind",
        "issued_on",
        "due_on",
        "total_minor",
        "currency",
        "status",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.partner.0.into(),
            self.customer.map(|c| c.0).into(),
            self.number.into(),
            self.kind.as_str().into(),
            self.issued_on.into(),
            self.due_on.into(),
            self.total.minor.into(),
            self.total.currency.code().into(),
            self.status.as_str().into(),
        ]
    }
}

impl Row for SupportCase {
    const TABLE: &'static str = "support_cases";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "customer_id",
        "number",
        "subject",
        "status",
        "priority",
        "opened_on",
        "closed_on",
        "description",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.id.0.into(),
            self.partner.0.into(),
            self.customer.0.into(),
            self.number.into(),
            self.subject.into(),
            self.status.as_str().into(),
            self.priority.as_str().into(),
            self.opened_on.into(),
            self.closed_on.into(),
            self.description.into(),
        ]
    }
}

/// A firm's synced record as first written: its body at its version, no field stamps and no
/// creating client.
pub struct FirmRecord<S> {
    pub partner: PartnerId,
    pub stored: S,
}

fn body(record: &impl serde::Serialize) -> Value {
    // Portal-core records always serialize; a failure would be a bug, caught by the row's shape.
    serde_json::to_string(record).map_or(Value::Null, Value::Text)
}

impl Row for FirmRecord<StoredProspect> {
    const TABLE: &'static str = "prospects";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "owner_id",
        "domain",
        "company_name",
        "body",
        "version",
        "field_versions",
        "created_version",
        "created_client",
    ];
    fn values(self) -> Vec<Value> {
        let s = self.stored;
        let p = &s.prospect;
        vec![
            p.id.0.into(),
            self.partner.0.into(),
            p.owner_id.0.into(),
            p.domain.as_str().into(),
            p.company_name.as_str().into(),
            body(p),
            s.version.into(),
            s.stamps.to_stored().into(),
            s.stamps.created.version.into(),
            s.stamps.created.client.into(),
        ]
    }
}

impl Row for FirmRecord<StoredDeal> {
    const TABLE: &'static str = "deals";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "partner_id",
        "owner_id",
        "prospect_id",
        "number",
        "status",
        "expires_on",
        "claimed_domain",
        "body",
        "version",
        "field_versions",
        "created_version",
        "created_client",
    ];
    fn values(self) -> Vec<Value> {
        let s = self.stored;
        let d = &s.deal;
        vec![
            d.id.0.into(),
            self.partner.0.into(),
            d.owner_id.0.into(),
            d.prospect_id.0.into(),
            d.number.clone().into(),
            d.status.as_str().into(),
            d.expires_on.into(),
            s.claimed_domain.clone().into(),
            body(d),
            s.version.into(),
            s.stamps.to_stored().into(),
            s.stamps.created.version.into(),
            s.stamps.created.client.into(),
        ]
    }
}
