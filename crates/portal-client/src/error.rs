//! The crate's one error enum; every variant maps onto the shared [`ApiError`] shape for the UI.

use portal_core::{ApiError, ErrorKind};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error of its own.
    #[error("{0}")]
    Api(ApiError),
    /// The server could not be reached (no network, server down, timeout).
    #[error("The server at {url} cannot be reached.")]
    Offline { url: String },
    /// The server answered with something that is not the expected JSON.
    #[error("The server sent an answer the app does not understand: {0}")]
    Protocol(String),
    /// A bad value typed by the user.
    #[error("{0}")]
    Invalid(ApiError),
    /// The local cache failed.
    #[error("The local cache failed: {0}")]
    Storage(#[from] sqlx::Error),
    #[error("The local cache could not be set up: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An operation that needs a signed-in session ran without one.
    #[error("You are not signed in.")]
    NotSignedIn,
}

impl ClientError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ClientError::Api(e) | ClientError::Invalid(e) => e.kind,
            ClientError::Offline { .. } => ErrorKind::Offline,
            ClientError::Protocol(_) => ErrorKind::Internal,
            ClientError::Storage(_) | ClientError::Migrate(_) => ErrorKind::Storage,
            ClientError::NotSignedIn => ErrorKind::Unauthenticated,
        }
    }

    pub fn is_offline(&self) -> bool {
        matches!(self, ClientError::Offline { .. })
    }
}

impl ClientError {
    /// The shared error shape, worded for the person using the app.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            ClientError::Api(api) | ClientError::Invalid(api) => api.clone(),
            ClientError::Offline { url } => ApiError::new(
                ErrorKind::Offline,
                format!(
                    "The server at {url} cannot be reached. Check the address and your connection."
                ),
            ),
            other => ApiError::new(other.kind(), other.to_string()),
        }
    }
}

impl From<ClientError> for ApiError {
    fn from(e: ClientError) -> Self {
        e.to_api_error()
    }
}
