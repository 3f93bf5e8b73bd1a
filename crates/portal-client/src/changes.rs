//! The user's changes as the shell sees them: queuing one (one transaction with the view it
//! alters), the Pending Changes page, settling conflicts and refusals, and syncing.

use crate::{
    error::ClientError,
    outbox::{self, NewChange},
    replica, summary,
    sync::engine::idle_status,
    Portal,
};
use chrono::Utc;
use portal_core::{
    ids::UserId,
    pending::{ChangeState, PendingChange, Resolution, SyncStatus},
    sync::{Entity, MutationOp, Outcome},
    ApiError, ErrorKind,
};
use sqlx::{Sqlite, Transaction};
use tokio::sync::{broadcast, watch};

impl Portal {
    /// The signed-in user's scope (their id as text) and id.
    pub(crate) async fn me(&self) -> Result<(String, UserId), ClientError> {
        let user = self.session().await?.stored.user_id;
        Ok((user.to_string(), user))
    }

    /// Queues `change` and refolds its record in `tx`, commits, then updates the status and asks
    /// the background sync to push it.
    pub(crate) async fn queue(
        &self,
        mut tx: Transaction<'_, Sqlite>,
        scope: &str,
        change: NewChange,
    ) -> Result<i64, ClientError> {
        let id = outbox::enqueue(&mut tx, scope, &change, Utc::now()).await?;
        replica::refold(&mut tx, scope, change.entity, change.record_id).await?;
        tx.commit().await?;
        self.changed_locally(scope).await;
        Ok(id)
    }

    async fn changed_locally(&self, scope: &str) {
        if let Err(e) = self.hub.refresh(&self.cache, scope).await {
            tracing::warn!(error = %e, "sync status could not be read");
        }
        self.hub.trigger();
    }

    /// The user's changes, newest first, with where each stands.
    pub async fn pending_changes(&self) -> Result<Vec<PendingChange>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        outbox::list(&mut conn, &scope).await
    }

    /// Settles a conflict: send my values again against the server's newer version, or take the
    /// server's.
    pub async fn resolve_change(
        &self,
        mutation_id: i64,
        resolution: Resolution,
    ) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let entry = outbox::get(&mut tx, &scope, mutation_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This change")))?;
        let (version, conflicts) = match (entry.state, entry.outcome) {
            (ChangeState::Conflict, Some(Outcome::Conflict { version, conflicts })) => {
                (version, conflicts)
            }
            _ => {
                return Err(ClientError::Refused(ApiError::new(
                    ErrorKind::Conflict,
                    "This change has no conflict to resolve.",
                )))
            }
        };
        outbox::set_synced(&mut tx, &scope, mutation_id).await?;
        match resolution {
            Resolution::TakeServer => {
                replica::refold(&mut tx, &scope, entry.entity, entry.record_id).await?;
                tx.commit().await?;
                self.changed_locally(&scope).await;
            }
            Resolution::KeepMine => {
                let server =
                    replica::server_copy(&mut tx, &scope, entry.entity, entry.record_id).await?;
                let fields: serde_json::Map<_, _> =
                    conflicts.into_iter().map(|c| (c.field, c.yours)).collect();
                let change = NewChange {
                    entity: entry.entity,
                    record_id: entry.record_id,
                    summary: summary::kept(&fields),
                    op: MutationOp::Update {
                        base_version: server.version.max(version),
                        fields,
                    },
                    record_label: entry.record_label,
                };
                self.queue(tx, &scope, change).await?;
            }
        }
        Ok(())
    }

    /// Removes an answered change from the list; the record keeps the server's state. A change
    /// still waiting for the server cannot be dismissed.
    pub async fn dismiss_change(&self, mutation_id: i64) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let entry = outbox::get(&mut tx, &scope, mutation_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This change")))?;
        if entry.state == ChangeState::Pending {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                "This change is still waiting for the server.",
            )));
        }
        outbox::remove(&mut tx, &scope, mutation_id).await?;
        replica::refold(&mut tx, &scope, entry.entity, entry.record_id).await?;
        tx.commit().await?;
        self.changed_locally(&scope).await;
        Ok(())
    }

    /// Syncs at once (after any sync under way) and answers with the status it leaves; a sync
    /// that could not finish says why in `last_error`.
    pub async fn sync_now(&self) -> Result<SyncStatus, ClientError> {
        let ctx = self.sync_context().await?;
        Ok(self.hub.run(&ctx).await)
    }

    /// The toolbar's sync line.
    pub async fn sync_status(&self) -> Result<SyncStatus, ClientError> {
        match self.me().await {
            Ok((scope, _)) => self.hub.refresh(&self.cache, &scope).await,
            Err(ClientError::NotSignedIn) => Ok(idle_status()),
            Err(e) => Err(e),
        }
    }

    /// Starts the background sync of the signed-in user (after sign-in or resume); it runs until
    /// sign-out or [`Portal::stop_sync`].
    pub async fn start_sync(&self) -> Result<(), ClientError> {
        let ctx = self.sync_context().await?;
        self.hub.start(ctx).await;
        Ok(())
    }

    pub async fn stop_sync(&self) {
        self.hub.stop().await;
    }

    /// Every change of the sync status.
    pub fn subscribe_status(&self) -> watch::Receiver<SyncStatus> {
        self.hub.subscribe_status()
    }

    /// The kinds of record each sync changed, when it changed any.
    pub fn subscribe_data_changes(&self) -> broadcast::Receiver<Vec<Entity>> {
        self.hub.subscribe_data()
    }
}
