//! The vendor's side of the library: publishing an item, replacing its files (a new version),
//! withdrawing it, and counting what partners do with it — the bodies of the server's vendor API and
//! of `portal-server resources`, and the rules their input must meet.
//!
//! The vendor API (channel staff sign in at `POST /api/v1/vendor/auth/login`):
//!
//! | call | does |
//! | --- | --- |
//! | `POST /api/v1/vendor/files?name=…` (raw bytes, `Content-Type`) | stores a file by its SHA-256; answers its [`super::ResourceFile`] |
//! | `GET /api/v1/vendor/resources` | every item, withdrawn ones too ([`VendorResource`]) |
//! | `POST /api/v1/vendor/resources` ([`NewResource`]) | publishes version 1 |
//! | `GET /api/v1/vendor/resources/{id}` | one item |
//! | `POST /api/v1/vendor/resources/{id}/versions` ([`Replacement`]) | publishes the next version |
//! | `POST /api/v1/vendor/resources/{id}/withdraw` | withdraws it: it leaves every app at its next sync |
//! | `GET /api/v1/vendor/resources/usage?by=item\|firm\|month&from=&to=` | [`UsageRow`]s |

use super::{Audience, Category, Resource, Sha256};
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The longest title.
pub const MAX_TITLE: usize = 160;
/// The longest summary.
pub const MAX_SUMMARY: usize = 400;
/// The longest description.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The most files one item holds.
pub const MAX_FILES: usize = 20;
/// The largest file the server accepts, in bytes (512 MiB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A new item, as the vendor publishes it. Its files were uploaded first (`POST
/// /api/v1/vendor/files`) and are named here by their hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewResource {
    pub category: Category,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub description: String,
    /// SKUs of the price book's products it concerns; none: every product.
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub audience: Audience,
    /// The main file first.
    pub files: Vec<Sha256>,
    #[serde(default)]
    pub thumbnail: Option<Sha256>,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

/// The next version of an item: new files, with what changed; any other field given replaces
/// the item's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Replacement {
    /// The main file first.
    pub files: Vec<Sha256>,
    /// What changed, for the item's version list.
    pub note: String,
    #[serde(default)]
    pub thumbnail: Option<Sha256>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub products: Option<Vec<String>>,
    #[serde(default)]
    pub audience: Option<Audience>,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

crate::wire_enum! {
    /// Where an item stands for the vendor.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum ResourceStatus {
        Published = "published",
        /// No partner receives it any more; its use counts stay.
        Withdrawn = "withdrawn",
    }
}

/// An item as the vendor's API shows it: what partners receive, who receives it, and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VendorResource {
    pub resource: Resource,
    pub audience: Audience,
    pub status: ResourceStatus,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

crate::wire_enum! {
    /// How the usage counts are grouped.
    #[derive(Default)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum UsageGrouping {
        #[default]
        Item = "item",
        Firm = "firm",
        /// Calendar months (UTC) of when the use happened.
        Month = "month",
    }
}

/// The usage query: grouped by item, firm or month, optionally between two days (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct UsageQuery {
    #[serde(default)]
    pub by: UsageGrouping,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// One group's counts; the key that grouped it is filled, the others are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageRow {
    pub resource_id: Option<crate::ids::ResourceId>,
    pub title: Option<String>,
    pub partner_id: Option<crate::ids::PartnerId>,
    pub firm: Option<String>,
    /// `2026-11`.
    pub month: Option<String>,
    pub downloads: u64,
    pub opens: u64,
    pub shares: u64,
}

fn text(field: &str, label: &str, value: &str, max: usize, required: bool) -> Result<(), ApiError> {
    let len = value.trim().chars().count();
    if required && len == 0 {
        return Err(ApiError::invalid(field, format!("{label} is required.")));
    }
    if len > max {
        return Err(ApiError::invalid(
            field,
            format!("{label} is {len} characters long; at most {max} are allowed."),
        ));
    }
    Ok(())
}

fn files(files: &[Sha256]) -> Result<(), ApiError> {
    if files.is_empty() {
        return Err(ApiError::invalid(
            "files",
            "An item needs at least one file.",
        ));
    }
    if files.len() > MAX_FILES {
        return Err(ApiError::invalid(
            "files",
            format!("An item holds at most {MAX_FILES} files."),
        ));
    }
    for (i, f) in files.iter().enumerate() {
        if files[..i].contains(f) {
            return Err(ApiError::invalid(
                "files",
                format!("The file {f} is listed twice."),
            ));
        }
    }
    Ok(())
}

fn dates(review_on: Option<NaiveDate>, expires_on: Option<NaiveDate>) -> Result<(), ApiError> {
    if let (Some(review), Some(expiry)) = (review_on, expires_on) {
        if review > expiry {
            return Err(ApiError::invalid(
                "review_on",
                "The review date must not be after the expiry date.",
            ));
        }
    }
    Ok(())
}

impl NewResource {
    /// Refuses input that breaks a rule, naming the field. (Whether the files and products exist
    /// is the server's to check.)
    pub fn validate(&self) -> Result<(), ApiError> {
        text("title", "The title", &self.title, MAX_TITLE, true)?;
        text("summary", "The summary", &self.summary, MAX_SUMMARY, true)?;
        text(
            "description",
            "The description",
            &self.description,
            MAX_DESCRIPTION,
            false,
        )?;
        files(&self.files)?;
        dates(self.review_on, self.expires_on)
    }
}

impl Replacement {
    /// Refuses input that breaks a rule, naming the field.
    pub fn validate(&self) -> Result<(), ApiError> {
        files(&self.files)?;
        text("note", "What changed", &self.note, MAX_SUMMARY, true)?;
        if let Some(t) = &self.title {
            text("title", "The title", t, MAX_TITLE, true)?;
        }
        if let Some(s) = &self.summary {
            text("summary", "The summary", s, MAX_SUMMARY, true)?;
        }
        if let Some(d) = &self.description {
            text("description", "The description", d, MAX_DESCRIPTION, false)?;
        }
        dates(self.review_on, self.expires_on)
    }
}

/// A file name as it may be stored and saved: no folders, no control characters, not empty, at
/// most 200 characters. Answers the name trimmed.
pub fn file_name(name: &str) -> Result<String, ApiError> {
    let n = name.trim();
    if n.is_empty() {
        return Err(ApiError::invalid("name", "The file needs a name."));
    }
    if n.chars().count() > 200 {
        return Err(ApiError::invalid(
            "name",
            "A file name may be at most 200 characters long.",
        ));
    }
    if n == "." || n == ".." || n.chars().any(|c| c == '/' || c == '\\' || c.is_control()) {
        return Err(ApiError::invalid(
            "name",
            format!("`{n}` is not a file name: it may not hold folders or control characters."),
        ));
    }
    Ok(n.to_owned())
}
