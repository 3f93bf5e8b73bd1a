//! Syncing one user's replica with the server: push the outbox in order, then pull every change
//! after the cursor. Each step that changes the cache is one transaction, so the app may be killed
//! at any instant: a push repeated after a lost answer gets the stored outcomes back, and a pull
//! page is applied whole or not at all.
//!
//! - [`push`] and [`pull`]: the two halves of one sync.
//! - [`state`]: the client id, cursor and next mutation id of each user.
//! - [`engine`]: the background task that syncs on demand and every half minute, and publishes
//!   the status.

pub mod engine;
pub mod pull;
pub mod push;
pub mod state;

use crate::{cache::Cache, error::ClientError, http::ServerApi};
use portal_core::{pending::SyncProgress, secret::SessionToken, sync::Entity};
use std::collections::BTreeSet;
use uuid::Uuid;

/// What a sync needs: the cache, the server and whose data it is.
#[derive(Debug, Clone)]
pub struct SyncContext {
    pub cache: Cache,
    pub api: ServerApi,
    pub token: SessionToken,
    /// The signed-in user's id, which scopes everything in the cache.
    pub scope: String,
    pub client_id: Uuid,
}

/// What one sync did, so far as it got.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Changes the server answered.
    pub pushed: usize,
    /// Changes pulled and applied.
    pub pulled: usize,
    /// The kinds of record whose views changed.
    pub changed: BTreeSet<Entity>,
}

/// One whole sync: push, then pull until the server has nothing more. `report` holds what was
/// done even when it stops on an error.
pub async fn sync_once(
    ctx: &SyncContext,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    push::push(ctx, report).await?;
    pull::pull(ctx, report, progress).await
}
