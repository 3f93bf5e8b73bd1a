//! The shell's one error enum; it reaches the UI as the shared `ApiError` shape.

use portal_core::{ApiError, ErrorKind};
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error(transparent)]
    Client(#[from] portal_client::ClientError),
    #[error("The system keychain failed: {0}")]
    Keychain(String),
    #[error("Preferences could not be saved: {0}")]
    Store(#[from] tauri_plugin_store::Error),
    #[error("The link could not be opened: {0}")]
    Opener(#[from] tauri_plugin_opener::Error),
    #[error("The file chosen cannot be written: {0}")]
    Dialog(String),
    #[error("The file could not be saved to {path}: {message}")]
    Save { path: String, message: String },
}

impl ShellError {
    /// The shared error shape the UI receives.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            ShellError::Client(c) => c.to_api_error(),
            other => ApiError::new(ErrorKind::Storage, other.to_string()),
        }
    }
}

impl Serialize for ShellError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_api_error().serialize(s)
    }
}

pub type ShellResult<T> = Result<T, ShellError>;
