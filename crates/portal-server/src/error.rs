//! The crate's one error type, and how it becomes the API's error response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_core::{ApiError, ErrorKind};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from a library, kept whole for the logs.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Everything that can go wrong in the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An answer meant for the caller (bad input, wrong password, not found…), sent as is.
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("configuration: {0}")]
    Config(String),
    /// The database engine's own error (converted where storage calls the engine).
    #[error("database: {0}")]
    Database(#[source] BoxError),
    #[error("database migration: {0}")]
    Migrate(#[source] BoxError),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("password hashing: {0}")]
    PasswordHash(String),
    /// Stored data that does not parse: a bug or a hand-edited database.
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl Error {
    pub fn corrupt(what: impl std::fmt::Display) -> Self {
        Error::Corrupt(what.to_string())
    }

    /// What the caller is told. Internal details stay in the logs.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            Error::Api(e) => e.clone(),
            _ => ApiError::new(
                ErrorKind::Internal,
                "Something went wrong on the server. Please try again later.",
            ),
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let api = self.to_api_error();
        if api.kind == ErrorKind::Internal {
            tracing::error!(error = %self, "request failed");
        }
        let status = StatusCode::from_u16(api.kind.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(api)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_details_are_not_sent() {
        let e = Error::Corrupt("users.role = 'owner'".into());
        let api = e.to_api_error();
        assert_eq!(api.kind, ErrorKind::Internal);
        assert!(!api.message.contains("owner"));
        let resp = e.into_response();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn api_errors_keep_their_status() {
        let resp = Error::from(ApiError::forbidden()).into_response();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    }
}
