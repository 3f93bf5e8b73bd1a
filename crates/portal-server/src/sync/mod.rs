//! The server's half of offline-first sync (see `portal_core::sync` for the protocol): pulls,
//! pushes with their field merge, what each mutation may do and does, and the vendor's side of the
//! records partners sync — deal adjudication, quote approval, expiry, order provisioning.
//! Everything is stored through [`crate::storage`].
//!
//! - [`pull`]: a page of changes after a cursor, as the caller's role may see them;
//!   [`reference`]: which reference records only the Customers area receives, and their shapes.
//! - [`push`]: the dispatcher — a batch of mutations, each in its own write transaction with its
//!   recorded outcome, handed to the handler of its kind: [`prospects`], [`deals`], [`quotes`],
//!   [`orders`], [`support_cases`], and `resource_use` in [`resources::uses`].
//! - [`resources`]: marketing resources — the vendor publishes, replaces and withdraws items, each
//!   change logged for exactly the firms the item's audience admits; their files; the uses partners
//!   push.
//! - [`pims`]: campaign kits, marketing profiles and logos, campaigns and their online steps, leads
//!   (decisions, the vendor's distribution, expiry), landing-page posts and campaign results.
//! - What the handlers share, beside the dispatcher: [`writer`] (who pushes, the rules of the
//!   day), [`rules`] (the checks), [`write`] (log, merge and save), [`merge`] (the field merge
//!   rule, pure), [`numbers`] (numbers shown to people).
//! - The vendor's side: [`adjudicate`] (a submitted registration approved or rejected, and deal
//!   expiry), quote approval and expiry in [`quotes`], the vendor's refusal in [`orders`],
//!   [`provision`] (submitted orders provisioned), [`expiry`] (the dated sweep both expiries use),
//!   [`housekeeping`] (the hourly purge of old tombstones and push answers).

pub mod adjudicate;
pub mod deals;
pub mod expiry;
pub mod housekeeping;
pub mod merge;
pub mod numbers;
pub mod orders;
pub mod pims;
pub mod prospects;
pub mod provision;
pub mod pull;
pub mod push;
pub mod quotes;
pub mod reference;
pub mod resources;
pub mod rules;
pub mod support_cases;
pub mod write;
pub mod writer;

pub use adjudicate::expire_deals;
pub use housekeeping::{housekeep, purge_all_tombstones, purge_tombstones, Swept};
pub use provision::{provision_orders, Provisioned};
pub use pull::{pull, Viewer};
pub use push::push;
pub use quotes::expire_quotes;
pub use writer::Writer;
