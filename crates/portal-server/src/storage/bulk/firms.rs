//! A partner firm's rows for the seed: the firm, its account team and users, its Customers-area
//! rows (the types provisioning writes one at a time), and its synced records as first written.

use super::{Row, Value};
use crate::storage::customers::{Customer, Invoice, Renewal, Subscription, SupportCase};
use crate::storage::records::{StoredDeal, StoredProspect};
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::api::partner::{CertificationStatus, Tier};
use portal_core::ids::{PartnerId, UserId};
use portal_core::Role;
use uuid::Uuid;

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
