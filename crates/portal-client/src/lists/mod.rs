//! The lists: the rows the pages read, kept in step with each record's view in the same
//! transaction, so that lists sort, filter, page and search without reading JSON.
//!
//! - [`refold`](mod@refold): a record's view and its list row refolded together (after a change
//!   is queued or answered, when a pull brings one change, on a reset); [`rows`] routes each kind
//!   to its list;
//! - one list per kind: [`prospects`] and [`deals`] (with the Prospects and Deals pages' queries),
//!   [`quotes`], [`orders`], [`support_cases`], [`resources`] (the marketing library and What's
//!   New) with [`briefcase`] (what is kept offline), [`pims`] (the kits, campaigns, profile and
//!   leads, read from their records), and [`reference`](mod@reference) for the Customers
//!   area's read-only kinds;
//! - [`search`] and [`grams`]: search as you type (the trigram indexes and the short-search
//!   counts);
//! - [`aside`]: indexes set aside while a large first sync inserts its rows, and built again;
//! - [`seats`]: the mailboxes covered per day, for the Dashboard;
//! - what several pages show of other records: [`labels`] (how a record is named), [`parties`]
//!   (names the lists know records by), [`price_book`] (the cached products).

pub mod aside;
pub mod briefcase;
pub mod deals;
pub mod grams;
pub mod labels;
pub mod orders;
pub mod parties;
pub mod pims;
pub mod price_book;
pub mod prospects;
pub mod quotes;
pub mod reference;
pub mod refold;
pub mod resources;
pub mod rows;
pub mod search;
pub mod seats;
pub mod support_cases;

pub use refold::refold;
