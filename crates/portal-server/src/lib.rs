//! The vendor's central Reseller Portal server: authentication, tenancy, the system of record and
//! its HTTP API (described by the OpenAPI document it serves).
//!
//! - [`config`]: configuration from a TOML file and `PORTAL_*` environment variables.
//! - [`startup`]: [`Application`] — open and migrate the database, bind, then serve.
//! - [`auth`]: passwords, session tokens, the sign-in lockout, the [`auth::Caller`] extractor.
//! - [`routes`]: the endpoints and the OpenAPI document, built together.
//! - [`store`]: reading records into portal-core types, always scoped to the caller's firm.
//! - [`sync`]: the sync protocol's server half: change log, pull, push and merge, deal adjudication
//!   and expiry, quotes and orders with discount approval and order provisioning.
//! - [`vendor`]: the vendor's own staff and their work (channel managers' discount approvals).
//! - [`attachments`]: purchase-order files, addressed by their SHA-256.
//! - [`clock`]: the server's "today" (the system clock, or a fixed day for tests).
//! - [`seed`]: deterministic demo data ([`seed::DEMO_USERS`], [`seed::DEMO_PASSWORD`]).
//! - [`testing`]: [`testing::TestServer`] for integration tests.

pub mod attachments;
pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod state;
pub mod storage;
pub mod sync;
pub mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
pub mod vendor;

pub use config::Config;
pub use error::{Error, Result};
pub use startup::Application;
