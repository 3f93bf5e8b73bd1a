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
    /// Every field error of a form, at once (at least one). It crosses to the UI as the first of
    /// them; the UI runs the same parse and shows each under its field.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("The form is not complete."))]
    Form(Vec<ApiError>),
    /// A file the user chose could not be written or read.
    #[error("The file {path} could not be written: {message}")]
    File { path: String, message: String },
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
    /// A downloaded file did not match its SHA-256, twice: it was deleted, never handed out.
    #[error("{name} did not match its checksum; it was not opened. Try again later, or tell the vendor if it keeps happening.")]
    Checksum { name: String },
    /// Something stored in the cache no longer reads back (a bug or a damaged file).
    #[error("The local cache holds data the app cannot read: {0}")]
    Corrupt(String),
}

impl ClientError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ClientError::Api(e) | ClientError::Invalid(e) | ClientError::Refused(e) => e.kind,
            ClientError::Form(_) => ErrorKind::InvalidInput,
            ClientError::Offline { .. } => ErrorKind::Offline,
            ClientError::Protocol(_) => ErrorKind::Internal,
            ClientError::Storage(_)
            | ClientError::Migrate(_)
            | ClientError::Corrupt(_)
            | ClientError::File { .. }
            | ClientError::Checksum { .. } => ErrorKind::Storage,
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

    /// A form's field errors, every one of them (the UI runs the same parse and shows them all).
    pub(crate) fn from_form(errors: Vec<ApiError>) -> Self {
        if errors.is_empty() {
            ClientError::Invalid(ApiError::new(
                ErrorKind::InvalidInput,
                "The form is not complete.",
            ))
        } else {
            ClientError::Form(errors)
        }
    }

    /// The field errors this error carries: every one of a form's, the one of a bad value, or none.
    pub fn field_errors(&self) -> Vec<ApiError> {
        match self {
            ClientError::Form(errors) => errors.clone(),
            ClientError::Invalid(e) => vec![e.clone()],
            _ => Vec::new(),
        }
    }
}

impl ClientError {
    /// The shared error shape, worded for the person using the app.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            ClientError::Api(api) | ClientError::Invalid(api) | ClientError::Refused(api) => {
                api.clone()
            }
            ClientError::Form(errors) => errors.first().cloned().unwrap_or_else(|| {
                ApiError::new(ErrorKind::InvalidInput, "The form is not complete.")
            }),
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
