//! What the desktop shell's commands take and return: the typed contract between `ui/` and
//! `src-tauri/`. [`commands`] names every command with its arguments and answer; this module holds
//! the session, preference and snapshot types they share, and [`events`] the events the shell sends.

pub mod commands;
pub mod events;

use crate::api::{auth::Profile, branding::Branding};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// The colour scheme the user chose.
    #[derive(Default)]
    pub enum Theme {
        /// Follow the operating system's light or dark setting.
        #[default]
        System = "system",
        Light = "light",
        Dark = "dark",
    }
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
    /// Announce a newly published marketing resource with a desktop notification (once per item);
    /// off until the user allows it in My Account.
    pub resource_alerts: bool,
    /// Only items that concern these products (SKUs) are announced; none: every product.
    pub alert_products: Vec<String>,
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
            resource_alerts: false,
            alert_products: Vec::new(),
        }
    }
}

crate::wire_enum! {
    /// Whether the app could reach the server at its last attempt.
    pub enum Connection {
        Online = "online",
        Offline = "offline",
    }
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

/// Data read from the server, or from the cache when offline, with the time it dates from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot<T> {
    pub data: T,
    pub as_of: DateTime<Utc>,
    /// True when the server could not be reached and `data` comes from the cache.
    pub from_cache: bool,
}

crate::wire_enum! {
    /// Vendor sites the shell opens in the system browser (the UI never passes a raw address).
    pub enum ExternalLink {
        Community = "community",
        Blog = "blog",
        KnowledgeBase = "knowledge_base",
    }
}
