//! The app's side of Reseller Portal, with no Tauri in it: its tests and tools run without a window.
//!
//! - [`cache`]: the local SQLite cache (WAL, migrations in the top-level `migrations/`).
//! - [`http`]: the typed HTTP client of the central server's API.
//! - [`session`]: signing in, resuming a remembered session online or offline, signing out.
//! - [`portal`]: the service the desktop shell holds, one method per command.
//! - [`error`]: the crate's error enum, convertible to the shared [`portal_core::ApiError`].

pub mod cache;
pub mod error;
pub mod http;
pub mod portal;
pub mod session;

pub use error::ClientError;
pub use portal::Portal;
pub use session::{SignedIn, StoredSession};
