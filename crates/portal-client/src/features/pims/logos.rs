//! The profile's logos: an upload checked here with the server's rules before it is sent (a
//! wrong file is refused without a round trip), and the PIMS files a sync makes necessary — the
//! profile's logos and the kits' asset backgrounds — fetched into the cache, checked by hash.

use crate::{
    error::ClientError,
    lists::{pims as cached, refold},
    store::blobs::{sha256_of, Shelf, Source},
    Portal,
};
use portal_core::{
    pims::{
        app::ProfileView,
        logo::{inspect, logo_path, LogoKind},
        profile::MarketingProfile,
        runs_marketing,
    },
    resources::{file_path, Sha256},
    sync::{Change, Entity},
    ApiError, ErrorKind,
};
use std::path::Path;

/// The words when a logo cannot be uploaded because the server cannot be reached.
fn connect_to_upload(kind: LogoKind) -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::Offline,
        format!(
            "Connect to the server to upload a logo: the {} is stored there, so that your \
             landing pages and emails can show it. Your file was not changed.",
            kind.label().to_lowercase()
        ),
    ))
}

impl Portal {
    /// Uploads the logo in the file at `path` as the profile's `kind` logo; the profile as the
    /// server answers it. Needs the server: offline it is refused in words.
    pub async fn upload_logo(
        &self,
        kind: LogoKind,
        path: &Path,
    ) -> Result<ProfileView, ClientError> {
        if !runs_marketing(self.pims_role().await?) {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Forbidden,
                "Only Marketing and Administrator users can change the firm's logos.",
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| ClientError::File {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        // The server's own rules first: a wrong file is refused here, in the server's words.
        let facts = inspect(kind, &bytes).map_err(ClientError::Invalid)?;
        let held = self.held_profile().await?;
        let current = self.session().await?;
        let api = self.api(&current.stored.server_url);
        let sha = sha256_of(&bytes);
        let answer = match api
            .put_logo(
                &current.stored.token,
                kind,
                facts.format.media_type(),
                bytes.clone(),
            )
            .await
        {
            Ok(p) => p,
            Err(e) if e.is_offline() => return Err(connect_to_upload(kind)),
            Err(e) => return Err(e),
        };
        // The bytes are here already: the preview works offline at once.
        self.blobs.put(Shelf::Pims, &sha, &bytes)?;
        self.store_answered_profile(held.version, answer).await?;
        self.hub.trigger();
        self.marketing_profile().await
    }

    /// The profile the server answered, as the server copy (at the version the cache has: the
    /// next pull brings the newer one), with the user's queued edits on top.
    async fn store_answered_profile(
        &self,
        version: i64,
        profile: MarketingProfile,
    ) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let change = Change {
            entity: Entity::MarketingProfile,
            id: profile.id.0,
            version,
            body: Some(serde_json::to_value(&profile).expect("a profile serializes")),
        };
        let mut tx = self.cache.pool().begin().await?;
        refold::apply_change(&mut tx, &scope, &change, true).await?;
        tx.commit().await?;
        Ok(())
    }

    /// After a sync: fetches the logos the profile names and the background of every kit's
    /// assets that are not here yet, each checked against its SHA-256, so previews and co-branded
    /// assets work offline. Answers how many files were fetched.
    pub async fn fetch_pims_files(&self) -> Result<u32, ClientError> {
        let (scope, _) = self.me().await?;
        let (profile, kits) = {
            let mut conn = self.cache.pool().acquire().await?;
            (
                cached::profile(&mut conn, &scope).await?,
                cached::kits(&mut conn, &scope).await?,
            )
        };
        let mut wanted: Vec<(Sha256, String, String)> = Vec::new();
        if let Some(p) = profile {
            for kind in [LogoKind::Web, LogoKind::Print] {
                if let Some(logo) = p.value.logo(kind) {
                    let name = format!("{} ({})", kind.label(), logo.format.extension());
                    wanted.push((logo.sha256.clone(), logo_path(kind, &logo.sha256), name));
                }
            }
        }
        for kit in &kits {
            for asset in &kit.value.assets {
                wanted.push((
                    asset.background.clone(),
                    file_path(asset.resource_id, &asset.background),
                    format!("{} · {}", kit.value.name, asset.title),
                ));
            }
        }
        let current = self.session().await?;
        let api = self.api(&current.stored.server_url);
        let mut fetched = 0;
        for (sha, path, name) in wanted {
            if self.blobs.verified(Shelf::Pims, &sha).await?.is_some() {
                continue;
            }
            let from = Source {
                api: &api,
                token: &current.stored.token,
                path: &path,
            };
            // One mismatch is fetched once more from the start; a second is the error.
            let mut strikes = 0;
            loop {
                match self
                    .blobs
                    .download(&from, Shelf::Pims, &sha, &name, &|_| {})
                    .await
                {
                    Ok(_) => break,
                    Err(ClientError::Checksum { .. }) if strikes == 0 => strikes += 1,
                    Err(e) => return Err(e),
                }
            }
            fetched += 1;
        }
        Ok(fetched)
    }
}
