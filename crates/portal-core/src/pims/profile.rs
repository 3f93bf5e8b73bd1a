//! A partner firm's marketing profile: how the firm appears on everything co-branded, the rules
//! each field obeys, and the completeness check that gates launching a campaign.
//!
//! The body of a `marketing_profile` change is [`MarketingProfile`]; its id is the firm's id. The
//! server keeps one per firm (created with the firm); partners change it with sync updates of the
//! fields in [`PROFILE_FIELDS`] (queued offline like any edit). Logos change only through an
//! upload to the server (see [`super::logo`]).

use crate::api::partner::Address;
use crate::email::Email;
use crate::error::ApiError;
use crate::ids::PartnerId;
use crate::pims::logo::{Logo, LogoKind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A social network link on the profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialLink {
    /// As the firm names it: "LinkedIn", "Mastodon", "X".
    pub network: String,
    /// An https:// address.
    pub url: String,
}

/// A brand colour as `#rrggbb` (lower-case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct Colour(String);

impl Colour {
    /// Reads `#rgb` or `#rrggbb` (the `#` may be left out); the message says what is wanted.
    pub fn parse(input: &str) -> Result<Colour, String> {
        let s = input.trim().trim_start_matches('#').to_ascii_lowercase();
        let wanted = "Enter a colour as # and six hex digits, like #0b5fff.";
        if !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(wanted.to_owned());
        }
        match s.len() {
            6 => Ok(Colour(format!("#{s}"))),
            3 => Ok(Colour(format!(
                "#{}",
                s.chars().flat_map(|c| [c, c]).collect::<String>()
            ))),
            _ => Err(wanted.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Red, green and blue, 0–255.
    pub fn rgb(&self) -> (u8, u8, u8) {
        let h = |i: usize| u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0);
        (h(1), h(3), h(5))
    }

    /// Black or white, whichever reads better on this colour (WCAG relative luminance).
    pub fn text_on(&self) -> Colour {
        let (r, g, b) = self.rgb();
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        // Contrast with white (1.05 / (l + 0.05)) against with black ((l + 0.05) / 0.05).
        if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
            Colour("#ffffff".to_owned())
        } else {
            Colour("#000000".to_owned())
        }
    }
}

impl Default for Colour {
    fn default() -> Self {
        Colour("#0b5fff".to_owned())
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Colour::parse(&s)
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.0
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The firm's marketing profile: the body of a `marketing_profile` change. Text fields may be
/// blank while the firm fills it in; [`MarketingProfile::missing`] says what a launch still needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingProfile {
    /// The firm's id.
    pub id: PartnerId,
    /// The name as it should appear on campaigns ("Northwind IT", not "Northwind IT Services Ltd").
    pub company_name: String,
    pub address: Address,
    pub contact_name: String,
    /// Where replies and lead notifications go; blank or a valid address.
    pub email: String,
    pub phone: String,
    /// An https:// address, or blank.
    pub website: String,
    pub social: Vec<SocialLink>,
    /// Where a recipient unsubscribes: an email address or an https:// address (law requires one
    /// on every marketing email).
    pub unsubscribe: String,
    pub web_logo: Option<Logo>,
    pub print_logo: Option<Logo>,
    pub brand_colour: Colour,
}

/// The profile fields a sync update may set, by their JSON names (logos are uploaded instead).
pub const PROFILE_FIELDS: [&str; 9] = [
    "company_name",
    "address",
    "contact_name",
    "email",
    "phone",
    "website",
    "social",
    "unsubscribe",
    "brand_colour",
];

/// The most social links a profile carries.
pub const MAX_SOCIAL: usize = 8;

/// Something a campaign launch still needs from the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Missing {
    CompanyName,
    Address,
    ContactName,
    Email,
    Phone,
    Website,
    Unsubscribe,
    WebLogo,
    PrintLogo,
}

impl Missing {
    /// The field's JSON name, for pointing the form at it.
    pub fn field(self) -> &'static str {
        match self {
            Missing::CompanyName => "company_name",
            Missing::Address => "address",
            Missing::ContactName => "contact_name",
            Missing::Email => "email",
            Missing::Phone => "phone",
            Missing::Website => "website",
            Missing::Unsubscribe => "unsubscribe",
            Missing::WebLogo => "web_logo",
            Missing::PrintLogo => "print_logo",
        }
    }

    /// In words: "a contact email address".
    pub fn label(self) -> &'static str {
        match self {
            Missing::CompanyName => "the company name",
            Missing::Address => "an address (street, city and country)",
            Missing::ContactName => "a contact name",
            Missing::Email => "a contact email address",
            Missing::Phone => "a phone number",
            Missing::Website => "a website",
            Missing::Unsubscribe => "an unsubscribe address",
            Missing::WebLogo => "a web logo",
            Missing::PrintLogo => "a high-resolution logo",
        }
    }
}

impl MarketingProfile {
    /// A blank profile for a new firm, named after it.
    pub fn blank(id: PartnerId, company_name: &str) -> Self {
        Self {
            id,
            company_name: company_name.to_owned(),
            address: Address::default(),
            contact_name: String::new(),
            email: String::new(),
            phone: String::new(),
            website: String::new(),
            social: Vec::new(),
            unsubscribe: String::new(),
            web_logo: None,
            print_logo: None,
            brand_colour: Colour::default(),
        }
    }

    /// What is still missing before a campaign may be launched, in the form's order.
    pub fn missing(&self) -> Vec<Missing> {
        let blank = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        if blank(&self.company_name) {
            out.push(Missing::CompanyName);
        }
        if blank(&self.address.line1) || blank(&self.address.city) || blank(&self.address.country) {
            out.push(Missing::Address);
        }
        if blank(&self.contact_name) {
            out.push(Missing::ContactName);
        }
        if blank(&self.email) {
            out.push(Missing::Email);
        }
        if blank(&self.phone) {
            out.push(Missing::Phone);
        }
        if blank(&self.website) {
            out.push(Missing::Website);
        }
        if blank(&self.unsubscribe) {
            out.push(Missing::Unsubscribe);
        }
        if self.web_logo.is_none() {
            out.push(Missing::WebLogo);
        }
        if self.print_logo.is_none() {
            out.push(Missing::PrintLogo);
        }
        out
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// "Add a contact name and a web logo before launching a campaign.", or None when complete.
    pub fn missing_sentence(&self) -> Option<String> {
        let missing = self.missing();
        if missing.is_empty() {
            return None;
        }
        let labels: Vec<&str> = missing.iter().map(|m| m.label()).collect();
        Some(format!(
            "Add {} to the marketing profile before launching a campaign.",
            crate::words::and_list(&labels)
        ))
    }

    /// The logo of a kind.
    pub fn logo(&self, kind: LogoKind) -> Option<&Logo> {
        match kind {
            LogoKind::Web => self.web_logo.as_ref(),
            LogoKind::Print => self.print_logo.as_ref(),
        }
    }

    /// Every rule a stored profile obeys, reported for the first field that breaks one (blank
    /// fields are allowed: that is [`Self::missing`]'s business).
    pub fn check(&self) -> Result<(), ApiError> {
        let limit = |field: &str, value: &str, max: usize| -> Result<(), ApiError> {
            if value.chars().count() > max {
                return Err(ApiError::invalid(
                    field,
                    format!("This can be at most {max} characters."),
                ));
            }
            if value.chars().any(|c| c.is_control() && c != '\n') {
                return Err(ApiError::invalid(
                    field,
                    "This contains characters that cannot be printed.",
                ));
            }
            Ok(())
        };
        limit("company_name", &self.company_name, 120)?;
        limit("contact_name", &self.contact_name, 120)?;
        limit("email", &self.email, 254)?;
        limit("phone", &self.phone, 40)?;
        limit("website", &self.website, 300)?;
        limit("unsubscribe", &self.unsubscribe, 300)?;
        for (field, part) in [
            ("address", &self.address.line1),
            ("address", &self.address.line2),
            ("address", &self.address.city),
            ("address", &self.address.region),
            ("address", &self.address.postal_code),
            ("address", &self.address.country),
        ] {
            limit(field, part, 120)?;
        }
        if !self.email.trim().is_empty() {
            Email::parse(&self.email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
        }
        if !self.phone.trim().is_empty() {
            check_phone(&self.phone).map_err(|m| ApiError::invalid("phone", m))?;
        }
        if !self.website.trim().is_empty() {
            check_web_address(&self.website).map_err(|m| ApiError::invalid("website", m))?;
        }
        if !self.unsubscribe.trim().is_empty() {
            check_unsubscribe(&self.unsubscribe)
                .map_err(|m| ApiError::invalid("unsubscribe", m))?;
        }
        if self.social.len() > MAX_SOCIAL {
            return Err(ApiError::invalid(
                "social",
                format!("A profile can list at most {MAX_SOCIAL} social links."),
            ));
        }
        for link in &self.social {
            limit("social", &link.network, 40)?;
            if link.network.trim().is_empty() {
                return Err(ApiError::invalid(
                    "social",
                    "Name the network of every social link, like LinkedIn.",
                ));
            }
            check_web_address(&link.url).map_err(|m| ApiError::invalid("social", m))?;
        }
        Ok(())
    }

    /// The contact lines printed in a co-branded asset's contact zone and an email's footer.
    pub fn contact_lines(&self) -> Vec<String> {
        let mut lines = vec![self.company_name.trim().to_owned()];
        lines.extend(self.address.lines());
        for s in [&self.phone, &self.email, &self.website] {
            if !s.trim().is_empty() {
                lines.push(s.trim().to_owned());
            }
        }
        lines.retain(|l| !l.is_empty());
        lines
    }
}

/// A phone number: digits with the usual separators, 6 to 20 digits.
pub fn check_phone(input: &str) -> Result<(), String> {
    let s = input.trim();
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return Err("A phone number has digits, spaces and + - ( ) only.".to_owned());
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if !(6..=20).contains(&digits) {
        return Err("A phone number has 6 to 20 digits.".to_owned());
    }
    Ok(())
}

/// An https:// (or http://) address with a host that has a dot.
pub fn check_web_address(input: &str) -> Result<(), String> {
    let s = input.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| "Enter a web address starting with https://.".to_owned())?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return Err("Enter a web address with a full domain, like https://example.com.".to_owned());
    }
    if s.chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err("A web address cannot contain spaces, quotes or angle brackets.".to_owned());
    }
    Ok(())
}

/// An unsubscribe address: an email address or a web address.
pub fn check_unsubscribe(input: &str) -> Result<(), String> {
    let s = input.trim();
    if s.contains('@') && !s.contains("://") {
        return Email::parse(s).map(|_| ()).map_err(|e| e.to_string());
    }
    check_web_address(s).map_err(|_| {
        "Enter an email address or a web address (https://…) where people can unsubscribe."
            .to_owned()
    })
}

/// The `href` an unsubscribe address becomes: `mailto:` for an email address.
pub fn unsubscribe_href(input: &str) -> String {
    let s = input.trim();
    if s.contains('@') && !s.contains("://") {
        format!("mailto:{s}?subject=Unsubscribe")
    } else {
        s.to_owned()
    }
}
