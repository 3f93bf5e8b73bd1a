//! The Reseller Portal domain: every rule lives once, here, and is shared by the UI, the client and the server.
//!
//! - [`ids`]: typed record identifiers (UUIDv7, born where the record is born).
//! - [`role`] and [`menu`]: who may see what, and the app's two-level menu.
//! - [`email`], [`domain`], [`money`]: values parsed at the edge.
//! - [`deal`]: the deal-registration life cycle and who may move it.
//! - [`prospect`] and [`registration`]: the prospect and deal-registration records and their rules.
//! - [`pricebook`] and [`pricing`]: the price book and the one pricing engine (UI, client, server).
//! - [`quote`] and [`order`]: quotes with their revisions and approval, and orders placed from them;
//!   [`quoting`]: what the Quotes and Orders pages show.
//! - [`customers`]: what the Customers, Renewals, Invoices and Support Cases pages show.
//! - [`dashboard`]: the Dashboard's figures and the one rule that computes them (app and server).
//! - [`sync`]: the sync protocol between the app's cache and the server.
//! - [`resources`]: marketing resources: who sees them, their files, the briefcase and the vendor's
//!   publishing.
//! - [`pims`]: PIMS lead generation: the marketing profile, campaign kits and campaigns, the one
//!   template renderer (app preview and public landing page), leads and their life cycle, results.
//! - [`support`]: opening a support case (the form and its rules).
//! - [`sales`] and [`pending`]: what the Prospects, Deals and Pending Changes pages show.
//! - [`error`]: the one serializable error shape that crosses every boundary.
//! - [`api`]: request and response bodies of the central server's HTTP API.
//! - [`shell`]: what the desktop shell's commands take and return (the UI ↔ shell contract).
//!
//! No I/O happens here; the crate builds for wasm32 so the UI can use the same rules.

pub mod actor;
pub mod api;
pub mod customers;
pub mod dashboard;
pub mod deal;
pub mod domain;
pub mod email;
pub mod error;
pub mod ids;
pub mod menu;
pub mod money;
pub mod order;
pub mod pending;
pub mod pims;
pub mod pricebook;
pub mod pricing;
pub mod prospect;
pub mod quote;
pub mod quoting;
pub mod registration;
pub mod resources;
pub mod role;
pub mod sales;
pub mod secret;
pub mod shell;
pub mod support;
pub mod sync;
pub mod wire;
pub mod words;

pub use domain::Domain;
pub use email::Email;
pub use error::{ApiError, ErrorKind};
pub use money::{Money, Percent};
pub use role::Role;
