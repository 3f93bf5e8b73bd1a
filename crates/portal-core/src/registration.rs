//! A deal registration as stored and synced: the prospect it claims, what is being sold, and where
//! the vendor's decision stands. The life cycle itself (which status may follow which) is in
//! [`crate::deal`].

use crate::deal::DealStatus;
use crate::error::ApiError;
use crate::ids::{DealId, ProspectId, UserId};
use crate::money::{Currency, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A deal registration. `number`, `status`, `status_reason`, `submitted_on`, `decided_on` and
/// `expires_on` are the server's to set; a partner changes the status only through a
/// [`crate::deal::DealAction`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deal {
    pub id: DealId,
    /// The vendor's reference, such as `DR-000042`; none until the server has seen the deal.
    pub number: Option<String>,
    pub prospect_id: ProspectId,
    /// The products of interest, by name as the price book lists them.
    pub products: Vec<String>,
    pub estimated_value: Money,
    pub expected_close: NaiveDate,
    pub notes: String,
    pub owner_id: UserId,
    pub status: DealStatus,
    /// Why the vendor rejected it (for example a channel conflict), when it did.
    pub status_reason: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

/// The deal fields a partner's update mutation may set, by their JSON names.
pub const DEAL_FIELDS: [&str; 6] = [
    "prospect_id",
    "products",
    "estimated_value",
    "expected_close",
    "notes",
    "owner_id",
];

impl Deal {
    /// Every rule the partner-set fields obey, reported for the first field that breaks one.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.products.iter().all(|p| p.trim().is_empty()) {
            return Err(ApiError::invalid(
                "products",
                "Choose at least one product of interest.",
            ));
        }
        if self.estimated_value.minor <= 0 {
            return Err(ApiError::invalid(
                "estimated_value",
                "Enter the deal's estimated value, more than zero.",
            ));
        }
        Ok(())
    }

    /// Fields only the server may change; an update mutation naming one is refused.
    pub fn is_partner_field(field: &str) -> bool {
        DEAL_FIELDS.contains(&field)
    }
}

/// The deal form as the user typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealForm {
    pub prospect_id: Option<ProspectId>,
    pub products: Vec<String>,
    /// Text such as `12,500` or `12500.50`.
    pub estimated_value: String,
    pub currency: Option<Currency>,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub expected_close: String,
    pub notes: String,
    pub owner_id: Option<UserId>,
}

impl DealForm {
    pub fn from_deal(d: &Deal) -> Self {
        Self {
            prospect_id: Some(d.prospect_id),
            products: d.products.clone(),
            estimated_value: format!(
                "{}.{:02}",
                d.estimated_value.minor / 100,
                d.estimated_value.minor % 100
            ),
            currency: Some(d.estimated_value.currency),
            expected_close: d.expected_close.to_string(),
            notes: d.notes.clone(),
            owner_id: Some(d.owner_id),
        }
    }

    /// A new draft deal from this form, or every field error at once. `today` bounds the close
    /// date: a deal expected to close in the past cannot be registered.
    pub fn parse(&self, id: DealId, me: UserId, today: NaiveDate) -> Result<Deal, Vec<ApiError>> {
        let mut errors = Vec::new();
        let prospect_id = self.prospect_id.or_else(|| {
            errors.push(ApiError::invalid(
                "prospect_id",
                "Choose the prospect this deal is for.",
            ));
            None
        });
        let products: Vec<String> = self
            .products
            .iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if products.is_empty() {
            errors.push(ApiError::invalid(
                "products",
                "Choose at least one product of interest.",
            ));
        }
        let value = match parse_amount(&self.estimated_value) {
            Some(minor) if minor > 0 => Some(minor),
            _ => {
                errors.push(ApiError::invalid(
                    "estimated_value",
                    "Enter the estimated value as an amount, like 12,500.",
                ));
                None
            }
        };
        let close = match NaiveDate::parse_from_str(self.expected_close.trim(), "%Y-%m-%d") {
            Ok(d) if d < today => {
                errors.push(ApiError::invalid(
                    "expected_close",
                    "The expected close date cannot be in the past.",
                ));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(ApiError::invalid(
                    "expected_close",
                    "Enter the expected close date.",
                ));
                None
            }
        };
        match (prospect_id, value, close) {
            (Some(prospect_id), Some(minor), Some(expected_close)) if errors.is_empty() => {
                Ok(Deal {
                    id,
                    number: None,
                    prospect_id,
                    products,
                    estimated_value: Money {
                        minor,
                        currency: self.currency.unwrap_or(Currency::USD),
                    },
                    expected_close,
                    notes: self.notes.clone(),
                    owner_id: self.owner_id.unwrap_or(me),
                    status: DealStatus::Draft,
                    status_reason: None,
                    submitted_on: None,
                    decided_on: None,
                    expires_on: None,
                })
            }
            _ => Err(errors),
        }
    }
}

/// `12,500.5` → 1250050 minor units; `None` when it is not an amount with at most two decimals.
pub fn parse_amount(text: &str) -> Option<i64> {
    let s: String = text
        .trim()
        .trim_start_matches(['$', '€', '£'])
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn amounts_parse_to_minor_units() {
        assert_eq!(parse_amount("12,500"), Some(1_250_000));
        assert_eq!(parse_amount("$12500.5"), Some(1_250_050));
        assert_eq!(parse_amount("0.07"), Some(7));
        assert_eq!(parse_amount("12.345"), None);
        assert_eq!(parse_amount("ten"), None);
        assert_eq!(parse_amount(""), None);
    }

    #[test]
    fn a_form_becomes_a_draft_or_lists_every_problem() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let me = UserId::from_uuid(Uuid::from_u128(9));
        let id = DealId::from_uuid(Uuid::from_u128(1));
        let form = DealForm {
            prospect_id: Some(ProspectId::from_uuid(Uuid::from_u128(2))),
            products: vec!["Email Security".into(), " ".into()],
            estimated_value: "24,000".into(),
            expected_close: "2027-01-31".into(),
            ..DealForm::default()
        };
        let deal = form.parse(id, me, today).unwrap();
        assert_eq!(deal.status, DealStatus::Draft);
        assert_eq!(deal.products, ["Email Security"]);
        assert_eq!(deal.estimated_value.minor, 2_400_000);
        assert!(deal.check().is_ok());
        assert_eq!(DealForm::from_deal(&deal).parse(id, me, today), Ok(deal));

        let bad = DealForm {
            expected_close: "2026-01-01".into(),
            ..DealForm::default()
        };
        let fields: Vec<_> = bad
            .parse(id, me, today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field.unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "prospect_id",
                "products",
                "estimated_value",
                "expected_close"
            ]
        );
    }
}
