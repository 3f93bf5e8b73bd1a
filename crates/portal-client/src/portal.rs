//! The service the desktop shell holds: one method per command, online first with the cache behind it.

use crate::{
    cache::Cache,
    error::ClientError,
    http::{normalize_server_url, ServerApi},
    outbox, projection,
    session::{Current, SignedIn, StoredSession, BRANDING, NEWS, PARTNER, PROFILE, USERS},
    sync::{engine::Hub, state, SyncContext},
};
use chrono::Utc;
use portal_core::{
    api::{
        auth::{LoginRequest, Profile},
        branding::Branding,
        news::NewsItem,
        partner::PartnerDetails,
        user::UserProfile,
    },
    secret::SessionToken,
    shell::{commands::SignIn, Connection, ExternalLink, SessionView, Snapshot},
    ApiError, Email, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{future::Future, path::Path, sync::Arc};
use tokio::sync::RwLock;

/// The client side of the portal for one app instance.
#[derive(Debug)]
pub struct Portal {
    pub(crate) cache: Cache,
    current: RwLock<Option<Current>>,
    pub(crate) hub: Arc<Hub>,
}

impl Portal {
    /// Opens the cache in `data_dir` (created if missing).
    pub async fn open(data_dir: &Path) -> Result<Self, ClientError> {
        let cache = Cache::open(&data_dir.join("cache.sqlite")).await?;
        Ok(Self {
            cache,
            current: RwLock::new(None),
            hub: Arc::new(Hub::new()),
        })
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    pub(crate) fn api(&self, base: &str) -> ServerApi {
        ServerApi::new(base)
    }

    /// The vendor's branding as the server at `server_url` states it, or as last cached.
    pub async fn branding(&self, server_url: &str) -> Result<Branding, ClientError> {
        let base = normalize_server_url(server_url)?;
        let api = self.api(&base);
        match api.branding().await {
            Ok(b) => {
                self.cache.put(&base, BRANDING, &b, Utc::now()).await?;
                Ok(b)
            }
            Err(e) if e.is_offline() => match self.cache.get(&base, BRANDING).await? {
                Some(cached) => Ok(cached.value),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Signs in with email and password; the session becomes current.
    pub async fn sign_in(&self, args: SignIn) -> Result<SignedIn, ClientError> {
        let base = normalize_server_url(&args.server_url)?;
        let email =
            Email::parse(&args.email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
        if args.password.is_empty() {
            return Err(ApiError::invalid("password", "Enter your password.").into());
        }
        let api = self.api(&base);
        let login = api
            .login(&LoginRequest {
                email: email.to_string(),
                password: args.password,
                remember: args.remember,
            })
            .await?;
        let branding = self.branding(&base).await?;
        let now = Utc::now();
        let stored = StoredSession {
            server_url: base,
            token: login.token,
            user_id: login.profile.user.id,
        };
        self.cache
            .put(&stored.user_id.to_string(), PROFILE, &login.profile, now)
            .await?;
        let view = self
            .make_current(
                stored.clone(),
                login.profile,
                branding,
                Connection::Online,
                now,
            )
            .await?;
        self.keep_partner_details().await;
        Ok(SignedIn { view, stored })
    }

    /// Resumes a remembered session: confirmed by the server when it answers, from the cache when
    /// it cannot be reached. An expired or revoked session is an error and its cache is forgotten.
    pub async fn resume(&self, stored: StoredSession) -> Result<SessionView, ClientError> {
        let api = self.api(&stored.server_url);
        let scope = stored.user_id.to_string();
        match api.me(&stored.token).await {
            Ok(profile) => {
                let now = Utc::now();
                self.cache.put(&scope, PROFILE, &profile, now).await?;
                let branding = self.branding(&stored.server_url).await?;
                let view = self
                    .make_current(stored, profile, branding, Connection::Online, now)
                    .await?;
                self.keep_partner_details().await;
                Ok(view)
            }
            Err(e) if e.is_offline() => {
                // Offline with nothing cached to open from: the offline error stands.
                let offline = || ClientError::Offline {
                    url: stored.server_url.clone(),
                };
                let profile = self
                    .cache
                    .get::<Profile>(&scope, PROFILE)
                    .await?
                    .ok_or_else(offline)?;
                let branding = self
                    .cache
                    .get::<Branding>(&stored.server_url, BRANDING)
                    .await?
                    .ok_or_else(offline)?;
                self.make_current(
                    stored,
                    profile.value,
                    branding.value,
                    Connection::Offline,
                    profile.as_of,
                )
                .await
            }
            Err(e) => {
                if matches!(
                    e.kind(),
                    ErrorKind::SessionExpired | ErrorKind::Unauthenticated
                ) {
                    // Changes the server has not taken stay for the user's next sign-in; the
                    // rest of what was cached for them is forgotten.
                    if self.unsynced(&scope).await? > 0 {
                        self.cache.forget_snapshots(&scope).await?;
                    } else {
                        self.cache.forget_scope(&scope).await?;
                    }
                }
                Err(e)
            }
        }
    }

    async fn make_current(
        &self,
        stored: StoredSession,
        profile: Profile,
        branding: Branding,
        connection: Connection,
        as_of: chrono::DateTime<Utc>,
    ) -> Result<SessionView, ClientError> {
        // Another user's background sync must not outlive their session.
        self.hub.stop().await;
        let scope = stored.user_id.to_string();
        {
            let mut tx = self.cache.pool().begin().await?;
            state::ensure(&mut tx, &scope).await?;
            let name = format!(
                "{} {}",
                profile.user.first_name.trim(),
                profile.user.last_name.trim()
            );
            projection::put_person(&mut tx, &scope, &scope, name.trim()).await?;
            tx.commit().await?;
        }
        let view = SessionView {
            server_url: stored.server_url.clone(),
            profile,
            branding: branding.clone(),
            connection,
            as_of,
            notice: None,
        };
        *self.current.write().await = Some(Current { stored, branding });
        self.hub.clear();
        self.hub.set_connection(connection);
        self.hub.refresh(&self.cache, &scope).await?;
        Ok(view)
    }

    /// Changes of the scope the server has not taken: waiting, in conflict, or refused.
    async fn unsynced(&self, scope: &str) -> Result<u32, ClientError> {
        let mut conn = self.cache.pool().acquire().await?;
        let (pending, attention) = outbox::counts(&mut conn, scope).await?;
        Ok(pending + attention)
    }

    /// Signs out: the server revokes the token (when reachable) and the user's cached data is
    /// forgotten. Offline, the local sign-out still happens; the token then lapses at its expiry.
    ///
    /// Changes the server has not taken (waiting, in conflict or refused) would be lost with the
    /// cache: unless `force`, signing out is refused while there are any.
    pub async fn sign_out(&self, force: bool) -> Result<(), ClientError> {
        let Some(scope) = self
            .current
            .read()
            .await
            .as_ref()
            .map(|c| c.stored.user_id.to_string())
        else {
            return Ok(());
        };
        let unsynced = self.unsynced(&scope).await?;
        if unsynced > 0 && !force {
            let what = if unsynced == 1 {
                "1 change that the server has not taken".to_owned()
            } else {
                format!("{unsynced} changes that the server has not taken")
            };
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                format!(
                    "You have {what}. Sync or settle them on the Pending Changes page before \
                     signing out, or sign out anyway to discard them."
                ),
            )));
        }
        self.hub.stop().await;
        // A "sync now" under way finishes before the scope is forgotten.
        let _no_sync = self.hub.exclusive().await;
        let Some(current) = self.current.write().await.take() else {
            return Ok(());
        };
        self.hub.clear();
        let api = self.api(&current.stored.server_url);
        match api.logout(&current.stored.token).await {
            Ok(()) => {}
            Err(e) if e.is_offline() => {
                tracing::warn!("signed out offline; the server session lapses at its expiry");
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::SessionExpired | ErrorKind::Unauthenticated
                ) => {}
            Err(e) => return Err(e),
        }
        self.cache
            .forget_scope(&current.stored.user_id.to_string())
            .await
    }

    /// Whether the current session's server answers now.
    pub async fn connection(&self) -> Connection {
        let Some(url) = self
            .current
            .read()
            .await
            .as_ref()
            .map(|c| c.stored.server_url.clone())
        else {
            return Connection::Offline;
        };
        if self.api(&url).is_reachable().await {
            Connection::Online
        } else {
            Connection::Offline
        }
    }

    /// The address behind one of the vendor's sites, from the current branding.
    pub async fn external_url(&self, link: ExternalLink) -> Result<String, ClientError> {
        let guard = self.current.read().await;
        let b = &guard.as_ref().ok_or(ClientError::NotSignedIn)?.branding;
        Ok(match link {
            ExternalLink::Community => b.community_url.clone(),
            ExternalLink::Blog => b.blog_url.clone(),
            ExternalLink::KnowledgeBase => b.knowledge_base_url.clone(),
        })
    }

    pub async fn partner_details(&self) -> Result<Snapshot<PartnerDetails>, ClientError> {
        self.snapshot(
            PARTNER,
            |api, token| async move { api.partner(&token).await },
        )
        .await
    }

    /// Caches the firm's details while online (their margin prices quotes offline); a failure
    /// only means the cached ones, if any, stay.
    async fn keep_partner_details(&self) {
        if let Err(e) = self.partner_details().await {
            tracing::warn!(error = %e, "the firm's details could not be fetched");
        }
    }

    pub async fn users(&self) -> Result<Snapshot<Vec<UserProfile>>, ClientError> {
        let users = self
            .snapshot(USERS, |api, token| async move { api.users(&token).await })
            .await?;
        // The owner column of the prospect list names them.
        let scope = self.session().await?.stored.user_id.to_string();
        let mut tx = self.cache.pool().begin().await?;
        for u in &users.data {
            let name = format!("{} {}", u.first_name.trim(), u.last_name.trim());
            projection::put_person(&mut tx, &scope, &u.id.to_string(), name.trim()).await?;
        }
        tx.commit().await?;
        Ok(users)
    }

    pub async fn news(&self) -> Result<Snapshot<Vec<NewsItem>>, ClientError> {
        self.snapshot(NEWS, |api, token| async move { api.news(&token).await })
            .await
    }

    /// The current session, or an error saying there is none.
    pub(crate) async fn session(&self) -> Result<Current, ClientError> {
        self.current
            .read()
            .await
            .clone()
            .ok_or(ClientError::NotSignedIn)
    }

    /// What a sync of the current session needs.
    pub(crate) async fn sync_context(&self) -> Result<SyncContext, ClientError> {
        let current = self.session().await?;
        let scope = current.stored.user_id.to_string();
        let client_id = {
            let mut conn = self.cache.pool().acquire().await?;
            state::ensure(&mut conn, &scope).await?.client_id
        };
        Ok(SyncContext {
            cache: self.cache.clone(),
            api: self.api(&current.stored.server_url),
            token: current.stored.token,
            scope,
            client_id,
        })
    }

    /// Reads a view from the server and caches it; when the server cannot be reached, the cached copy.
    async fn snapshot<T, F, Fut>(&self, name: &str, fetch: F) -> Result<Snapshot<T>, ClientError>
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
