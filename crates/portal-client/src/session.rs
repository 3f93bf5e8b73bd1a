//! A session on the laptop: signing in, resuming a remembered session (confirmed by the server
//! when it answers, from the cache when it cannot be reached), signing out; and what hangs on the
//! session — the vendor's branding, whether the server answers, the vendor's sites.

use crate::{
    error::ClientError,
    http::normalize_server_url,
    lists::briefcase,
    portal::{Current, StoredSession, BRANDING, PROFILE},
    replica::outbox,
    store::{blobs::Shelf, names::put_person},
    sync::state,
    Portal,
};
use chrono::Utc;
use portal_core::{
    api::{
        auth::{LoginRequest, Profile},
        branding::Branding,
    },
    shell::{commands::SignIn, Connection, ExternalLink, SessionView},
    ApiError, Email, ErrorKind,
};

/// The outcome of a successful sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub view: SessionView,
    /// For the keychain, when the user asked to be remembered.
    pub stored: StoredSession,
}

impl Portal {
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
            put_person(&mut tx, &scope, &scope, name.trim()).await?;
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

    /// Caches the firm's details while online (their margin prices quotes offline); a failure
    /// only means the cached ones, if any, stay.
    async fn keep_partner_details(&self) {
        if let Err(e) = self.firm_details().await {
            tracing::warn!(error = %e, "the firm's details could not be fetched");
        }
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
            .await?;
        // The briefcase's files no other user of this machine keeps leave with the user's data.
        let needed = {
            let mut conn = self.cache.pool().acquire().await?;
            briefcase::kept_files_all(&mut conn).await?
        };
        self.blobs.sweep(Shelf::Kept, &needed, None)?;
        Ok(())
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
}
