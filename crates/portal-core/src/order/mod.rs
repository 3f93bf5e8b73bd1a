//! An order placed from an accepted quote: the customer's details and purchase order, and its
//! form; its life cycle is [`status`].

mod status;

pub use status::{OrderAction, OrderError, OrderStatus};

use crate::error::ApiError;
use crate::ids::{CustomerId, OrderId, QuoteId, UserId};
use crate::money::{Currency, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The largest purchase-order file the vendor accepts.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Named apart from `api::partner::Address` (whose `line2` and `region` are required), so that the
// OpenAPI document keeps both.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = OrderAddress))]
pub struct Address {
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    pub city: String,
    #[serde(default)]
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl Address {
    /// The address's lines as printed: empty parts left out.
    pub fn lines(&self) -> Vec<String> {
        let city = [
            self.city.as_str(),
            self.region.as_str(),
            self.postal_code.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        [
            self.line1.clone(),
            self.line2.clone(),
            city,
            self.country.clone(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect()
    }

    fn errors(&self, out: &mut Vec<ApiError>) {
        for (field, value, what) in [
            ("address.line1", &self.line1, "the street address"),
            ("address.city", &self.city, "the city"),
            ("address.postal_code", &self.postal_code, "the postal code"),
            ("address.country", &self.country, "the country"),
        ] {
            if value.trim().is_empty() {
                out.push(ApiError::invalid(field, format!("Enter {what}.")));
            }
        }
    }
}

/// A file attached to an order: its content travels separately, addressed by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub file_name: String,
    /// Such as `application/pdf`.
    pub content_type: String,
    pub size: u64,
    /// Lower-case hex of the content's SHA-256.
    pub sha256: String,
}

impl Attachment {
    pub fn check(&self) -> Result<(), ApiError> {
        if self.size == 0 || self.size > MAX_ATTACHMENT_BYTES {
            return Err(ApiError::invalid(
                "po_attachment",
                "Attach a purchase-order file of at most 10 MB.",
            ));
        }
        if self.sha256.len() != 64 || !self.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::invalid(
                "po_attachment",
                "The attachment's checksum is malformed.",
            ));
        }
        if self.file_name.trim().is_empty() || self.file_name.contains(['/', '\\']) {
            return Err(ApiError::invalid(
                "po_attachment",
                "The attachment needs a plain file name.",
            ));
        }
        Ok(())
    }
}

/// An order. `number`, `status` beyond the partner's submit, `status_reason`, `submitted_on`,
/// `provisioned_on` and `customer_id` are the server's to set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: OrderId,
    /// The vendor's reference, such as `SO-000042`; none until the server has seen the order.
    pub number: Option<String>,
    /// The accepted quote it orders.
    pub quote_id: QuoteId,
    pub company_name: String,
    pub sector: String,
    pub address: Address,
    /// The partner's purchase-order number.
    pub po_number: String,
    pub po_attachment: Option<Attachment>,
    /// The quote's figures, checked by the server against the quote.
    pub currency: Currency,
    pub total: Money,
    pub rrp_total: Money,
    pub cost_total: Money,
    pub owner_id: UserId,
    pub created_on: NaiveDate,
    pub status: OrderStatus,
    pub status_reason: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub provisioned_on: Option<NaiveDate>,
    /// The customer provisioning created (or the existing customer the quote was for).
    pub customer_id: Option<CustomerId>,
}

/// The order fields a partner's update may set, by their JSON names.
pub const ORDER_FIELDS: [&str; 6] = [
    "company_name",
    "sector",
    "address",
    "po_number",
    "po_attachment",
    "owner_id",
];

impl Order {
    /// The reference people use: `SO-000042`, or `New order` before the server numbered it.
    pub fn reference(&self) -> String {
        self.number.clone().unwrap_or_else(|| "New order".into())
    }

    /// What a saved draft must hold: a company name (the rest may wait for the customer).
    pub fn check_draft(&self) -> Result<(), Vec<ApiError>> {
        let mut errors = Vec::new();
        if self.company_name.trim().is_empty() {
            errors.push(ApiError::invalid("company_name", "Enter the company name."));
        }
        if let Some(a) = &self.po_attachment {
            if let Err(e) = a.check() {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// What a submitted order must hold: everything the vendor needs to provision it.
    pub fn check_submit(&self) -> Result<(), Vec<ApiError>> {
        let mut errors = self.check_draft().err().unwrap_or_default();
        if self.sector.trim().is_empty() {
            errors.push(ApiError::invalid("sector", "Choose the company's sector."));
        }
        self.address.errors(&mut errors);
        if self.po_number.trim().is_empty() {
            errors.push(ApiError::invalid(
                "po_number",
                "Enter your purchase-order number.",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The Start Order form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    pub company_name: String,
    pub sector: String,
    pub address: Address,
    pub po_number: String,
    pub po_attachment: Option<Attachment>,
}

impl OrderForm {
    pub fn from_order(o: &Order) -> Self {
        Self {
            company_name: o.company_name.clone(),
            sector: o.sector.clone(),
            address: o.address.clone(),
            po_number: o.po_number.clone(),
            po_attachment: o.po_attachment.clone(),
        }
    }

    /// The form's fields, trimmed, applied to `base`.
    pub fn apply(&self, mut base: Order) -> Order {
        let t = |s: &String| s.trim().to_owned();
        base.company_name = t(&self.company_name);
        base.sector = t(&self.sector);
        base.address = Address {
            line1: t(&self.address.line1),
            line2: t(&self.address.line2),
            city: t(&self.address.city),
            region: t(&self.address.region),
            postal_code: t(&self.address.postal_code),
            country: t(&self.address.country),
        };
        base.po_number = t(&self.po_number);
        base.po_attachment = self.po_attachment.clone();
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn order() -> Order {
        Order {
            id: OrderId::from_uuid(Uuid::from_u128(1)),
            number: None,
            quote_id: QuoteId::from_uuid(Uuid::from_u128(2)),
            company_name: "Contoso".into(),
            sector: String::new(),
            address: Address::default(),
            po_number: String::new(),
            po_attachment: None,
            currency: Currency::USD,
            total: Money::new(100, Currency::USD),
            rrp_total: Money::new(120, Currency::USD),
            cost_total: Money::new(90, Currency::USD),
            owner_id: UserId::from_uuid(Uuid::from_u128(3)),
            created_on: "2026-11-25".parse().unwrap(),
            status: OrderStatus::PendingCustomerApproval,
            status_reason: None,
            submitted_on: None,
            provisioned_on: None,
            customer_id: None,
        }
    }

    #[test]
    fn a_draft_needs_only_a_name_but_a_submission_needs_everything() {
        let o = order();
        assert!(o.check_draft().is_ok());
        let fields: Vec<_> = o
            .check_submit()
            .unwrap_err()
            .into_iter()
            .filter_map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "sector",
                "address.line1",
                "address.city",
                "address.postal_code",
                "address.country",
                "po_number"
            ]
        );
    }

    #[test]
    fn attachments_are_checked() {
        let mut o = order();
        o.po_attachment = Some(Attachment {
            file_name: "../po.pdf".into(),
            content_type: "application/pdf".into(),
            size: 10,
            sha256: "ab".repeat(32),
        });
        assert!(o.check_draft().is_err());
        o.po_attachment.as_mut().unwrap().file_name = "po.pdf".into();
        assert!(o.check_draft().is_ok());
    }
}
