//! The service the desktop shell holds, one per app instance: the cache, the session it holds now
//! and the sync machinery, with what every feature's commands share — who is signed in, queuing a
//! change, reading a server view through the cache. Signing in and out is [`crate::session`]'s;
//! the commands themselves are in [`crate::features`].

use crate::{
    error::ClientError,
    http::ServerApi,
    lists::{self, aside},
    replica::outbox::{self, NewChange},
    store::{blobs::Blobs, names::put_person, Cache},
    sync::{engine::Hub, state, SyncLink},
};
use chrono::Utc;
use portal_core::{
    api::{branding::Branding, partner::PartnerDetails, user::UserProfile},
    ids::UserId,
    secret::SessionToken,
    shell::Snapshot,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sqlx::{Sqlite, Transaction};
use std::{future::Future, path::Path, sync::Arc};
use tokio::sync::RwLock;

/// What the shell stores in the OS keychain for "remember me": enough to resume the session,
/// online or offline. Never written to a plain file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSession {
    pub server_url: String,
    pub token: SessionToken,
    pub user_id: UserId,
}

/// The session the client holds in memory while the app runs.
#[derive(Debug, Clone)]
pub(crate) struct Current {
    pub stored: StoredSession,
    pub branding: Branding,
}

/// Names of the server's answers the cache keeps whole (scope: the user id).
pub(crate) const PROFILE: &str = "profile";
pub(crate) const PARTNER: &str = "partner";
pub(crate) const USERS: &str = "users";
pub(crate) const NEWS: &str = "news";
/// The name of the vendor's branding in the cache (scope: the server address).
pub(crate) const BRANDING: &str = "branding";

/// The client side of the portal for one app instance.
#[derive(Debug)]
pub struct Portal {
    pub(crate) cache: Cache,
    pub(crate) current: RwLock<Option<Current>>,
    pub(crate) hub: Arc<Hub>,
    /// The marketing resources' files (`<data dir>/resources/`).
    pub(crate) blobs: Blobs,
}

impl Portal {
    /// Opens the cache in `data_dir` (created if missing).
    pub async fn open(data_dir: &Path) -> Result<Self, ClientError> {
        let cache = aside::open(&data_dir.join("cache.sqlite")).await?;
        Ok(Self {
            cache,
            current: RwLock::new(None),
            hub: Arc::new(Hub::new()),
            blobs: Blobs::new(data_dir.join("resources")),
        })
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    pub(crate) fn api(&self, base: &str) -> ServerApi {
        ServerApi::new(base)
    }

    /// The current session, or an error saying there is none.
    pub(crate) async fn session(&self) -> Result<Current, ClientError> {
        self.current
            .read()
            .await
            .clone()
            .ok_or(ClientError::NotSignedIn)
    }

    /// The signed-in user's scope (their id as text) and id.
    pub(crate) async fn me(&self) -> Result<(String, UserId), ClientError> {
        let user = self.session().await?.stored.user_id;
        Ok((user.to_string(), user))
    }

    /// What a sync of the current session runs over.
    pub(crate) async fn sync_link(&self) -> Result<SyncLink, ClientError> {
        let current = self.session().await?;
        let scope = current.stored.user_id.to_string();
        let client_id = {
            let mut conn = self.cache.pool().acquire().await?;
            state::ensure(&mut conn, &scope).await?.client_id
        };
        Ok(SyncLink {
            cache: self.cache.clone(),
            api: self.api(&current.stored.server_url),
            token: current.stored.token,
            scope,
            client_id,
        })
    }

    /// Queues `change` and refolds its record in `tx`, commits, then updates the status and asks
    /// the background sync to push it. A user's action is this one local transaction.
    pub(crate) async fn queue(
        &self,
        mut tx: Transaction<'_, Sqlite>,
        scope: &str,
        change: NewChange,
    ) -> Result<i64, ClientError> {
        let id = outbox::enqueue(&mut tx, scope, &change, Utc::now()).await?;
        lists::refold(&mut tx, scope, change.entity, change.record_id).await?;
        tx.commit().await?;
        self.changed_locally(scope).await;
        Ok(id)
    }

    /// After a local change: the status recounted, the background sync asked to run.
    pub(crate) async fn changed_locally(&self, scope: &str) {
        if let Err(e) = self.hub.refresh(&self.cache, scope).await {
            tracing::warn!(error = %e, "sync status could not be read");
        }
        self.hub.trigger();
    }

    /// The firm's details, cached while online: their margin prices quotes offline.
    pub(crate) async fn firm_details(&self) -> Result<Snapshot<PartnerDetails>, ClientError> {
        self.snapshot(
            PARTNER,
            |api, token| async move { api.partner(&token).await },
        )
        .await
    }

    /// The firm's users; their names are kept for the lists' owner columns.
    pub(crate) async fn firm_users(&self) -> Result<Snapshot<Vec<UserProfile>>, ClientError> {
        let users = self
            .snapshot(USERS, |api, token| async move { api.users(&token).await })
            .await?;
        let scope = self.session().await?.stored.user_id.to_string();
        let mut tx = self.cache.pool().begin().await?;
        for u in &users.data {
            let name = format!("{} {}", u.first_name.trim(), u.last_name.trim());
            put_person(&mut tx, &scope, &u.id.to_string(), name.trim()).await?;
        }
        tx.commit().await?;
        Ok(users)
    }

    /// Reads a view from the server and caches it; when the server cannot be reached, the cached copy.
    pub(crate) async fn snapshot<T, F, Fut>(
        &self,
        name: &str,
        fetch: F,
    ) -> Result<Snapshot<T>, ClientError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(ServerApi, SessionToken) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let stored = self
            .current
            .read()
            .await
            .as_ref()
            .ok_or(ClientError::NotSignedIn)?
            .stored
            .clone();
        let scope = stored.user_id.to_string();
        match fetch(self.api(&stored.server_url), stored.token).await {
            Ok(data) => {
                let as_of = Utc::now();
                self.cache.put(&scope, name, &data, as_of).await?;
                Ok(Snapshot {
                    data,
                    as_of,
                    from_cache: false,
                })
            }
            Err(e) if e.is_offline() => match self.cache.get::<T>(&scope, name).await? {
                Some(c) => Ok(Snapshot {
                    data: c.value,
                    as_of: c.as_of,
                    from_cache: true,
                }),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }
}
