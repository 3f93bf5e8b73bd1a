//! A lead: a person who asked to be contacted, from a firm's landing page or distributed by the
//! vendor; the public form that creates one; and its life cycle — Pending, then Accepted (into a
//! prospect), Declined (with a reason), Expired (not accepted in time: it goes back to the vendor)
//! or Withdrawn (the vendor took it back).
//!
//! The body of a `lead` change is [`Lead`]. A partner decides with a `lead_decision` create
//! ([`LeadDecision`], queued offline like any change); the server applies it only while the lead
//! is still pending and unexpired by its own clock, and otherwise refuses it with words that say
//! what happened — the server's answer wins.

use crate::api::partner::Address;
use crate::domain::Domain;
use crate::email::Email;
use crate::error::ApiError;
use crate::ids::{CampaignId, LeadId, ProspectId, UserId};
use crate::pims::profile::check_phone;
use crate::prospect::{Contact, Prospect, ProspectStatus, MAX_MAILBOXES};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long a firm has to accept a lead when the server is not configured otherwise.
pub const DEFAULT_WINDOW_DAYS: i64 = 7;

/// The most bytes a landing page's form post may have; a larger body is refused unread.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// The most form posts one address may make to landing pages in [`RATE_WINDOW_MINUTES`].
pub const RATE_LIMIT: u32 = 5;
pub const RATE_WINDOW_MINUTES: i64 = 10;

crate::wire_enum! {
    /// Where a lead stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum LeadState {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        /// Not accepted within the window: returned to the vendor.
        Expired = "expired",
        /// Taken back by the vendor.
        Withdrawn = "withdrawn",
    }
}

impl LeadState {
    pub fn label(self) -> &'static str {
        match self {
            LeadState::Pending => "Pending",
            LeadState::Accepted => "Accepted",
            LeadState::Declined => "Declined",
            LeadState::Expired => "Expired",
            LeadState::Withdrawn => "Withdrawn",
        }
    }
}

crate::wire_enum! {
    /// Where a lead came from.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum LeadSource {
        /// The lead form of one of the firm's landing pages.
        LandingPage = "landing_page",
        /// Distributed by the vendor's channel team.
        Vendor = "vendor",
    }
}

impl LeadSource {
    pub fn label(self) -> &'static str {
        match self {
            LeadSource::LandingPage => "Landing page",
            LeadSource::Vendor => "From the vendor",
        }
    }
}

crate::wire_enum! {
    /// Why a firm declined a lead.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum DeclineReason {
        NotAFit = "not_a_fit",
        OutsideTerritory = "outside_territory",
        AlreadyCustomer = "already_customer",
        Duplicate = "duplicate",
        NoCapacity = "no_capacity",
        Spam = "spam",
        /// Needs a note saying why.
        Other = "other",
    }
}

impl DeclineReason {
    pub fn label(self) -> &'static str {
        match self {
            DeclineReason::NotAFit => "Not a fit for us",
            DeclineReason::OutsideTerritory => "Outside our territory",
            DeclineReason::AlreadyCustomer => "Already our customer",
            DeclineReason::Duplicate => "Duplicate of a lead or prospect we have",
            DeclineReason::NoCapacity => "We can't take it on now",
            DeclineReason::Spam => "Spam or not a real enquiry",
            DeclineReason::Other => "Other (say why)",
        }
    }
}

/// A lead: the body of a `lead` change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lead {
    pub id: LeadId,
    pub source: LeadSource,
    /// The landing page's campaign (None for a vendor lead).
    pub campaign_id: Option<CampaignId>,
    /// The campaign's or the vendor's name for where it came from.
    pub origin: String,
    pub name: String,
    pub company: String,
    pub email: Email,
    pub phone: String,
    pub mailboxes: Option<u32>,
    pub message: String,
    /// When the visitor ticked the consent box (vendor leads carry the vendor's consent time).
    pub consent_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    /// The end of the window to accept it.
    pub expires_at: DateTime<Utc>,
    pub state: LeadState,
    /// Set when accepted or declined.
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Accepted: who works the prospect, the next step, and the prospect made from it.
    pub owner_id: Option<UserId>,
    pub next_step: String,
    pub prospect_id: Option<ProspectId>,
    /// Declined: why.
    pub decline_reason: Option<DeclineReason>,
    pub decline_note: String,
}

impl Lead {
    /// Whether it may still be accepted or declined at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.state == LeadState::Pending && now < self.expires_at
    }

    /// The state it has at `now`: a pending lead past its window is expired, whatever the last
    /// sync said.
    pub fn state_at(&self, now: DateTime<Utc>) -> LeadState {
        if self.state == LeadState::Pending && now >= self.expires_at {
            LeadState::Expired
        } else {
            self.state
        }
    }

    /// The countdown shown on a pending lead: "6 days 4 hours left", "3 hours left", "Expires
    /// in under an hour", or None when it is no longer open.
    pub fn countdown(&self, now: DateTime<Utc>) -> Option<String> {
        if !self.is_open(now) {
            return None;
        }
        let left = self.expires_at - now;
        let days = left.num_days();
        let hours = (left - Duration::days(days)).num_hours();
        Some(match (days, hours) {
            (0, 0) => "Expires in under an hour".to_owned(),
            (0, h) => format!("{} left", crate::words::plural(h as u64, "hour", "hours")),
            (d, 0) => format!("{} left", crate::words::plural(d as u64, "day", "days")),
            (d, h) => format!(
                "{} {} left",
                crate::words::plural(d as u64, "day", "days"),
                crate::words::plural(h as u64, "hour", "hours")
            ),
        })
    }

    /// The domain its prospect would have: the email's.
    pub fn domain(&self) -> Result<Domain, ApiError> {
        Domain::parse(self.email.domain()).map_err(|e| ApiError::invalid("email", e.to_string()))
    }

    /// The prospect an accepted lead becomes: the company, its domain, the person as primary
    /// contact, the mailboxes, and the lead's story and next step in the notes.
    pub fn prospect(
        &self,
        id: ProspectId,
        owner: UserId,
        next_step: &str,
    ) -> Result<Prospect, ApiError> {
        let (first, last) = match self.name.trim().rsplit_once(' ') {
            Some((f, l)) => (f.trim().to_owned(), l.trim().to_owned()),
            None => (self.name.trim().to_owned(), String::new()),
        };
        let mut notes = format!(
            "Lead from {} ({}), received {}.",
            self.origin,
            self.source.label().to_lowercase(),
            self.received_at.format("%-d %B %Y")
        );
        if !self.message.trim().is_empty() {
            notes.push_str(&format!("\n\nTheir message: {}", self.message.trim()));
        }
        if !next_step.trim().is_empty() {
            notes.push_str(&format!("\n\nNext step: {}", next_step.trim()));
        }
        let company = if self.company.trim().is_empty() {
            self.email.domain().to_owned()
        } else {
            self.company.trim().to_owned()
        };
        let prospect = Prospect {
            id,
            company_name: company,
            domain: self.domain()?,
            sector: String::new(),
            address: Address::default(),
            mailboxes: self.mailboxes.unwrap_or(0),
            primary_contact: Contact {
                first_name: first,
                last_name: last,
                email: self.email.to_string(),
                phone: self.phone.trim().to_owned(),
                job_title: String::new(),
            },
            implementation_lead: Contact::default(),
            infrastructure_notes: String::new(),
            notes,
            owner_id: owner,
            status: ProspectStatus::New,
        };
        prospect.check()?;
        Ok(prospect)
    }
}

/// A partner's decision on a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Decision {
    /// Make it a prospect with this id (born on the client, so the app can show it at once),
    /// worked by `owner_id`, with the next step written in its notes.
    Accept {
        prospect_id: ProspectId,
        owner_id: UserId,
        next_step: String,
    },
    Decline {
        reason: DeclineReason,
        /// Required when the reason is Other.
        note: String,
    },
}

/// The body of a `lead_decision` create: one decision, pushed once (its id is the record id of
/// the mutation), never pulled back — the lead's new state comes back in the `lead` change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadDecision {
    pub lead_id: LeadId,
    #[serde(flatten)]
    pub decision: Decision,
    /// When the user decided, on their machine.
    pub at: DateTime<Utc>,
}

/// The longest a next step or a decline note may be.
pub const MAX_NOTE: usize = 500;

impl LeadDecision {
    /// The decision's own rules (the lead's state is checked where the lead is).
    pub fn check(&self) -> Result<(), ApiError> {
        match &self.decision {
            Decision::Accept { next_step, .. } => {
                if next_step.trim().is_empty() {
                    return Err(ApiError::invalid(
                        "next_step",
                        "Say what happens next, like “Call on Tuesday to book a demo”.",
                    ));
                }
                if next_step.chars().count() > MAX_NOTE {
                    return Err(ApiError::invalid(
                        "next_step",
                        format!("The next step can be at most {MAX_NOTE} characters."),
                    ));
                }
            }
            Decision::Decline { reason, note } => {
                if *reason == DeclineReason::Other && note.trim().is_empty() {
                    return Err(ApiError::invalid(
                        "note",
                        "Say why you are declining this lead.",
                    ));
                }
                if note.chars().count() > MAX_NOTE {
                    return Err(ApiError::invalid(
                        "note",
                        format!("The note can be at most {MAX_NOTE} characters."),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Why a decision on `lead` cannot be applied at `now`, in words for Pending Changes, or None.
pub fn decision_refusal(lead: &Lead, now: DateTime<Utc>) -> Option<ApiError> {
    let when = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.format(" on %-d %B %Y").to_string())
            .unwrap_or_default()
    };
    match lead.state_at(now) {
        LeadState::Pending => None,
        LeadState::Expired => Some(ApiError::new(
            crate::ErrorKind::Conflict,
            format!(
                "The lead from {} expired{} before your decision reached the server, and went back \
                 to the vendor.",
                lead.name,
                when(Some(lead.expires_at))
            ),
        )),
        LeadState::Withdrawn => Some(ApiError::new(
            crate::ErrorKind::Conflict,
            format!(
                "The vendor withdrew the lead from {}{} before your decision reached the server.",
                lead.name,
                when(lead.decided_at)
            ),
        )),
        LeadState::Accepted | LeadState::Declined => Some(ApiError::new(
            crate::ErrorKind::Conflict,
            format!(
                "Someone else already {} the lead from {}{}.",
                lead.state.label().to_lowercase(),
                lead.name,
                when(lead.decided_at)
            ),
        )),
    }
}

// ---------- The public form ----------

/// The landing page's lead form as posted (`application/x-www-form-urlencoded`): text everywhere,
/// so what the visitor typed is shown back with the errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub mailboxes: String,
    #[serde(default)]
    pub message: String,
    /// The checkbox: present ("yes") when ticked.
    #[serde(default, deserialize_with = "checkbox")]
    pub consent: bool,
    /// The honeypot: people leave it empty.
    #[serde(default)]
    pub website: String,
}

fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let v = Option::<String>::deserialize(d)?;
    Ok(v.is_some_and(|s| !s.is_empty() && s != "false" && s != "0"))
}

/// Error messages by form field name.
pub type FieldErrors = BTreeMap<String, String>;

/// A valid lead form's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLead {
    pub name: String,
    pub company: String,
    pub email: Email,
    pub phone: String,
    pub mailboxes: Option<u32>,
    pub message: String,
}

/// What a form post is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormVerdict {
    /// A person's valid enquiry.
    Lead(NewLead),
    /// The honeypot was filled in: answer as if accepted, keep nothing.
    Bot,
    /// Every field's error at once.
    Invalid(FieldErrors),
}

impl LeadForm {
    /// Checks the form the way the server does (and nothing else needs to: it is public).
    pub fn verdict(&self) -> FormVerdict {
        if !self.website.trim().is_empty() {
            return FormVerdict::Bot;
        }
        let mut errors = FieldErrors::new();
        let mut err = |f: &str, m: &str| {
            errors.insert(f.to_owned(), m.to_owned());
        };
        let printable = |s: &str| {
            !s.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        };
        let name = self.name.trim();
        if name.is_empty() {
            err("name", "Enter your name.");
        } else if name.chars().count() > 100 {
            err("name", "Your name can be at most 100 characters.");
        } else if !printable(name) {
            err(
                "name",
                "Your name contains characters that cannot be printed.",
            );
        }
        let company = self.company.trim();
        if company.is_empty() {
            err("company", "Enter your company's name.");
        } else if company.chars().count() > 200 {
            err("company", "A company name can be at most 200 characters.");
        } else if !printable(company) {
            err(
                "company",
                "The company name contains characters that cannot be printed.",
            );
        }
        let email = match Email::parse(&self.email) {
            Ok(e) => match Domain::parse(e.domain()) {
                Ok(_) => Some(e),
                Err(d) => {
                    err("email", &d.to_string());
                    None
                }
            },
            Err(e) => {
                err("email", &e.to_string());
                None
            }
        };
        let phone = self.phone.trim();
        if !phone.is_empty() {
            if let Err(m) = check_phone(phone) {
                err("phone", &m);
            }
        }
        let mailboxes = self.mailboxes.trim().replace([',', ' ', '.'], "");
        let mailboxes = if mailboxes.is_empty() {
            None
        } else {
            match mailboxes.parse::<u32>() {
                Ok(n) if (1..=MAX_MAILBOXES).contains(&n) => Some(n),
                _ => {
                    err(
                        "mailboxes",
                        "Enter the number of mailboxes as a whole number, like 250, or leave it empty.",
                    );
                    None
                }
            }
        };
        let message = self.message.trim();
        if message.chars().count() > 2000 {
            err("message", "Your message can be at most 2,000 characters.");
        } else if !printable(message) {
            err(
                "message",
                "Your message contains characters that cannot be printed.",
            );
        }
        if !self.consent {
            err(
                "consent",
                "Tick the box to agree to be contacted; we can't take your details without it.",
            );
        }
        match email {
            Some(email) if errors.is_empty() => FormVerdict::Lead(NewLead {
                name: name.to_owned(),
                company: company.to_owned(),
                email,
                phone: phone.to_owned(),
                mailboxes,
                message: message.to_owned(),
            }),
            _ => FormVerdict::Invalid(errors),
        }
    }
}
