//! Syncing, as the toolbar and the Pending Changes page ask for it: sync now, the sync line, the
//! background sync started and stopped, and the notifications the shell forwards to the UI.

use crate::{error::ClientError, sync::engine::idle_status, Portal};
use portal_core::{pending::SyncStatus, sync::Entity};
use tokio::sync::{broadcast, watch};

impl Portal {
    /// Syncs at once (after any sync under way) and answers with the status it leaves; a sync
    /// that could not finish says why in `last_error`.
    pub async fn sync_now(&self) -> Result<SyncStatus, ClientError> {
        let link = self.sync_link().await?;
        Ok(self.hub.run(&link).await)
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
        let link = self.sync_link().await?;
        self.hub.start(link).await;
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
