//! An internet domain such as `northwind.example`: the unique key of a prospect company.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A lower-cased, syntactically valid domain name with at least two labels.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct Domain(String);

/// Why a text is not a domain; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("Enter the company's email domain, like company.com.")]
    Empty,
    #[error("A domain needs at least one dot, like company.com.")]
    NoDot,
    #[error("A domain can hold only letters, digits, hyphens and dots.")]
    Character,
    #[error(
        "Each part of a domain must be 1 to 63 characters and cannot start or end with a hyphen."
    )]
    Label,
    #[error("A domain can be at most 253 characters.")]
    TooLong,
}

impl Domain {
    /// Parses user input. Accepts a bare domain, an email address (`anna@company.com`) or a web
    /// address (`https://www.company.com/about`), since that is what people paste.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let mut s = input.trim().to_lowercase();
        if let Some((_, after)) = s.split_once('@') {
            s = after.to_owned();
        }
        if let Some((_, after)) = s.split_once("://") {
            s = after.to_owned();
        }
        if let Some(end) = s.find(['/', '?', '#', ':']) {
            s.truncate(end);
        }
        if let Some(rest) = s.strip_prefix("www.") {
            s = rest.to_owned();
        }
        let s = s.trim_end_matches('.').to_owned();
        if s.is_empty() {
            return Err(DomainError::Empty);
        }
        if s.len() > 253 {
            return Err(DomainError::TooLong);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            return Err(DomainError::Character);
        }
        if !s.contains('.') {
            return Err(DomainError::NoDot);
        }
        for label in s.split('.') {
            if label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return Err(DomainError::Label);
            }
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Domain {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Domain {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Domain> for String {
    fn from(d: Domain) -> Self {
        d.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_people_paste() {
        for input in [
            "contoso.com",
            " Contoso.COM ",
            "anna@contoso.com",
            "https://www.contoso.com/about",
            "contoso.com.",
        ] {
            assert_eq!(
                Domain::parse(input).unwrap().as_str(),
                "contoso.com",
                "{input}"
            );
        }
        assert_eq!(
            Domain::parse("mail.contoso.co.uk").unwrap().as_str(),
            "mail.contoso.co.uk"
        );
    }

    #[test]
    fn refuses_what_is_not_a_domain() {
        assert_eq!(Domain::parse(""), Err(DomainError::Empty));
        assert_eq!(Domain::parse("contoso"), Err(DomainError::NoDot));
        assert_eq!(Domain::parse("con toso.com"), Err(DomainError::Character));
        assert_eq!(Domain::parse("-contoso.com"), Err(DomainError::Label));
        assert_eq!(Domain::parse("contoso..com"), Err(DomainError::Label));
    }
}
