//! Keeps the [`SyncState`] the toolbar's sync line and the pages read: whether the server is
//! reachable, when the last sync ended, the user's changes still waiting, a running sync's
//! progress, and a count per kind of record of the syncs that changed it.
//!
//! The shell says so itself (`sync-status` and `data-changed` events); a poll every 15 seconds
//! keeps the line right if an event was missed.

use crate::{api, context::SyncState};
use gloo_timers::callback::Interval;
use portal_core::{
    pending::SyncStatus,
    shell::{commands as cmd, Connection},
    sync::Entity,
    ApiError,
};
use std::{collections::BTreeMap, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

const POLL_MS: u32 = 15_000;

#[derive(Clone, PartialEq)]
struct Syncing {
    status: Rc<SyncStatus>,
    changes: Rc<BTreeMap<Entity, u32>>,
}

enum SyncAction {
    Status(SyncStatus),
    /// Only the connection is known (a shell without `sync_status`).
    Connection(Connection),
    Started,
    Failed(ApiError),
    DataChanged(Vec<Entity>),
}

impl Reducible for Syncing {
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
fn poll(dispatch: UseReducerDispatcher<Syncing>) {
    spawn_local(async move {
        match api::invoke(cmd::GetSyncStatus {}).await {
            Ok(status) => dispatch.dispatch(SyncAction::Status(status)),
            // A failed poll leaves the line as it was; the next poll tries again.
            Err(_) => {
                if let Ok(c) = api::invoke(cmd::GetConnection {}).await {
                    dispatch.dispatch(SyncAction::Connection(c));
                }
            }
        }
    });
}

#[hook]
pub fn use_sync(initial: Connection) -> SyncState {
    let state = use_reducer_eq(|| Syncing {
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
                api::listen(api::DATA_CHANGED_EVENT, move |names: Vec<String>| {
                    // A kind this build does not know changes nothing it shows.
                    let entities = names.iter().filter_map(|n| Entity::parse(n)).collect();
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
                match api::invoke(cmd::SyncNow {}).await {
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
    SyncState::new(
        state.status.clone(),
        state.changes.clone(),
        sync_now,
        refresh,
    )
}
