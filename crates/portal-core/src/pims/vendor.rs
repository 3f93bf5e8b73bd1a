//! The vendor API's side of PIMS (vendor channel-team sign-in): publishing campaign kits, and
//! distributing and withdrawing leads.
//!
//! - `POST /api/v1/vendor/campaign-kits` with a [`NewKit`] publishes a kit (answers the kit);
//!   `GET /api/v1/vendor/campaign-kits` lists them; `POST …/{id}/withdraw` withdraws one.
//! - `POST /api/v1/vendor/leads` with a [`VendorLead`] gives a lead to a firm (answers the lead);
//!   `POST /api/v1/vendor/leads/{id}/withdraw` takes a pending one back;
//!   `GET /api/v1/vendor/leads?state=expired` lists leads by state (expired ones are the leads
//!   returned to the vendor).

use crate::error::ApiError;
use crate::ids::PartnerId;
use crate::pims::kit::{AssetOutput, KitAsset};
use crate::pims::template::{
    unknown_fields, Block, EmailTemplate, Href, LandingTemplate, MAX_REGION_CHARS,
};
use crate::resources::{Audience, ProductTag};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A kit as the vendor publishes it (the server adds its id and publication time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewKit {
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub products: Vec<ProductTag>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub email: EmailTemplate,
    pub landing: LandingTemplate,
    #[serde(default)]
    pub assets: Vec<KitAsset>,
    #[serde(default)]
    pub audience: Audience,
}

impl NewKit {
    /// The kit's own rules (that each asset's resource exists and is a PNG of the stated size is
    /// the server's to check).
    pub fn check(&self) -> Result<(), ApiError> {
        if self.name.trim().is_empty() || self.name.chars().count() > 120 {
            return Err(ApiError::invalid(
                "name",
                "A kit needs a name of at most 120 characters.",
            ));
        }
        if self.ends_on < self.starts_on {
            return Err(ApiError::invalid(
                "ends_on",
                "A kit cannot end before it starts.",
            ));
        }
        if self.email.subject.trim().is_empty() {
            return Err(ApiError::invalid(
                "email.subject",
                "The email needs a subject.",
            ));
        }
        let mut names: Vec<&str> = Vec::new();
        let texts = self.email.blocks.iter().chain(self.landing.blocks.iter());
        let mut all_text = vec![
            self.email.subject.as_str(),
            self.email.preheader.as_str(),
            self.landing.title.as_str(),
            self.landing.form_heading.as_str(),
        ];
        let mut regions: Vec<(&str, &str)> = Vec::new();
        for b in texts {
            match b {
                Block::Heading { text } | Block::Paragraph { text } => all_text.push(text),
                Block::Bullets { items } => all_text.extend(items.iter().map(String::as_str)),
                Block::Region {
                    name,
                    label,
                    default,
                    max_chars,
                } => {
                    if name.trim().is_empty() || label.trim().is_empty() {
                        return Err(ApiError::invalid(
                            "regions",
                            "Every editable region needs a name and a label.",
                        ));
                    }
                    if *max_chars == 0 || *max_chars > MAX_REGION_CHARS {
                        return Err(ApiError::invalid(
                            "regions",
                            format!(
                                "Region “{label}” may allow 1 to {MAX_REGION_CHARS} characters."
                            ),
                        ));
                    }
                    // One name may appear in both templates, but must mean the same region.
                    if let Some((_, d)) = regions.iter().find(|(n, _)| n == name) {
                        if d != default {
                            return Err(ApiError::invalid(
                                "regions",
                                format!(
                                    "Region “{name}” appears twice with different default text."
                                ),
                            ));
                        }
                    } else {
                        regions.push((name, default));
                        names.push(name);
                    }
                    all_text.push(default);
                }
                Block::Button { label, href } => {
                    all_text.push(label);
                    if let Href::Url { url } = href {
                        crate::pims::profile::check_web_address(url)
                            .map_err(|m| ApiError::invalid("blocks", m))?;
                    }
                }
            }
        }
        for t in all_text {
            if let Some(bad) = unknown_fields(t).first() {
                return Err(ApiError::invalid(
                    "blocks",
                    format!(
                        "“{{{{{bad}}}}}” is not a merge field; use one of {}.",
                        crate::pims::template::MergeField::ALL
                            .iter()
                            .map(|f| format!("{{{{{}}}}}", f.as_str()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        for a in &self.assets {
            if !a.logo_zone.is_valid() || a.contact_zone.is_some_and(|z| !z.is_valid()) {
                return Err(ApiError::invalid(
                    "assets",
                    format!("Asset “{}” has a zone outside the picture.", a.title),
                ));
            }
            if a.output == AssetOutput::Pdf
                && (a.page_width_pt.is_none_or(|w| w == 0)
                    || a.page_height_pt.is_none_or(|h| h == 0))
            {
                return Err(ApiError::invalid(
                    "assets",
                    format!("PDF asset “{}” needs a page size.", a.title),
                ));
            }
        }
        Ok(())
    }
}

/// A lead the vendor gives a firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VendorLead {
    pub partner_id: PartnerId,
    /// Where the vendor found it: "Vendor webinar, 12 November".
    pub origin: String,
    pub name: String,
    pub company: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub mailboxes: Option<u32>,
    #[serde(default)]
    pub message: String,
    /// Days the firm has to accept it (the server's default when left out).
    #[serde(default)]
    pub window_days: Option<u32>,
}
