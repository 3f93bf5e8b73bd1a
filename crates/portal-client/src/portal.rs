//! The service the desktop shell holds: one method per command, online first with the cache behind it.

use crate::{
    cache::Cache,
    error::ClientError,
    http::{normalize_server_url, ServerApi},
    session::{Current, SignedIn, StoredSession, BRANDING, NEWS, PARTNER, PROFILE, USERS},
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
    shell::{Connection, ExternalLink, SessionView, SignInArgs, Snapshot},
    ApiError, Email, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{future::Future, path::Path};
use tokio::sync::RwLock;

/// The client side of the portal for one app instance.
#[derive(Debug)]
pub struct Portal {
    cache: Cache,
    current: RwLock<Option<Current>>,
}

impl Portal {
    /// Opens the cache in `data_dir` (created if missing).
    pub async fn open(data_dir: &Path) -> Result<Self, ClientError> {
        let cache = Cache::open(&data_dir.join("cache.sqlite")).await?;
        Ok(Self {
            cache,
            current: RwLock::new(None),
        })
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    fn api(&self, base: &str) -> ServerApi {
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
    pub async fn sign_in(&self, args: SignInArgs) -> Result<SignedIn, ClientError> {
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
            .await;
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
                Ok(self
                    .make_current(stored, profile, branding, Connection::Online, now)
                    .await)
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
                Ok(self
                    .make_current(
                        stored,
                        profile.value,
                        branding.value,
                        Connection::Offline,
                        profile.as_of,
                    )
                    .await)
            }
            Err(e) => {
                if matches!(
                    e.kind(),
                    ErrorKind::SessionExpired | ErrorKind::Unauthenticated
                ) {
                    self.cache.forget_scope(&scope).await?;
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
    ) -> SessionView {
        let view = SessionView {
            server_url: stored.server_url.clone(),
            profile,
            branding: branding.clone(),
            connection,
            as_of,
            notice: None,
        };
        *self.current.write().await = Some(Current { stored, branding });
        view
    }

    /// Signs out: the server revokes the token (when reachable) and the user's cached data is
    /// forgotten. Offline, the local sign-out still happens; the token then lapses at its expiry.
    pub async fn sign_out(&self) -> Result<(), ClientError> {
        let Some(current) = self.current.write().await.take() else {
            return Ok(());
        };
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

    pub async fn users(&self) -> Result<Snapshot<Vec<UserProfile>>, ClientError> {
        self.snapshot(USERS, |api, token| async move { api.users(&token).await })
            .await
    }

    pub async fn news(&self) -> Result<Snapshot<Vec<NewsItem>>, ClientError> {
        self.snapshot(NEWS, |api, token| async move { api.news(&token).await })
            .await
    }

    /// Reads a view from the server and caches it; when the server cannot be reached, the cached copy.
    async fn snapshot<T, F, Fut>(&self, name: &str, fetch: F) -> Result<Snapshot<T>, ClientError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(ServerApi, String) -> Fut,
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
