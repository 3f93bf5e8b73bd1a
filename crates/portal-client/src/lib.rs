//! The app's side of Reseller Portal, with no Tauri in it: its tests and tools run without a window.
//!
//! # From the menu to the code
//!
//! The shell holds one [`Portal`]; each command the UI invokes is one of its methods, in the
//! folder of [`features`] named after the command's menu group: the Quotes page's "Revise" is
//! [`Portal::revise_quote`] in `features/sales/quote_edits.rs`, the Renewals page's CSV
//! [`Portal::save_renewals_csv`] in `features/customers/renewals_csv.rs`. A feature checks the
//! action with portal-core's rules, then reads the lists or queues a change in one local
//! transaction; the background sync takes it to the server.
//!
//! # Layers
//!
//! Imports point down, never up or sideways (`cargo xtask layers portal-client` checks it):
//!
//! 1. [`error`] and [`http`]: the crate's error, and the typed client of the server's API.
//! 2. [`store`]: the SQLite file and its migrations, the one reader of stored text into domain
//!    types, people's names, attached files, the marketing resources' files (checked by hash).
//! 3. [`replica`]: each record's server copy and the pure fold of the user's queued changes on top
//!    of it; the outbox, which stores what a change does and never words it.
//! 4. [`lists`]: the rows the pages read, kept in step with each view; search as you type; index
//!    set-aside for a large first sync; seats per day.
//! 5. [`sync`]: push, pull (its decisions a pure function, [`sync::plan`]) and the background
//!    engine.
//! 6. [`portal`], then [`session`]: the service and what every feature shares (who is signed in,
//!    queuing a change); signing in, resuming online or offline, signing out.
//! 7. [`features`]: one folder per menu group, the only place with `impl Portal` for a feature.
//! 8. `testing` (feature `testing`, for the crate's tests and benchmarks): generated sample data.
//!
//! The `sync_once` binary (feature `testing`) is a headless client for crash tests that SIGKILL
//! it. The benchmarks (`benches/`) measure search as you type over 100,000 prospects, a first sync
//! of a large firm and the sync of one change, the Dashboard of a large partner, and the marketing
//! library (5,000 items) searched as you type, each against a baseline measured in the same run.

pub mod error;
pub mod features;
pub mod http;
pub mod lists;
pub mod portal;
pub mod replica;
pub mod session;
pub mod store;
pub mod sync;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::ClientError;
/// The renewal reminders' notification, which the shell shows.
pub use features::customers::reminders;
pub use portal::{Portal, StoredSession};
pub use session::SignedIn;
