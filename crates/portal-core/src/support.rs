//! Opening a support case: the form as typed and the new case it parses into, with its rules
//! (a customer, a subject of 5 to 200 characters, a priority, a description). The UI, the client
//! and the server parse with the same rules; the server then numbers the case and opens it.

use crate::customers::CasePriority;
use crate::ids::{CustomerId, SupportCaseId};
use crate::ApiError;
use serde::{Deserialize, Serialize};

/// The shortest subject a case may have, in characters.
pub const SUBJECT_MIN: usize = 5;
/// The longest subject a case may have, in characters.
pub const SUBJECT_MAX: usize = 200;

/// The fields a partner fills in, in the form's order (how Pending Changes lists them).
pub const SUPPORT_CASE_FIELDS: [&str; 4] = ["customer_id", "subject", "priority", "description"];

/// The "New case" form as typed: text fields, so that nothing the user typed is lost when a rule
/// refuses it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCaseForm {
    /// The customer's id, or empty when none is chosen.
    pub customer_id: String,
    pub subject: String,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: String,
    pub description: String,
}

/// A case a partner opens: what the Create mutation carries. It only exists when the rules hold
/// (its deserialization checks them too), so the server and the client never hold a bad one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "NewSupportCaseWire")]
pub struct NewSupportCase {
    pub id: SupportCaseId,
    pub customer_id: CustomerId,
    pub subject: String,
    pub priority: CasePriority,
    pub description: String,
}

/// The wire shape before the rules are checked.
#[derive(Deserialize)]
struct NewSupportCaseWire {
    id: SupportCaseId,
    customer_id: Option<CustomerId>,
    subject: String,
    priority: CasePriority,
    #[serde(default)]
    description: String,
}

impl TryFrom<NewSupportCaseWire> for NewSupportCase {
    type Error = String;

    fn try_from(w: NewSupportCaseWire) -> Result<Self, String> {
        let form = SupportCaseForm {
            customer_id: w.customer_id.map(|c| c.to_string()).unwrap_or_default(),
            subject: w.subject,
            priority: w.priority.as_str().to_owned(),
            description: w.description,
        };
        form.parse(w.id).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
}

/// The priority a form's text names, whatever its case and surrounding spaces.
fn parse_priority(s: &str) -> Option<CasePriority> {
    CasePriority::parse(&s.trim().to_ascii_lowercase())
}

impl SupportCaseForm {
    /// A form for `customer`, at normal priority.
    pub fn for_customer(customer: Option<CustomerId>) -> Self {
        Self {
            customer_id: customer.map(|c| c.to_string()).unwrap_or_default(),
            priority: "normal".into(),
            ..Self::default()
        }
    }

    /// The case this form opens as `id`, or every field that breaks a rule.
    pub fn parse(&self, id: SupportCaseId) -> Result<NewSupportCase, Vec<ApiError>> {
        let mut errors = Vec::new();
        let customer_id = match self.customer_id.trim() {
            "" => {
                errors.push(ApiError::invalid(
                    "customer_id",
                    "Choose the customer the case is for.",
                ));
                None
            }
            text => match text.parse::<CustomerId>() {
                Ok(c) => Some(c),
                Err(_) => {
                    errors.push(ApiError::invalid(
                        "customer_id",
                        "Choose the customer from the list.",
                    ));
                    None
                }
            },
        };
        let subject = self.subject.trim().to_owned();
        let length = subject.chars().count();
        if length < SUBJECT_MIN {
            errors.push(ApiError::invalid(
                "subject",
                format!("The subject needs at least {SUBJECT_MIN} characters."),
            ));
        } else if length > SUBJECT_MAX {
            errors.push(ApiError::invalid(
                "subject",
                format!("The subject can have at most {SUBJECT_MAX} characters; it has {length}."),
            ));
        }
        let priority = parse_priority(&self.priority);
        if priority.is_none() {
            errors.push(ApiError::invalid(
                "priority",
                "Choose a priority: low, normal, high or urgent.",
            ));
        }
        let description = self.description.trim().to_owned();
        if description.is_empty() {
            errors.push(ApiError::invalid(
                "description",
                "Describe the problem, so the support team can start on it.",
            ));
        }
        match (customer_id, priority) {
            (Some(customer_id), Some(priority)) if errors.is_empty() => Ok(NewSupportCase {
                id,
                customer_id,
                subject,
                priority,
                description,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use uuid::Uuid;

    fn form() -> SupportCaseForm {
        SupportCaseForm {
            customer_id: Uuid::from_u128(7).to_string(),
            subject: "  Licence key rejected ".into(),
            priority: "High".into(),
            description: "The key from order 12 is refused.".into(),
        }
    }

    #[test]
    fn a_complete_form_parses_trimmed() {
        let case = form().parse(SupportCaseId(Uuid::from_u128(1))).unwrap();
        assert_eq!(case.subject, "Licence key rejected");
        assert_eq!(case.priority, CasePriority::High);
        assert_eq!(case.customer_id, CustomerId(Uuid::from_u128(7)));
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        let bad = SupportCaseForm {
            customer_id: String::new(),
            subject: "abcd".into(),
            priority: "whenever".into(),
            description: "  ".into(),
        };
        let errors = bad.parse(SupportCaseId(Uuid::from_u128(1))).unwrap_err();
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.clone()).collect();
        assert_eq!(
            fields,
            ["customer_id", "subject", "priority", "description"]
        );
        let long = SupportCaseForm {
            subject: "x".repeat(SUBJECT_MAX + 1),
            ..form()
        };
        assert!(long.parse(SupportCaseId(Uuid::from_u128(1))).is_err());
        let just = SupportCaseForm {
            subject: "x".repeat(SUBJECT_MAX),
            ..form()
        };
        assert!(just.parse(SupportCaseId(Uuid::from_u128(1))).is_ok());
    }

    #[test]
    fn the_wire_form_is_checked_when_read() {
        let case = form().parse(SupportCaseId(Uuid::from_u128(1))).unwrap();
        let wire = serde_json::to_value(&case).unwrap();
        assert_eq!(wire["priority"], json!("high"));
        assert_eq!(
            serde_json::from_value::<NewSupportCase>(wire).unwrap(),
            case
        );
        let short = json!({"id": Uuid::from_u128(1), "customer_id": Uuid::from_u128(7),
                           "subject": "hi", "priority": "low", "description": "d"});
        let err = serde_json::from_value::<NewSupportCase>(short).unwrap_err();
        assert!(err.to_string().contains("at least 5"), "{err}");
    }
}
