//! What the desktop shell's commands take and return: the typed contract between `ui/` and `src-tauri/`.

use crate::api::{auth::Profile, branding::Branding};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The colour scheme the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system's light or dark setting.
    #[default]
    System,
    Light,
    Dark,
}

/// Preferences kept in tauri-plugin-store (never secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The central server's address, remembered from the last sign-in.
    pub server_url: String,
    /// The email of the last sign-in, to prefill the form.
    pub last_email: String,
    pub theme: Theme,
    /// Labels of the menu groups the user left open.
    pub open_menu_groups: Vec<String>,
    /// Remind administrators of renewals due within this many days (a desktop notification after
    /// a sync, once per renewal); 0 turns reminders off.
    pub renewal_reminder_days: u32,
}

/// The reminder window a fresh install uses, in days.
pub const DEFAULT_RENEWAL_REMINDER_DAYS: u32 = 30;

/// The address a fresh install offers: the embedded demo server.
pub const DEFAULT_SERVER_URL: &str = "http://127.0.0.1:8080";

impl Default for Preferences {
    fn default() -> Self {
        Self {
            server_url: DEFAULT_SERVER_URL.to_owned(),
            last_email: String::new(),
            theme: Theme::System,
            open_menu_groups: Vec::new(),
            renewal_reminder_days: DEFAULT_RENEWAL_REMINDER_DAYS,
        }
    }
}

/// Whether the app could reach the server at its last attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    Online,
    Offline,
}

/// The signed-in session as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub server_url: String,
    pub profile: Profile,
    pub branding: Branding,
    pub connection: Connection,
    /// When the profile was last confirmed by the server.
    pub as_of: DateTime<Utc>,
    /// Something the user should know about the session, such as "Remember me" failing because
    /// the system keychain is unavailable.
    #[serde(default)]
    pub notice: Option<String>,
}

/// What the app knows as it opens: `start` command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartState {
    pub preferences: Preferences,
    /// A remembered session, resumed (online) or from the cache (offline).
    pub session: Option<SessionView>,
    /// Why a remembered session could not be resumed (for example, it expired), to show on the sign-in screen.
    pub notice: Option<String>,
}

/// `sign_in` command arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInArgs {
    pub server_url: String,
    pub email: String,
    pub password: String,
    pub remember: bool,
}

/// Data read from the server, or from the cache when offline, with the time it dates from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot<T> {
    pub data: T,
    pub as_of: DateTime<Utc>,
    /// True when the server could not be reached and `data` comes from the cache.
    pub from_cache: bool,
}

/// Vendor sites the shell opens in the system browser (the UI never passes a raw address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExternalLink {
    Community,
    Blog,
    KnowledgeBase,
}
