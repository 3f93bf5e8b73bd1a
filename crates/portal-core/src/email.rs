//! An email address, parsed once at the edge and trusted afterwards.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A syntactically plausible email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Email))]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an email address; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address.")]
    Empty,
    #[error("An email address needs one @ with a name before it and a domain after it, like name@company.com.")]
    Shape,
    #[error("The domain of an email address needs a dot, like company.com.")]
    Domain,
    #[error("An email address cannot contain spaces.")]
    Whitespace,
    #[error("An email address can be at most 254 characters.")]
    TooLong,
}

impl Email {
    /// Parses user input: surrounding spaces are dropped and case is folded.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(EmailError::Whitespace);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Shape)?;
        if local.is_empty() || domain.is_empty() || domain.contains('@') {
            return Err(EmailError::Shape);
        }
        if !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(EmailError::Domain);
        }
        Ok(Self(s.to_lowercase()))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the @, which identifies a company.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = EmailError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> Self {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_trims() {
        let e = Email::parse("  Anna.Smith@Northwind.Example ").unwrap();
        assert_eq!(e.as_str(), "anna.smith@northwind.example");
        assert_eq!(e.domain(), "northwind.example");
    }

    #[test]
    fn refuses_malformed_addresses_with_a_reason() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("anna"), Err(EmailError::Shape));
        assert_eq!(Email::parse("@x.com"), Err(EmailError::Shape));
        assert_eq!(Email::parse("a@b@c.com"), Err(EmailError::Shape));
        assert_eq!(Email::parse("a@localhost"), Err(EmailError::Domain));
        assert_eq!(Email::parse("a b@c.com"), Err(EmailError::Whitespace));
    }

    #[test]
    fn json_refuses_bad_addresses() {
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
        assert_eq!(
            serde_json::from_str::<Email>("\"A@B.CO\"")
                .unwrap()
                .as_str(),
            "a@b.co"
        );
    }
}
