//! The partner firm: its tier, margin, certification and account team.

use crate::{
    ids::{AccountManagerId, PartnerId},
    money::Percent,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The partner programme's tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Registered,
    Silver,
    Gold,
    Platinum,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Registered => "Registered",
            Tier::Silver => "Silver",
            Tier::Gold => "Gold",
            Tier::Platinum => "Platinum",
        }
    }
}

/// Where the firm stands in the vendor's certification programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificationStatus {
    NotCertified,
    InProgress,
    Certified,
    Lapsed,
}

impl CertificationStatus {
    pub fn label(self) -> &'static str {
        match self {
            CertificationStatus::NotCertified => "Not certified",
            CertificationStatus::InProgress => "In progress",
            CertificationStatus::Certified => "Certified",
            CertificationStatus::Lapsed => "Lapsed",
        }
    }
}

/// The short form carried in the signed-in profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerSummary {
    pub id: PartnerId,
    pub name: String,
    pub tier: Tier,
}

/// `GET /api/v1/partner`: the caller's own firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerDetails {
    pub id: PartnerId,
    pub name: String,
    pub tier: Tier,
    /// The firm's margin on the vendor's list price.
    pub margin: Percent,
    pub website: String,
    pub phone: String,
    pub address: Address,
    pub certification: Certification,
    pub account_team: Vec<AccountManager>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certification {
    pub status: CertificationStatus,
    /// The certification level, such as "Certified Email Security Partner".
    pub level: Option<String>,
    pub certified_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    /// How many of the firm's people hold an individual certification.
    pub certified_people: u32,
}

/// One member of the vendor's team who looks after the firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountManager {
    pub id: AccountManagerId,
    pub name: String,
    /// Such as "Channel Account Manager" or "Partner Sales Engineer".
    pub role: String,
    pub email: String,
    pub phone: String,
}
