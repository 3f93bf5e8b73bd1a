//! What a signed-in session is on the laptop, and what of it the keychain keeps.

use portal_core::{api::branding::Branding, ids::UserId, secret::SessionToken, shell::SessionView};
use serde::{Deserialize, Serialize};

/// What the shell stores in the OS keychain for "remember me": enough to resume the session,
/// online or offline. Never written to a plain file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSession {
    pub server_url: String,
    pub token: SessionToken,
    pub user_id: UserId,
}

/// The outcome of a successful sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub view: SessionView,
    /// For the keychain, when the user asked to be remembered.
    pub stored: StoredSession,
}

/// The session the client holds in memory while the app runs.
#[derive(Debug, Clone)]
pub(crate) struct Current {
    pub stored: StoredSession,
    pub branding: Branding,
}

/// Cache entry names (scope: the user id).
pub(crate) const PROFILE: &str = "profile";
pub(crate) const PARTNER: &str = "partner";
pub(crate) const USERS: &str = "users";
pub(crate) const NEWS: &str = "news";
/// Cache entry name (scope: the server address).
pub(crate) const BRANDING: &str = "branding";
