//! Syncing one user's replica with the server: push the outbox in order, then pull every change
//! after the cursor. Each step that changes the cache is one transaction, so the app may be killed
//! at any instant: a push repeated after a lost answer gets the stored outcomes back, and a pull
//! page is applied whole or not at all.
//!
//! - [`push`] (with [`upload`], the files its changes refer to) and [`pull`]: the two halves of
//!   one sync; [`plan`] is the pull loop's decisions as a pure function, and [`page`] applies a
//!   pulled page to the cache;
//! - [`state`]: the client id, cursor and next mutation id of each user;
//! - [`engine`]: the background task that syncs on demand and every half minute, and publishes
//!   the status.

pub mod engine;
pub mod page;
pub mod plan;
pub mod pull;
pub mod push;
pub mod state;
pub mod upload;

use crate::{error::ClientError, http::ServerApi, store::Cache};
use portal_core::{pending::SyncProgress, secret::SessionToken, sync::Entity};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The link between one user's cache and the server that a sync runs over: the cache, the server
/// and the session's token, whose data it is, and the client id its pushes carry.
#[derive(Debug, Clone)]
pub struct SyncLink {
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
    link: &SyncLink,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    push::push(link, report).await?;
    pull::pull(link, report, progress).await
}
