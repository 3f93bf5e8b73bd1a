//! The vendor's rows for the seed: the price book (products, volume tiers, term discounts), the
//! content every firm sees (news, courses), the account managers and the
//! vendor's staff.

use super::{Row, Value};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

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
