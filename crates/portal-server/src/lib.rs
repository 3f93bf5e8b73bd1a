//! The vendor's central Reseller Portal server: authentication, tenancy, the system of record and
//! its HTTP API (described by the OpenAPI document it serves).
//!
//! The modules in layers, lowest first; a module names modules of its own layer or below, never
//! above (`cargo xtask layers portal-server` checks it, and that only [`storage`] names `sqlx`):
//!
//! - [`error`], [`config`], [`clock`], [`telemetry`]: the one error type, the configuration (a TOML
//!   file and `PORTAL_*` variables), the server's "today", structured logs.
//! - [`storage`]: every SQL statement, behind an engine-neutral API. [`storage::Storage`] hands out
//!   connections and read and write transactions; each area is a folder with its API and types in
//!   `mod.rs` and its SQL for SQLite in `sqlite.rs` (PostgreSQL will be a second file beside it):
//!   `records` (prospects, deals, quotes, orders as stored), `changelog` (versions, the change log,
//!   tombstones), `pushes`, `reference`, `resources` (marketing resources and their uses), `pims`
//!   (campaign kits, profiles and logos, campaigns, leads, landing-page counts),
//!   `pricebook`, `customers`, `accounts`, `sessions`, `lockout`, `attachments`, `dashboard`,
//!   `bulk` (the seed's loading); and `blobs`, the resources' files on disk beside the database. Migrations are in
//!   `migrations/sqlite/`.
//! - [`state`]: [`state::AppState`], what every handler shares (the storage, the configuration, the
//!   clock).
//! - The rules and jobs: [`auth`] (passwords, sessions, the lockout, the [`auth::Caller`] extractor),
//!   [`sync`] (pull, push and what each mutation does, the vendor's adjudication, approvals,
//!   expiry and provisioning, the marketing resources' publishing and audience, PIMS in `sync/pims/`:
//!   kits, profiles and logos, campaigns and their steps, leads and their expiry, landing-page
//!   posts, results), [`vendor`] (the vendor's staff and their work), [`attachments`]
//!   (purchase-order files by SHA-256), [`seed`] (deterministic demo data, [`seed::DEMO_USERS`],
//!   [`seed::DEMO_PASSWORD`]).
//! - [`routes`]: the endpoints and the OpenAPI document, built together.
//! - [`startup`]: [`Application`] — open and migrate the database, bind, then serve (with the
//!   client's address, for the landing pages' rate limit); the hourly chores, the provisioning task
//!   and the lead expiry every minute.
//! - `testing` (the `testing` feature, for tests only): `TestServer`, the real server on a free
//!   port with a fresh seeded database.
//!
//! **A synced feature, from the route to the row** (quotes, say; prospects, deals, orders and
//! support cases go the same way):
//!
//! - the routes: `routes/sync.rs` serves `GET /api/v1/sync/changes` and `POST /api/v1/sync/mutations`;
//! - the push handler: `sync/push.rs` dispatches each mutation, in its own write transaction, to
//!   its kind's handler — `sync/quotes.rs` (`create`, `update`, `delete`, `act`, and the vendor's
//!   approval and expiry) — which checks with `sync/rules.rs` and writes with `sync/write.rs`, as
//!   the `sync/writer.rs` who pushed;
//! - the pull query: `sync/pull.rs` reads a page of the change log (`storage::changelog::page`)
//!   and the page's bodies (`storage::records::bodies`, `storage::reference::bodies` for the
//!   read-only kinds) from one snapshot;
//! - the storage behind them: `storage/records/` (`StoredQuote`, the `Stored` trait, the queries;
//!   SQL in `storage/records/sqlite/`) and `storage/changelog/` (the version and the log row every
//!   write takes).

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
