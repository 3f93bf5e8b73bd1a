//! The server's half of offline-first sync (see `portal_core::sync` for the protocol): per-firm
//! versions and the change log, pulls, pushes with their field merge, and the vendor's decisions on
//! deal registrations.
//!
//! - [`changelog`]: versions taken inside the write transaction, the change log, tombstones, the
//!   horizon and the purge.
//! - [`pull`]: a page of changes after a cursor, as the caller's role may see them.
//! - [`reference`]: the read-only reference records a pull carries, and their body shapes.
//! - [`push`]: a batch of mutations, each in its own transaction with its recorded outcome.
//! - [`merge`]: the field merge rule (pure).
//! - [`records`]: prospects and deals as stored.
//! - [`rules`], [`prospects`], [`deals`]: what each mutation may do and does; [`write`]: how
//!   they log, merge and save.
//! - [`adjudicate`]: the vendor's rule engine: submission → approved or rejected, and expiry.

pub mod adjudicate;
pub mod changelog;
pub mod deals;
pub mod merge;
pub mod prospects;
pub mod pull;
pub mod push;
pub mod records;
pub mod reference;
pub mod rules;
pub mod write;

pub use adjudicate::expire_deals;
pub use changelog::{purge_all_tombstones, purge_tombstones};
pub use pull::{pull, Viewer};
pub use push::{push, Writer};
