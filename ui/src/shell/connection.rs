//! The toolbar's sync line and what pages need of it: whether the server is reachable, when the
//! last sync ended, the user's changes still waiting, a running sync's progress, and a count per
//! kind of record of the syncs that changed it, so pages reload when the data under them moved.
//!
//! The shell says so itself (`sync-status` and `data-changed` events); a poll every 15 seconds
//! keeps the line right if an event was missed.

use crate::api;
use gloo_timers::callback::Interval;
use portal_core::{pending::SyncStatus, shell::Connection, ApiError};
use std::{collections::BTreeMap, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

const POLL_MS: u32 = 15_000;

/// What every page may read of syncing, and the two things it may ask for.
#[derive(Clone, PartialEq)]
pub struct SyncContext {
    pub status: Rc<SyncStatus>,
    /// Per kind of record ("prospect", "deal"): how many syncs have changed it so far.
    changes: Rc<BTreeMap<String, u32>>,
    /// Syncs at once (the toolbar's and the Pending Changes page's "Sync now").
    pub sync_now: Callback<()>,
    /// Asks for the status again, such as after the user's own change.
    pub refresh: Callback<()>,
}

impl SyncContext {
    /// Grows each time a sync changes one of `entities`: a page puts it among its effect's
    /// dependencies to reload then.
    pub fn data_version(&self, entities: &[&str]) -> u32 {
        entities
            .iter()
            .filter_map(|e| self.changes.get(*e))
            .fold(0_u32, |sum, n| sum.wrapping_add(*n))
    }

    /// What a page showing records of `entities` reloads on: a sync that changed one of them, and
    /// any change in the number of the user's changes waiting or needing attention (their flags
    /// show on the records). Kept apart, not summed: the sync that takes a waiting change (one
    /// fewer) and brings its record back (one more) would leave a sum, and the page, as it was.
    pub fn reload_key(&self, entities: &[&str]) -> ReloadKey {
        (
            self.data_version(entities),
            self.status.pending,
            self.status.needs_attention,
        )
    }
}

/// See [`SyncContext::reload_key`].
pub type ReloadKey = (u32, u32, u32);

#[derive(Clone, PartialEq)]
struct SyncState {
    status: Rc<SyncStatus>,
    changes: Rc<BTreeMap<String, u32>>,
}

enum SyncAction {
    Status(SyncStatus),
    /// Only the connection is known (a shell without `sync_status`).
    Connection(Connection),
    Started,
    Failed(ApiError),
    DataChanged(Vec<String>),
}

impl Reducible for SyncState {
    type Action = SyncAction;

    fn reduce(self: Rc<Self>, action: SyncAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let status = Rc::make_mut(&mut next.status);
        match action {
            SyncAction::Status(s) => *status = s,
            SyncAction::Connection(c) => status.connection = c,
            SyncAction::Started => {
                status.running = true;
                status.last_error = None;
            }
            SyncAction::Failed(e) => {
                status.running = false;
                status.progress = None;
                if e.kind == portal_core::ErrorKind::Offline {
                    status.connection = Connection::Offline;
                }
                status.last_error = Some(e);
            }
            SyncAction::DataChanged(entities) => {
                let changes = Rc::make_mut(&mut next.changes);
                for e in entities {
                    let n = changes.entry(e).or_default();
                    *n = n.wrapping_add(1);
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

fn initial_status(connection: Connection) -> SyncStatus {
    SyncStatus {
        connection,
        last_synced: None,
        pending: 0,
        needs_attention: 0,
        running: false,
        progress: None,
        last_error: None,
    }
}

/// Asks the shell for the sync status; an older shell that only knows `connection` still gets
/// the online/offline indicator right.
fn poll(dispatch: UseReducerDispatcher<SyncState>) {
    spawn_local(async move {
        match api::sync_status().await {
            Ok(status) => dispatch.dispatch(SyncAction::Status(status)),
            // A failed poll leaves the line as it was; the next poll tries again.
            Err(_) => {
                if let Ok(c) = api::connection().await {
                    dispatch.dispatch(SyncAction::Connection(c));
                }
            }
        }
    });
}

#[hook]
pub fn use_sync(initial: Connection) -> SyncContext {
    let state = use_reducer_eq(|| SyncState {
        status: Rc::new(initial_status(initial)),
        changes: Rc::default(),
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            poll(dispatch.clone());
            let on_status = {
                let dispatch = dispatch.clone();
                api::listen(api::SYNC_STATUS_EVENT, move |s: SyncStatus| {
                    dispatch.dispatch(SyncAction::Status(s))
                })
            };
            let on_data = {
                let dispatch = dispatch.clone();
                api::listen(api::DATA_CHANGED_EVENT, move |entities: Vec<String>| {
                    dispatch.dispatch(SyncAction::DataChanged(entities))
                })
            };
            let interval = Interval::new(POLL_MS, move || poll(dispatch.clone()));
            move || {
                drop(interval);
                drop(on_status);
                drop(on_data);
            }
        });
    }
    let sync_now = {
        let dispatch = state.dispatcher();
        let running = state.status.running;
        Callback::from(move |()| {
            if running {
                return;
            }
            dispatch.dispatch(SyncAction::Started);
            let dispatch = dispatch.clone();
            spawn_local(async move {
                match api::sync_now().await {
                    Ok(status) => dispatch.dispatch(SyncAction::Status(status)),
                    Err(e) => dispatch.dispatch(SyncAction::Failed(e)),
                }
            });
        })
    };
    let refresh = {
        let dispatch = state.dispatcher();
        Callback::from(move |()| poll(dispatch.clone()))
    };
    SyncContext {
        status: state.status.clone(),
        changes: state.changes.clone(),
        sync_now,
        refresh,
    }
}
