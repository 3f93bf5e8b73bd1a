//! The events the shell sends the UI, by name.

/// After every change of the sync status; the payload is a [`crate::pending::SyncStatus`].
pub const SYNC_STATUS: &str = "sync-status";

/// After a sync applied the server's changes; the payload names the kinds of record that changed,
/// by their [`crate::sync::Entity`] names (`["prospect", "deal"]`).
pub const DATA_CHANGED: &str = "data-changed";

/// While the briefcase downloads, and when it changes; the payload is a
/// [`crate::resources::library::Briefcase`].
pub const BRIEFCASE: &str = "briefcase";

/// After a sync brought leads the user has not been told of; the payload is a
/// [`crate::pims::app::NewLeads`] (the shell also shows a native notification).
pub const LEADS: &str = "leads";
