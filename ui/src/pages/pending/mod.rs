//! Pending Changes: every change the user made on this computer and where it stands with the
//! server — waiting, synced, in conflict with somebody else's edit (the user keeps theirs or takes
//! the server's), or refused with the server's reason (the user dismisses it). A create or an edit
//! also lists what the user entered, open at once when the server refused it, so that nothing
//! typed is lost from view.

mod filter;
mod page;
mod values;

pub use page::PendingChangesPage;
