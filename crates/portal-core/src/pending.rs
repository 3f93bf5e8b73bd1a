//! The user's queued changes and the state of syncing, as the Pending Changes page and the toolbar
//! show them.

use crate::error::ApiError;
use crate::shell::Connection;
use crate::sync::{Entity, FieldConflict};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire_enum! {
    /// Where one queued change stands.
    pub enum ChangeState {
        /// Made on this machine; the server has not answered yet.
        Pending = "pending",
        /// The server applied it.
        Synced = "synced",
        /// Somebody else changed the same field: the user decides which value stays.
        Conflict = "conflict",
        /// The server refused it, for the reason given.
        Refused = "refused",
    }
}

impl ChangeState {
    pub fn label(self) -> &'static str {
        match self {
            ChangeState::Pending => "Pending",
            ChangeState::Synced => "Synced",
            ChangeState::Conflict => "Conflict",
            ChangeState::Refused => "Refused",
        }
    }
}

/// One change the user made, newest first in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingChange {
    pub mutation_id: i64,
    pub entity: Entity,
    pub record_id: Uuid,
    /// The record as a person names it: company name, deal number or prospect name.
    pub record_label: String,
    /// What was done, such as "Created", "Edited notes, status", "Submitted", "Deleted".
    pub summary: String,
    pub state: ChangeState,
    pub made_at: DateTime<Utc>,
    /// For a conflict: each field with both values.
    #[serde(default)]
    pub conflicts: Vec<FieldConflict>,
    /// For a refusal: the server's reason.
    #[serde(default)]
    pub error: Option<ApiError>,
    /// For a create or an edit: the values the user entered, in the form's order (empty ones left
    /// out of a create), so that a refused or conflicting change keeps them in view.
    #[serde(default)]
    pub entered: Vec<EnteredValue>,
}

/// One value a change carries, as the user entered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnteredValue {
    /// The field's JSON name, such as `company_name`.
    pub field: String,
    /// The value as queued; a deal's prospect is given by its company name rather than its id.
    pub value: serde_json::Value,
}

crate::wire_enum! {
    /// How the user settles a conflict.
    pub enum Resolution {
        /// Send my values again, against the server's newer version.
        KeepMine = "keep_mine",
        /// Drop my values; show the server's.
        TakeServer = "take_server",
    }
}

/// How far the current sync has come (for the first sync's progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    /// Changes applied so far in this sync.
    pub done: i64,
    /// Changes this sync has to apply in all, as far as the server has said.
    pub total: i64,
}

/// The toolbar's sync line; also sent to the UI as the `sync-status` event whenever it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub connection: Connection,
    pub last_synced: Option<DateTime<Utc>>,
    /// Changes the server has not answered yet.
    pub pending: u32,
    /// Changes that need the user (conflicts and refusals not yet dismissed).
    pub needs_attention: u32,
    pub running: bool,
    /// Present while a sync is pulling many changes, such as a new install's first sync.
    pub progress: Option<SyncProgress>,
    /// Why the last sync stopped, when it did not finish.
    pub last_error: Option<ApiError>,
}
