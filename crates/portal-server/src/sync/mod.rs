//! The server's half of offline-first sync (see `portal_core::sync` for the protocol): per-firm
//! versions and the change log, pulls, pushes with their field merge, and the vendor's decisions on
//! deal registrations.
//!
//! - [`changelog`]: versions taken inside the write transaction, the change log, tombstones, the
//!   horizon and the purge.
//! - [`housekeeping`]: the hourly purge of old tombstones and old push answers.
//! - [`pull`]: a page of changes after a cursor, as the caller's role may see them.
//! - [`reference`]: the read-only reference records a pull carries, and their body shapes.
//! - [`push`]: a batch of mutations, each in its own transaction with its recorded outcome.
//! - [`merge`]: the field merge rule (pure).
//! - [`records`]: prospects and deals as stored; [`stored`]: what the shared steps need of each
//!   kind of stored record.
//! - [`rules`], [`prospects`], [`deals`]: what each mutation may do and does; [`write`]: how
//!   they log, merge and save; [`expiry`]: the sweep that expires records past a date.
//! - [`adjudicate`]: the vendor's rule engine: submission → approved or rejected, and expiry.
//! - [`pricebook`]: the price book as portal-core types, which quotes and orders are priced with.
//! - [`quote_records`], [`quotes`], [`orders`]: quotes and orders as stored and what their mutations
//!   do, with the vendor's discount approval and quote expiry; [`provision`]: the vendor's
//!   provisioning of submitted orders.

pub mod adjudicate;
pub mod changelog;
pub mod deals;
pub mod expiry;
pub mod housekeeping;
pub mod merge;
pub mod orders;
pub mod pricebook;
pub mod prospects;
pub mod provision;
pub mod pull;
pub mod push;
pub mod quote_records;
pub mod quotes;
pub mod records;
pub mod reference;
pub mod rules;
pub mod stored;
pub mod support_cases;
pub mod write;

pub use adjudicate::expire_deals;
pub use changelog::{purge_all_tombstones, purge_tombstones};
pub use housekeeping::{housekeep, Swept};
pub use provision::{provision_orders, Provisioned};
pub use pull::{pull, Viewer};
pub use push::{push, Writer};
pub use quotes::expire_quotes;
