//! A prospect: a company the partner is selling to, keyed by its email domain, and the rules that
//! make one valid.
//!
//! The UI checks a form with [`ProspectForm::parse`] as the user types, the client checks it again
//! before queuing the change, and the server checks every field it receives through
//! [`Prospect::check`], so a bad record can be born nowhere.

use crate::api::partner::Address;
use crate::domain::Domain;
use crate::email::Email;
use crate::error::ApiError;
use crate::ids::{ProspectId, UserId};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Where a prospect stands in the partner's pipeline.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum ProspectStatus {
        New = "new",
        Contacted = "contacted",
        Qualified = "qualified",
        Disqualified = "disqualified",
    }
}

impl ProspectStatus {
    pub fn label(self) -> &'static str {
        match self {
            ProspectStatus::New => "New",
            ProspectStatus::Contacted => "Contacted",
            ProspectStatus::Qualified => "Qualified",
            ProspectStatus::Disqualified => "Disqualified",
        }
    }
}

/// A person at the prospect. Every part may be blank except that a given email must be valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub job_title: String,
}

impl Contact {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim())
            .trim()
            .to_owned()
    }
}

/// A prospect as stored and synced. The top-level fields are the unit of merging: two people
/// editing different fields both keep their edits; editing the same field is a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Prospect {
    pub id: ProspectId,
    pub company_name: String,
    /// The company's email domain, unique among one partner firm's prospects.
    pub domain: Domain,
    pub sector: String,
    pub address: Address,
    pub mailboxes: u32,
    pub primary_contact: Contact,
    pub implementation_lead: Contact,
    pub infrastructure_notes: String,
    pub notes: String,
    /// The user who works this prospect; sales users see only their own.
    pub owner_id: UserId,
    pub status: ProspectStatus,
}

/// The prospect fields a mutation may set, by their JSON names.
pub const PROSPECT_FIELDS: [&str; 11] = [
    "company_name",
    "domain",
    "sector",
    "address",
    "mailboxes",
    "primary_contact",
    "implementation_lead",
    "infrastructure_notes",
    "notes",
    "owner_id",
    "status",
];

/// The most mailboxes a prospect may declare (a sanity bound, not a licence limit).
pub const MAX_MAILBOXES: u32 = 10_000_000;

/// The sectors offered in the form; any other text is accepted too.
pub const SECTORS: [&str; 10] = [
    "Education",
    "Finance",
    "Government",
    "Healthcare",
    "Hospitality",
    "Legal",
    "Manufacturing",
    "Non-profit",
    "Retail",
    "Technology",
];

impl Prospect {
    /// Every rule a stored prospect obeys, reported for the first field that breaks one.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.company_name.trim().is_empty() {
            return Err(ApiError::invalid(
                "company_name",
                "Enter the company's name.",
            ));
        }
        if self.company_name.chars().count() > 200 {
            return Err(ApiError::invalid(
                "company_name",
                "A company name can be at most 200 characters.",
            ));
        }
        if self.mailboxes > MAX_MAILBOXES {
            return Err(ApiError::invalid(
                "mailboxes",
                format!("The number of mailboxes can be at most {MAX_MAILBOXES}."),
            ));
        }
        check_contact("primary_contact", &self.primary_contact)?;
        check_contact("implementation_lead", &self.implementation_lead)?;
        Ok(())
    }

    /// Text the search box matches: company, domain and the contacts' names.
    pub fn search_text(&self) -> String {
        format!(
            "{} {} {} {}",
            self.company_name,
            self.domain,
            self.primary_contact.full_name(),
            self.implementation_lead.full_name()
        )
        .to_lowercase()
    }
}

fn check_contact(field: &str, contact: &Contact) -> Result<(), ApiError> {
    let email = contact.email.trim();
    if !email.is_empty() {
        Email::parse(email)
            .map_err(|e| ApiError::invalid(format!("{field}.email"), e.to_string()))?;
    }
    Ok(())
}

/// The prospect form as the user typed it: text everywhere, so nothing typed is ever lost to a
/// parse error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectForm {
    pub company_name: String,
    pub domain: String,
    pub sector: String,
    pub address: Address,
    pub mailboxes: String,
    pub primary_contact: Contact,
    pub implementation_lead: Contact,
    pub infrastructure_notes: String,
    pub notes: String,
    /// Empty means "me".
    pub owner_id: Option<UserId>,
    pub status: Option<ProspectStatus>,
}

impl ProspectForm {
    /// The form filled from a stored prospect, for editing.
    pub fn from_prospect(p: &Prospect) -> Self {
        Self {
            company_name: p.company_name.clone(),
            domain: p.domain.to_string(),
            sector: p.sector.clone(),
            address: p.address.clone(),
            mailboxes: p.mailboxes.to_string(),
            primary_contact: p.primary_contact.clone(),
            implementation_lead: p.implementation_lead.clone(),
            infrastructure_notes: p.infrastructure_notes.clone(),
            notes: p.notes.clone(),
            owner_id: Some(p.owner_id),
            status: Some(p.status),
        }
    }

    /// The prospect this form describes, or every field error at once (for the form to show).
    pub fn parse(&self, id: ProspectId, me: UserId) -> Result<Prospect, Vec<ApiError>> {
        let mut errors = Vec::new();
        let domain = match Domain::parse(&self.domain) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(ApiError::invalid("domain", e.to_string()));
                None
            }
        };
        let mailboxes = match self.mailboxes.trim().replace([',', ' '], "") {
            s if s.is_empty() => Some(0),
            s => match s.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(ApiError::invalid(
                        "mailboxes",
                        "Enter the number of mailboxes as a whole number, like 250.",
                    ));
                    None
                }
            },
        };
        let trimmed = |c: &Contact| Contact {
            first_name: c.first_name.trim().to_owned(),
            last_name: c.last_name.trim().to_owned(),
            email: c.email.trim().to_owned(),
            phone: c.phone.trim().to_owned(),
            job_title: c.job_title.trim().to_owned(),
        };
        let candidate = Prospect {
            id,
            company_name: self.company_name.trim().to_owned(),
            domain: domain
                .clone()
                .unwrap_or_else(|| Domain::parse("placeholder.invalid").expect("valid")),
            sector: self.sector.trim().to_owned(),
            address: self.address.clone(),
            mailboxes: mailboxes.unwrap_or(0),
            primary_contact: trimmed(&self.primary_contact),
            implementation_lead: trimmed(&self.implementation_lead),
            infrastructure_notes: self.infrastructure_notes.clone(),
            notes: self.notes.clone(),
            owner_id: self.owner_id.unwrap_or(me),
            status: self.status.unwrap_or(ProspectStatus::New),
        };
        // Field rules beyond parsing: collect each broken one, not just the first.
        if candidate.company_name.is_empty() {
            errors.push(ApiError::invalid(
                "company_name",
                "Enter the company's name.",
            ));
        }
        for (field, contact) in [
            ("primary_contact", &candidate.primary_contact),
            ("implementation_lead", &candidate.implementation_lead),
        ] {
            if let Err(e) = check_contact(field, contact) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            if let Err(e) = candidate.check() {
                errors.push(e);
            }
        }
        if errors.is_empty() && domain.is_some() && mailboxes.is_some() {
            Ok(candidate)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids() -> (ProspectId, UserId) {
        (
            ProspectId::from_uuid(Uuid::from_u128(1)),
            UserId::from_uuid(Uuid::from_u128(2)),
        )
    }

    fn form() -> ProspectForm {
        ProspectForm {
            company_name: " Contoso Ltd ".into(),
            domain: "https://www.Contoso.com/about".into(),
            mailboxes: "1,250".into(),
            primary_contact: Contact {
                first_name: "Ann".into(),
                email: "ann@contoso.com".into(),
                ..Contact::default()
            },
            ..ProspectForm::default()
        }
    }

    #[test]
    fn a_good_form_becomes_a_prospect_owned_by_me() {
        let (id, me) = ids();
        let p = form().parse(id, me).unwrap();
        assert_eq!(p.company_name, "Contoso Ltd");
        assert_eq!(p.domain.as_str(), "contoso.com");
        assert_eq!(p.mailboxes, 1250);
        assert_eq!(p.owner_id, me);
        assert_eq!(p.status, ProspectStatus::New);
        assert_eq!(ProspectForm::from_prospect(&p).parse(id, me).unwrap(), p);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let (id, me) = ids();
        let mut f = form();
        f.company_name = "  ".into();
        f.domain = "not a domain".into();
        f.mailboxes = "lots".into();
        f.implementation_lead.email = "bob@".into();
        let fields: Vec<_> = f
            .parse(id, me)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field.unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "domain",
                "mailboxes",
                "company_name",
                "implementation_lead.email"
            ]
        );
    }

    #[test]
    fn the_field_list_names_every_field_of_the_json() {
        let (id, me) = ids();
        let json = serde_json::to_value(form().parse(id, me).unwrap()).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.retain(|k| k != "id");
        keys.sort();
        let mut fields: Vec<_> = PROSPECT_FIELDS.iter().map(|s| s.to_string()).collect();
        fields.sort();
        assert_eq!(keys, fields);
    }
}
