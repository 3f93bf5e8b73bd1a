//! The crate's one integration-test binary: the real client against the real server on
//! 127.0.0.1:0 with a fresh, seeded database (or, for the lists, a cache loaded without one). One
//! module per area, sharing [`support`]:
//!
//! - [`session`]: signing in, resuming online and offline, signing out;
//! - [`sync`]: offline work queued and synced, merges and conflicts, local rules, resets, the
//!   background sync; [`pages`]: a pulled page applied at once or change by change;
//! - [`faults`] and [`crash`]: sync under real faults and kills; [`convergence`]: three machines
//!   converge whatever the interleaving;
//! - [`search`]: search as you type over a large cache;
//! - [`quotes`], [`orders`], [`customers`], [`support_cases`], [`reminders`], [`dashboard`],
//!   [`resources`], [`pims`]: the features, by menu group.

mod convergence;
mod crash;
mod customers;
mod dashboard;
mod faults;
mod orders;
mod pages;
mod pims;
mod quotes;
mod reminders;
mod resources;
mod search;
mod session;
mod support;
mod support_cases;
mod sync;
