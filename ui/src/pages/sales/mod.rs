//! Sales: prospects, deal registrations and quotes.
//!
//! Every list and record comes from the shell's local cache — the server's state with the user's
//! own changes on top — so all of it works offline; pages reload when a sync changes their data.

mod deals;
mod prospects;
mod quotes;

pub use deals::DealsPage;
pub use prospects::ProspectsPage;
pub use quotes::QuotesPage;
