//! The app's side of Reseller Portal, with no Tauri in it: its tests and tools run without a window.
//!
//! - [`cache`]: the local SQLite cache (WAL, one writer, migrations in the top-level `migrations/`).
//! - [`http`]: the typed HTTP client of the central server's API.
//! - [`session`]: signing in, resuming a remembered session online or offline, signing out.
//! - [`portal`]: the service the desktop shell holds, one method per command; the Prospects and
//!   Deals commands are in [`prospects`] and [`deals`], the Quotes (and the price book) and
//!   Orders ones in [`quotes`] and [`orders`], a quote's PDF in [`pdf`], the quote builder's
//!   customer picker in [`customers`], the Pending Changes and sync ones in [`changes`].
//! - The Customers area's pages: [`accounts`] (customers), [`renewals`] (with the CSV export),
//!   [`invoices`] and [`support`], reading the list rows [`reference`] keeps.
//! - [`dashboard`]: the Dashboard's figures from the cache (the core's rule, as the server's), the
//!   seats covered read from the per-day changes [`seats`] keeps.
//! - [`attachments`]: files attached to orders, kept by their SHA-256 until a push uploads them.
//! - [`replica`]: each record's server copy and the view the UI reads (pending changes on top),
//!   with [`projection`] keeping the list rows in step and [`search`] querying them.
//! - [`outbox`]: the user's queued changes and the server's answers; [`summary`] names them and
//!   [`readable`] puts what they carry into words.
//! - [`sample`]: generated prospects for tests and the search benchmark.
//! - [`sync`]: push, pull and the background engine.
//! - [`error`]: the crate's error enum, convertible to the shared [`portal_core::ApiError`].
//!
//! The `sync_once` binary is a headless client (sign in, queue prospects, sync) for crash tests
//! that SIGKILL it; `benches/search.rs` measures search as you type over 100,000 prospects, and
//! `benches/sync.rs` a first sync of a large firm and the sync of one change, each against a
//! baseline.

pub mod accounts;
pub mod attachments;
pub mod cache;
pub mod changes;
pub mod customers;
pub mod dashboard;
pub mod deals;
pub mod error;
pub mod http;
pub mod invoices;
pub mod orders;
pub mod outbox;
pub mod pdf;
pub mod portal;
pub mod projection;
pub mod prospects;
pub mod quotes;
pub mod readable;
pub mod reference;
pub mod reminders;
pub mod renewals;
pub mod replica;
pub mod sample;
pub mod search;
pub mod seats;
pub mod session;
pub mod summary;
pub mod support;
pub mod sync;

pub use error::ClientError;
pub use portal::Portal;
pub use session::{SignedIn, StoredSession};
