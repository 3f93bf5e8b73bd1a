//! The replica: each record's server copy and the view the UI reads — the server's copy with the
//! user's queued changes on top — and the queue of those changes.
//!
//! - [`fold`]: the pure rule that puts queued changes on top of a server copy;
//! - [`copy`]: each record's stored copy and view, read for detail pages, refolded whenever the
//!   copy or its changes change (in the same transaction);
//! - [`outbox`]: the changes in the order made and the server's answers, with no wording.
//!
//! The list rows the pages read are kept in step one layer up, in [`crate::lists`].

pub mod copy;
pub mod fold;
pub mod outbox;

pub use copy::View;
pub use fold::{Folded, ServerCopy};
