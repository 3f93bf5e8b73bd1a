//! The Pending Changes list's filter: all changes, the ones that need the user, waiting, synced.

use portal_core::pending::ChangeState;

/// Which changes the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Conflicts and refusals.
    Attention,
    Pending,
    Synced,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Attention,
        Filter::Pending,
        Filter::Synced,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Attention => "attention",
            Filter::Pending => "pending",
            Filter::Synced => "synced",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Attention => "Needs you",
            Filter::Pending => "Waiting",
            Filter::Synced => "Synced",
        }
    }

    pub fn admits(self, state: ChangeState) -> bool {
        match self {
            Filter::All => true,
            Filter::Attention => matches!(state, ChangeState::Conflict | ChangeState::Refused),
            Filter::Pending => state == ChangeState::Pending,
            Filter::Synced => state == ChangeState::Synced,
        }
    }
}
