//! Secrets that travel: a password as typed, a session's bearer token. Their `Debug` prints a
//! placeholder, so that no log line, panic message or `{:?}` ever shows one; the text is read
//! only through `expose`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! secret {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The secret itself, for the one place that must use it (a hash, a header).
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// The secret itself, given up.
            pub fn into_inner(self) -> String {
                self.0
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(redacted)"))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }
    };
}

secret! {
    /// A password as the user typed it.
    Password
}

secret! {
    /// An opaque bearer token: `Authorization: Bearer <token>`.
    SessionToken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::new("Portal-Demo-2026");
        let t = SessionToken::new("tok_abcdef");
        let shown = format!("{p:?} {t:?} {:?}", Some(&p));
        assert!(
            !shown.contains("Portal-Demo") && !shown.contains("abcdef"),
            "{shown}"
        );
        assert_eq!(
            shown,
            "Password(redacted) SessionToken(redacted) Some(Password(redacted))"
        );
    }

    #[test]
    fn the_wire_carries_plain_text() {
        let p = Password::new("s3cret");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"s3cret\"");
        let back: Password = serde_json::from_str("\"s3cret\"").unwrap();
        assert_eq!(back.expose(), "s3cret");
    }
}
