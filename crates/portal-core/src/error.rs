//! The one error shape that crosses every boundary (server → client, shell → UI).
//!
//! A machine-readable [`ErrorKind`] lets code decide what to do; the human `message` is shown as is.

use serde::{Deserialize, Serialize};
use std::fmt;

crate::wire_enum! {
    /// What went wrong, for code to act on.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum ErrorKind {
        /// The input does not parse or breaks a rule; the message says which and why.
        InvalidInput = "invalid_input",
        /// Email or password is wrong.
        InvalidCredentials = "invalid_credentials",
        /// Too many failed sign-ins; try again later.
        LockedOut = "locked_out",
        /// The session token expired or was revoked: sign in again.
        SessionExpired = "session_expired",
        /// No session token was given.
        Unauthenticated = "unauthenticated",
        /// Signed in, but the role does not allow this.
        Forbidden = "forbidden",
        /// No such record (or not one the caller may know of).
        NotFound = "not_found",
        /// The request clashes with the current state.
        Conflict = "conflict",
        /// The server cannot be reached; the app works from its cache.
        Offline = "offline",
        /// The local cache or keychain failed.
        Storage = "storage",
        /// Anything else; the message and the logs say more.
        Internal = "internal",
    }
}

impl ErrorKind {
    /// The HTTP status the server answers with for this kind.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorKind::InvalidInput => 422,
            ErrorKind::InvalidCredentials
            | ErrorKind::SessionExpired
            | ErrorKind::Unauthenticated => 401,
            ErrorKind::LockedOut => 429,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::Offline => 503,
            ErrorKind::Storage | ErrorKind::Internal => 500,
        }
    }
}

/// An error with its kind and a message for the person using the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    /// For [`ErrorKind::InvalidInput`]: the field the message is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            field: None,
        }
    }

    /// A bad value in one named field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::InvalidInput,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorKind::NotFound, format!("{what} was not found."))
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorKind::Forbidden,
            "Your role does not allow this. Ask your firm's administrator.",
        )
    }

    pub fn session_expired() -> Self {
        Self::new(
            ErrorKind::SessionExpired,
            "Your session has expired. Please sign in again.",
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_kind_and_message() {
        let e = ApiError::invalid("email", "Enter an email address.");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "invalid_input");
        assert_eq!(v["field"], "email");
        let plain = serde_json::to_value(ApiError::forbidden()).unwrap();
        assert!(plain.get("field").is_none());
    }

    #[test]
    fn statuses_distinguish_sign_in_failures() {
        assert_eq!(ErrorKind::InvalidCredentials.http_status(), 401);
        assert_eq!(ErrorKind::LockedOut.http_status(), 429);
        assert_eq!(ErrorKind::Forbidden.http_status(), 403);
    }
}
