//! The partner firm: its tier, margin, certification and account team.

use crate::{
    ids::{AccountManagerId, PartnerId},
    money::Percent,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// The partner programme's tiers.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Tier {
        Registered = "registered",
        Silver = "silver",
        Gold = "gold",
        Platinum = "platinum",
    }
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

crate::wire_enum! {
    /// Where the firm stands in the vendor's certification programme.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum CertificationStatus {
        NotCertified = "not_certified",
        InProgress = "in_progress",
        Certified = "certified",
        Lapsed = "lapsed",
    }
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl Address {
    /// The address as printed on an envelope: street lines, "City, Region Postcode", country;
    /// empty parts are left out.
    pub fn lines(&self) -> Vec<String> {
        let mut locality = self.city.trim().to_owned();
        let region = self.region.trim();
        if !region.is_empty() {
            if !locality.is_empty() {
                locality.push_str(", ");
            }
            locality.push_str(region);
        }
        let postal = self.postal_code.trim();
        if !postal.is_empty() {
            if !locality.is_empty() {
                locality.push(' ');
            }
            locality.push_str(postal);
        }
        [
            self.line1.trim().to_owned(),
            self.line2.trim().to_owned(),
            locality,
            self.country.trim().to_owned(),
        ]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn address(city: &str, region: &str, postal: &str) -> Address {
        Address {
            line1: "400 Pine Street".into(),
            line2: String::new(),
            city: city.into(),
            region: region.into(),
            postal_code: postal.into(),
            country: "United States".into(),
        }
    }

    #[test]
    fn address_lines_read_like_an_envelope() {
        assert_eq!(
            address("Seattle", "WA", "98101").lines(),
            ["400 Pine Street", "Seattle, WA 98101", "United States"]
        );
        assert_eq!(
            address("London", "", "EC1A 1BB").lines()[1],
            "London EC1A 1BB"
        );
        assert_eq!(
            address("", "", "").lines(),
            ["400 Pine Street", "United States"]
        );
    }
}
