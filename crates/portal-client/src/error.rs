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
    /// A local rule refused the action (a missing record, a step the life cycle does not allow,
    /// unsynced changes in the way); the error says which and why.
    #[error("{0}")]
    Refused(ApiError),
    /// Something stored in the cache no longer reads back (a bug or a damaged file).
    #[error("The local cache holds data the app cannot read: {0}")]
    Corrupt(String),
}

impl ClientError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ClientError::Api(e) | ClientError::Invalid(e) | ClientError::Refused(e) => e.kind,
            ClientError::Offline { .. } => ErrorKind::Offline,
            ClientError::Protocol(_) => ErrorKind::Internal,
            ClientError::Storage(_) | ClientError::Migrate(_) | ClientError::Corrupt(_) => {
                ErrorKind::Storage
            }
            ClientError::NotSignedIn => ErrorKind::Unauthenticated,
        }
    }

    pub fn is_offline(&self) -> bool {
        matches!(self, ClientError::Offline { .. })
    }

    /// A JSON value in the cache that does not read back as the type it was stored as.
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        ClientError::Corrupt(what.to_string())
    }

    /// The first of a form's field errors (the UI runs the same parse and shows them all).
    pub(crate) fn from_form(errors: Vec<ApiError>) -> Self {
        ClientError::Invalid(
            errors.into_iter().next().unwrap_or_else(|| {
                ApiError::new(ErrorKind::InvalidInput, "The form is not complete.")
            }),
        )
    }
}

impl ClientError {
    /// The shared error shape, worded for the person using the app.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            ClientError::Api(api) | ClientError::Invalid(api) | ClientError::Refused(api) => {
                api.clone()
            }
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
