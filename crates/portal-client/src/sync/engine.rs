//! The background sync: a task that syncs when asked (after each local change, on "sync now") and
//! every half minute while online, backs off while offline, and publishes the [`SyncStatus`] on a
//! watch channel and the kinds of record a sync changed on a broadcast channel.

use super::{state, sync_once, Report, SyncLink};
use crate::{error::ClientError, replica::outbox, store::Cache};
use portal_core::{pending::SyncStatus, shell::Connection, sync::Entity};
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    sync::{broadcast, watch, Notify},
    task::JoinHandle,
};

/// How often an online client looks for changes when nothing asks it to.
pub const ONLINE_INTERVAL: Duration = Duration::from_secs(30);
/// The first wait after a failed sync; it doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_secs(5);
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The sync machinery one app instance shares: the status, the notifications, the trigger, and
/// the background task when one runs.
#[derive(Debug)]
pub struct Hub {
    status: watch::Sender<SyncStatus>,
    data: broadcast::Sender<Vec<Entity>>,
    trigger: Notify,
    /// One sync at a time, whether started by the task or by "sync now".
    run_lock: tokio::sync::Mutex<()>,
    task: Mutex<Option<Background>>,
}

#[derive(Debug)]
struct Background {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

/// The status before anything is known.
pub fn idle_status() -> SyncStatus {
    SyncStatus {
        connection: Connection::Offline,
        last_synced: None,
        pending: 0,
        needs_attention: 0,
        running: false,
        progress: None,
        last_error: None,
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    pub fn new() -> Self {
        let (status, _) = watch::channel(idle_status());
        let (data, _) = broadcast::channel(64);
        Self {
            status,
            data,
            trigger: Notify::new(),
            run_lock: tokio::sync::Mutex::new(()),
            task: Mutex::new(None),
        }
    }

    pub fn subscribe_status(&self) -> watch::Receiver<SyncStatus> {
        self.status.subscribe()
    }

    pub fn subscribe_data(&self) -> broadcast::Receiver<Vec<Entity>> {
        self.data.subscribe()
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Asks the background task (if any) to sync soon.
    pub fn trigger(&self) {
        self.trigger.notify_one();
    }

    /// Sets the connection as last seen outside a sync (sign-in, resume).
    pub fn set_connection(&self, connection: Connection) {
        self.status.send_if_modified(|s| {
            let changed = s.connection != connection;
            s.connection = connection;
            changed
        });
    }

    /// Recounts the scope's outbox and reads its last sync time; publishes when they changed.
    pub async fn refresh(&self, cache: &Cache, scope: &str) -> Result<SyncStatus, ClientError> {
        let mut conn = cache.pool().acquire().await?;
        let (pending, needs_attention) = outbox::counts(&mut conn, scope).await?;
        let last_synced = state::load(&mut conn, scope)
            .await?
            .and_then(|s| s.last_synced);
        self.status.send_if_modified(|s| {
            let before = (s.pending, s.needs_attention, s.last_synced);
            s.pending = pending;
            s.needs_attention = needs_attention;
            s.last_synced = last_synced;
            before != (s.pending, s.needs_attention, s.last_synced)
        });
        Ok(self.status())
    }

    /// Runs one sync now (after any sync under way) and returns the status it leaves.
    pub async fn run(&self, link: &SyncLink) -> SyncStatus {
        let _one_at_a_time = self.run_lock.lock().await;
        self.status.send_modify(|s| s.running = true);
        let mut report = Report::default();
        let status = &self.status;
        let mut progress = |p| status.send_modify(|s| s.progress = Some(p));
        let result = sync_once(link, &mut report, &mut progress).await;
        if let Err(e) = &result {
            if e.is_offline() {
                tracing::debug!(error = %e, "sync: server unreachable");
            } else {
                tracing::warn!(error = %e, "sync stopped");
            }
        }
        self.status.send_modify(|s| {
            s.running = false;
            s.progress = None;
            match &result {
                Ok(()) => {
                    s.connection = Connection::Online;
                    s.last_error = None;
                }
                Err(e) => {
                    s.connection = if e.is_offline() {
                        Connection::Offline
                    } else {
                        Connection::Online
                    };
                    s.last_error = Some(e.to_api_error());
                }
            }
        });
        if let Err(e) = self.refresh(&link.cache, &link.scope).await {
            tracing::warn!(error = %e, "sync status could not be read");
        }
        if !report.changed.is_empty() {
            // Nobody listening is fine.
            let _ = self.data.send(report.changed.iter().copied().collect());
        }
        self.status()
    }

    /// Starts the background task for `link`, stopping any earlier one first.
    pub async fn start(self: &Arc<Self>, link: SyncLink) {
        self.stop().await;
        let (stop, stopped) = watch::channel(false);
        let handle = tokio::spawn(background(self.clone(), link, stopped));
        *self.task.lock().expect("sync task lock") = Some(Background { stop, handle });
    }

    /// Stops the background task; a sync under way is abandoned (each step is a transaction, so
    /// what it committed stays and the rest is redone next time).
    pub async fn stop(&self) {
        let running = self.task.lock().expect("sync task lock").take();
        if let Some(bg) = running {
            let _ = bg.stop.send(true);
            if let Err(e) = bg.handle.await {
                if !e.is_cancelled() {
                    tracing::warn!(error = %e, "the sync task failed");
                }
            }
        }
    }

    /// Waits for any sync under way and keeps others from starting while the guard lives.
    pub async fn exclusive(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.run_lock.lock().await
    }

    /// Back to the idle status (after sign-out).
    pub fn clear(&self) {
        self.status.send_replace(idle_status());
    }
}

async fn background(hub: Arc<Hub>, link: SyncLink, mut stopped: watch::Receiver<bool>) {
    let mut backoff = FIRST_BACKOFF;
    loop {
        let status = tokio::select! {
            status = hub.run(&link) => status,
            _ = stopped.changed() => return,
        };
        let wait = if status.last_error.is_none() {
            backoff = FIRST_BACKOFF;
            ONLINE_INTERVAL
        } else {
            let wait = backoff;
            backoff = (backoff * 2).min(MAX_BACKOFF);
            wait
        };
        tokio::select! {
            _ = hub.trigger.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stopped.changed() => return,
        }
    }
}
