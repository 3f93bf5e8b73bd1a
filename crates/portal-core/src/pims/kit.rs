//! A campaign kit: what the vendor publishes for partners to co-brand and run — its dates, its
//! email and landing-page templates, and its co-branded assets (a background picture from a
//! `campaign_assets` resource, with a zone where the firm's logo goes and one for its contact
//! lines).
//!
//! The body of a `campaign_kit` change is [`CampaignKit`]. A kit whose audience no longer admits
//! the firm, or that the vendor withdrew, arrives as a tombstone.

use crate::ids::{CampaignKitId, ResourceId};
use crate::pims::template::{Block, EmailTemplate, LandingTemplate};
use crate::resources::{Audience, ProductTag, Sha256};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Where a kit stands on a day, by its dates.
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum KitPhase {
        /// Running: campaigns may be launched.
        Active = "active",
        /// Not started: drafts may be prepared, not launched.
        Upcoming = "upcoming",
        /// Over: campaigns from it are ended and their pages take no leads.
        Ended = "ended",
    }
}

impl KitPhase {
    pub fn label(self) -> &'static str {
        match self {
            KitPhase::Active => "Active",
            KitPhase::Upcoming => "Upcoming",
            KitPhase::Ended => "Ended",
        }
    }
}

/// A rectangle on an asset, in thousandths of its width and height from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Zone {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Zone {
    /// Inside the asset and not empty.
    pub fn is_valid(&self) -> bool {
        self.width > 0
            && self.height > 0
            && u32::from(self.x) + u32::from(self.width) <= 1000
            && u32::from(self.y) + u32::from(self.height) <= 1000
    }

    /// The zone in pixels of a picture `w` × `h`: (x, y, width, height).
    pub fn pixels(&self, w: u32, h: u32) -> (u32, u32, u32, u32) {
        let f = |v: u16, total: u32| (u64::from(v) * u64::from(total) / 1000) as u32;
        (
            f(self.x, w),
            f(self.y, h),
            f(self.width, w),
            f(self.height, h),
        )
    }

    /// The largest size of a `lw` × `lh` logo that fits a `zw` × `zh` box, keeping its shape.
    pub fn fit(lw: u32, lh: u32, zw: u32, zh: u32) -> (u32, u32) {
        if lw == 0 || lh == 0 {
            return (0, 0);
        }
        let scale = (f64::from(zw) / f64::from(lw)).min(f64::from(zh) / f64::from(lh));
        (
            (f64::from(lw) * scale).floor() as u32,
            (f64::from(lh) * scale).floor() as u32,
        )
    }
}

crate::wire_enum! {
    /// What a co-branded asset is saved as.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum AssetOutput {
        /// A one-page PDF (flyers, posters).
        Pdf = "pdf",
        /// A picture (web banners, social posts).
        Png = "png",
    }
}

/// One co-branded asset of a kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KitAsset {
    /// "Event flyer (A4)".
    pub title: String,
    /// The `campaign_assets` resource whose file is the background.
    pub resource_id: ResourceId,
    /// The background file (a PNG) of that resource.
    pub background: Sha256,
    /// Its size in pixels.
    pub width: u32,
    pub height: u32,
    pub output: AssetOutput,
    /// Where the firm's logo is drawn (fitted, centred).
    pub logo_zone: Zone,
    /// Where the firm's contact lines are written, if anywhere.
    pub contact_zone: Option<Zone>,
    /// For a PDF: the page size in points (72 per inch); the background fills the page.
    pub page_width_pt: Option<u32>,
    pub page_height_pt: Option<u32>,
}

impl KitAsset {
    /// The file name a co-branded copy is saved under: `Event-flyer-A4-Northwind-IT.pdf`.
    pub fn file_name(&self, company: &str) -> String {
        let stem =
            crate::pims::campaign::words_for_name(&format!("{} {company}", self.title), true);
        format!("{stem}.{}", self.output.as_str())
    }
}

/// A campaign kit as partners receive it: the body of a `campaign_kit` change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignKit {
    pub id: CampaignKitId,
    pub name: String,
    /// One or two lines for the list.
    pub summary: String,
    pub products: Vec<ProductTag>,
    /// The first and last day campaigns from it may run.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub email: EmailTemplate,
    pub landing: LandingTemplate,
    pub assets: Vec<KitAsset>,
    pub published_at: DateTime<Utc>,
    /// Who may see it (the server sends only what admits the firm).
    #[serde(default)]
    pub audience: Audience,
}

impl CampaignKit {
    pub fn phase(&self, today: NaiveDate) -> KitPhase {
        if today < self.starts_on {
            KitPhase::Upcoming
        } else if today > self.ends_on {
            KitPhase::Ended
        } else {
            KitPhase::Active
        }
    }

    /// Every block of the email and the landing page, for finding regions.
    pub fn blocks(&self) -> Vec<&Block> {
        self.email
            .blocks
            .iter()
            .chain(self.landing.blocks.iter())
            .collect()
    }

    /// The editable regions, each once, in order: (name, label, default, max chars).
    pub fn regions(&self) -> Vec<(&str, &str, &str, u32)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for b in self.blocks() {
            if let Block::Region {
                name,
                label,
                default,
                max_chars,
            } = b
            {
                if !seen.contains(&name.as_str()) {
                    seen.push(name.as_str());
                    out.push((name.as_str(), label.as_str(), default.as_str(), *max_chars));
                }
            }
        }
        out
    }
}
