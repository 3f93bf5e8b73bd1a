//! Marketing resources: the vendor's collateral (battle cards, data sheets, logo packs, customer
//! guides, campaign assets) as a partner receives it, and the rules every side applies to it — who
//! may see an item, when it counts as new, when it has expired, and how a file is named and typed.
//!
//! A [`Resource`]'s JSON is exactly the body of a `resource` change in a sync pull. Its files are
//! stored by the server under their SHA-256 ([`Sha256`]) and fetched, with HTTP range requests, from
//! [`file_path`]. A withdrawn item, or one whose audience no longer admits the viewer, arrives as a
//! tombstone. The [`library`] module holds what the app's pages ask for and get; [`publish`] the
//! vendor's side (publishing, new versions, withdrawal, usage counts).

pub mod library;
pub mod publish;

use crate::api::partner::Tier;
use crate::ids::ResourceId;
use crate::role::Role;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

crate::wire_enum! {
    /// Where an item is filed. What's New is not a category: it is the feed of the newest items
    /// of every category.
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Category {
        /// Battle cards, presentations, calculators: for the partner's own sales team.
        SalesTools = "sales_tools",
        /// The vendor's logos and brand guidelines, for co-branded material.
        BrandingLogos = "branding_logos",
        /// Guides and data sheets to hand to customers.
        CustomerTools = "customer_tools",
        /// Emails, landing pages and banners of the vendor's campaigns (the PIMS pages use them).
        CampaignAssets = "campaign_assets",
    }
}

impl Category {
    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Category::SalesTools => "Sales Tools",
            Category::BrandingLogos => "Branding & Logos",
            Category::CustomerTools => "Customer Tools",
            Category::CampaignAssets => "Campaign Assets",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

crate::wire_enum! {
    /// What kind of file an item's main file is, for the Type filter and its icon.
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum FileType {
        Pdf = "pdf",
        Image = "image",
        Archive = "archive",
        Spreadsheet = "spreadsheet",
        Presentation = "presentation",
        Document = "document",
        Video = "video",
        Other = "other",
    }
}

impl FileType {
    /// The type of a file with this media type (`application/pdf`, `image/png`, …).
    pub fn of(media_type: &str) -> FileType {
        let m = media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match m.as_str() {
            "application/pdf" => FileType::Pdf,
            "application/zip"
            | "application/x-zip-compressed"
            | "application/gzip"
            | "application/x-7z-compressed" => FileType::Archive,
            "text/csv"
            | "application/vnd.ms-excel"
            | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            | "application/vnd.oasis.opendocument.spreadsheet" => FileType::Spreadsheet,
            "application/vnd.ms-powerpoint"
            | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            | "application/vnd.oasis.opendocument.presentation" => FileType::Presentation,
            "application/msword"
            | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            | "application/vnd.oasis.opendocument.text"
            | "text/plain"
            | "text/markdown"
            | "application/rtf" => FileType::Document,
            _ if m.starts_with("image/") => FileType::Image,
            _ if m.starts_with("video/") => FileType::Video,
            _ => FileType::Other,
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Image => "Image",
            FileType::Archive => "ZIP archive",
            FileType::Spreadsheet => "Spreadsheet",
            FileType::Presentation => "Presentation",
            FileType::Document => "Document",
            FileType::Video => "Video",
            FileType::Other => "File",
        }
    }

    /// Whether the app shows it in its own window (images, and the first pages of a PDF).
    pub fn previews(self) -> bool {
        matches!(self, FileType::Pdf | FileType::Image)
    }
}

/// A file's SHA-256, as 64 lower-case hex digits: the name the server stores it under, and what
/// the app checks every downloaded byte against before the file is used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct Sha256(String);

impl Sha256 {
    /// The hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// From the 32 bytes of a digest.
    pub fn from_digest(bytes: &[u8; 32]) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(64);
        for b in bytes {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 0xf) as usize] as char);
        }
        Sha256(s)
    }
}

impl FromStr for Sha256 {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Sha256(t))
        } else {
            Err(format!("`{s}` is not a SHA-256 (64 hex digits)"))
        }
    }
}

impl TryFrom<String> for Sha256 {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Sha256> for String {
    fn from(h: Sha256) -> String {
        h.0
    }
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file of an item, as stored by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceFile {
    /// The name it is saved under (no folders): `Bastion-Battle-Card.pdf`.
    pub name: String,
    /// Such as `application/pdf`.
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    pub sha256: Sha256,
}

impl ResourceFile {
    pub fn file_type(&self) -> FileType {
        FileType::of(&self.media_type)
    }
}

/// Where a partner app fetches a file of an item it may see (GET, with `Range` for a resumed
/// download): `/api/v1/resources/{id}/files/{sha256}`. The thumbnail comes the same way.
pub fn file_path(id: ResourceId, sha256: &Sha256) -> String {
    format!("{}/resources/{id}/files/{sha256}", crate::api::API_PREFIX)
}

/// A product an item concerns, by the price book's SKU and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductTag {
    pub sku: String,
    pub name: String,
}

/// One published version of an item (the newest last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionNote {
    /// 1 for the first publication, one more for each replacement.
    pub version: u32,
    pub published_at: DateTime<Utc>,
    /// What changed, in the vendor's words (empty for the first).
    pub note: String,
}

/// Who sees an item: the roles and partner tiers it is meant for. An empty list admits everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Audience {
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub tiers: Vec<Tier>,
}

impl Audience {
    /// Everyone.
    pub fn everyone() -> Self {
        Self::default()
    }

    /// Whether a firm of this tier receives the item at all.
    pub fn admits_tier(&self, tier: Tier) -> bool {
        self.tiers.is_empty() || self.tiers.contains(&tier)
    }

    /// Whether a user with this role, in a firm of this tier, may see the item.
    pub fn admits(&self, role: Role, tier: Tier) -> bool {
        self.admits_tier(tier) && (self.roles.is_empty() || self.roles.contains(&role))
    }

    /// "Everyone", or who it is for: "Gold and Platinum firms; Sales and Marketing".
    pub fn describe(&self) -> String {
        let tiers = (!self.tiers.is_empty()).then(|| {
            let names: Vec<_> = self.tiers.iter().map(|t| t.label()).collect();
            format!("{} firms", crate::words::and_list(&names))
        });
        let roles = (!self.roles.is_empty()).then(|| {
            let names: Vec<_> = self.roles.iter().map(|r| r.label()).collect();
            crate::words::and_list(&names)
        });
        match (tiers, roles) {
            (None, None) => "Everyone".to_owned(),
            (Some(t), None) => t,
            (None, Some(r)) => r,
            (Some(t), Some(r)) => format!("{t}; {r}"),
        }
    }
}

/// A marketing resource as partners receive it: the body of a `resource` change. (Its audience
/// is the server's business: a partner only ever receives items meant for them.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resource {
    pub id: ResourceId,
    pub category: Category,
    pub title: String,
    /// One or two lines for lists.
    pub summary: String,
    /// The item's page: plain text, paragraphs separated by blank lines.
    pub description: String,
    pub products: Vec<ProductTag>,
    /// The files of the current version; the first is the main one (its type is the item's).
    pub files: Vec<ResourceFile>,
    /// A small PNG or JPEG picture of the item for lists.
    pub thumbnail: Option<ResourceFile>,
    /// The current version's number (see [`VersionNote`]).
    pub version: u32,
    /// Every version, oldest first; the last is the current one.
    pub versions: Vec<VersionNote>,
    /// When the item was first published (what "New" and What's New go by).
    pub published_at: DateTime<Utc>,
    /// When the vendor means to review it.
    pub review_on: Option<NaiveDate>,
    /// The last day it may be used and shared; afterwards it shows as expired.
    pub expires_on: Option<NaiveDate>,
}

impl Resource {
    /// The main file's type (Other when the item has none).
    pub fn file_type(&self) -> FileType {
        self.files
            .first()
            .map(ResourceFile::file_type)
            .unwrap_or(FileType::Other)
    }

    /// Every file's bytes together.
    pub fn size(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// When the current version was published.
    pub fn updated_at(&self) -> DateTime<Utc> {
        self.versions
            .last()
            .map(|v| v.published_at)
            .unwrap_or(self.published_at)
    }

    /// Past its expiry date on `today`.
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.expires_on.is_some_and(|last| today > last)
    }

    /// Whether it may still be handed to a customer: expired material is not.
    pub fn may_share(&self, today: NaiveDate) -> bool {
        !self.is_expired(today)
    }

    /// Whether it carries the "New" mark for someone who last looked at `last_looked` (never: all
    /// items are new).
    pub fn is_new(&self, last_looked: Option<DateTime<Utc>>) -> bool {
        last_looked.is_none_or(|seen| self.published_at > seen)
    }

    /// Whether it concerns any of these products (SKUs); an item tagged with no product concerns
    /// every product.
    pub fn concerns_any(&self, skus: &[String]) -> bool {
        self.products.is_empty() || self.products.iter().any(|p| skus.contains(&p.sku))
    }

    /// The file of this item with this hash, if it is one of the current version's or the
    /// thumbnail.
    pub fn file(&self, sha256: &Sha256) -> Option<&ResourceFile> {
        self.files
            .iter()
            .chain(self.thumbnail.as_ref())
            .find(|f| &f.sha256 == sha256)
    }
}

crate::wire_enum! {
    /// What a partner did with an item's file, counted for the vendor.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum UseKind {
        /// Saved where the user picked.
        Download = "download",
        /// Opened in the system's viewer.
        Open = "open",
        /// Handed to someone else (shared by email or link).
        Share = "share",
    }
}

impl UseKind {
    pub fn label(self) -> &'static str {
        match self {
            UseKind::Download => "Download",
            UseKind::Open => "Open",
            UseKind::Share => "Share",
        }
    }
}

/// One recorded use of an item's file: the body of a `resource_use` create pushed through the
/// sync engine (queued when offline). Its id is the mutation's record id, so a use sent twice is
/// counted once. The server keeps it for the vendor's counts and never sends it back in a pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResourceUse {
    pub resource_id: ResourceId,
    /// The item's version the file belonged to.
    pub version: u32,
    pub sha256: Sha256,
    pub kind: UseKind,
    /// When it happened on the user's machine.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests;
