//! A file of an item as a verified local copy (from the briefcase, or fetched and checked), and
//! counting its use for the vendor (queued; pushed by the sync when online).

use super::{library::stored_resource, LocalFile};
use crate::{
    error::ClientError,
    lists::briefcase as keep,
    replica::outbox::NewChange,
    store::blobs::{Shelf, Source},
    Portal,
};
use chrono::Utc;
use portal_core::{
    resources::{file_path, library::FileRef, Resource, ResourceFile, ResourceUse, UseKind},
    sync::{Entity, MutationOp},
    ApiError, ErrorKind,
};
use uuid::Uuid;

/// The error for a hash that is not one of the item's current files.
fn not_a_file(r: &Resource) -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        format!(
            "This file is no longer part of \u{201c}{}\u{201d}: the vendor replaced it. Reopen the item for its current files.",
            r.title
        ),
    ))
}

impl Portal {
    /// The item and the file a reference means, as the last pull brought them.
    pub(super) async fn resource_and_file(
        &self,
        file: &FileRef,
    ) -> Result<(Resource, ResourceFile), ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let r = stored_resource(&mut conn, &scope, file.id).await?;
        let f = r
            .file(&file.sha256)
            .cloned()
            .ok_or_else(|| not_a_file(&r))?;
        Ok((r, f))
    }

    /// Downloads an item's file into place on `shelf`, checked against its hash; one that does
    /// not match is fetched once more from the start (`strikes`: mismatches already seen), and a
    /// second mismatch is an error: never a damaged file handed out.
    pub(super) async fn fetch_file(
        &self,
        r: &Resource,
        f: &ResourceFile,
        shelf: Shelf,
        mut strikes: u32,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<std::path::PathBuf, ClientError> {
        let current = self.session().await?;
        let api = self.api(&current.stored.server_url);
        let url = file_path(r.id, &f.sha256);
        let from = Source {
            api: &api,
            token: &current.stored.token,
            path: &url,
        };
        loop {
            match self
                .blobs
                .download(&from, shelf, &f.sha256, &f.name, progress)
                .await
            {
                Err(ClientError::Checksum { .. }) if strikes == 0 => {
                    tracing::warn!(file = %f.name, "a download did not match its hash; fetching it again");
                    strikes += 1;
                }
                other => return other,
            }
        }
    }

    /// A verified local copy (briefcase, or fetched into a cache folder and checked), for
    /// saving/opening. A copy here that no longer matches its hash is deleted and fetched again.
    pub async fn resource_file(&self, file: &FileRef) -> Result<LocalFile, ClientError> {
        let (r, f) = self.resource_and_file(file).await?;
        let local = |path| LocalFile {
            path,
            name: f.name.clone(),
            media_type: f.media_type.clone(),
        };
        let mut strikes = 0;
        for shelf in [Shelf::Kept, Shelf::Fetched] {
            if self.blobs.holds(shelf, &f.sha256) {
                match self.blobs.verified(shelf, &f.sha256).await? {
                    Some(path) => return Ok(local(path)),
                    None => strikes = 1,
                }
            }
        }
        let kept = {
            let (scope, _) = self.me().await?;
            let mut conn = self.cache.pool().acquire().await?;
            keep::kept(&mut conn, &scope).await?
        };
        // A kept item's file goes into the briefcase, unless the briefcase is downloading it now
        // (two writers of one partial file would spoil it).
        let shelf = match kept.keeps(&r.id.to_string(), r.category) {
            Some(_) if !self.blobs.downloading(&f.sha256) => Shelf::Kept,
            _ => Shelf::Fetched,
        };
        let path = self.fetch_file(&r, &f, shelf, strikes, &|_| {}).await?;
        Ok(local(path))
    }

    /// Counts a download, open or share of a file for the vendor: a `resource_use` create queued
    /// in the outbox (pushed when online, counted once however often it is sent).
    pub async fn record_resource_use(
        &self,
        file: &FileRef,
        kind: UseKind,
    ) -> Result<(), ClientError> {
        let (r, f) = self.resource_and_file(file).await?;
        let (scope, _) = self.me().await?;
        let body = ResourceUse {
            resource_id: r.id,
            version: r.version,
            sha256: f.sha256.clone(),
            kind,
            at: Utc::now(),
        };
        let change = NewChange {
            entity: Entity::ResourceUse,
            record_id: Uuid::now_v7(),
            op: MutationOp::Create {
                body: serde_json::to_value(&body)
                    .map_err(|e| ClientError::Protocol(e.to_string()))?,
            },
            record_label: format!("{} \u{b7} {}", r.title, f.name),
            summary: None,
        };
        let tx = self.cache.pool().begin().await?;
        self.queue(tx, &scope, change).await?;
        Ok(())
    }
}
