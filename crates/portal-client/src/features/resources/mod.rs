//! The Resources menu group: the library's lists (What's New and one page per category), an item's
//! page, previews, opening and saving verified files, the briefcase (files kept for offline use),
//! the count of new items and the items to announce.

use crate::{error::ClientError, Portal};
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{
            Briefcase, FileRef, KeepTarget, NewResources, Preview, ResourceDetail, ResourceList,
            ResourceQuery,
        },
        Resource, UseKind,
    },
};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A file of an item on this machine, checked against its SHA-256: from the briefcase, or fetched
/// into the download cache and checked. Open it or copy it where the user wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalFile {
    pub path: PathBuf,
    /// The name to save it under (no folders).
    pub name: String,
    /// Such as `application/pdf`.
    pub media_type: String,
}

impl Portal {
    /// A page of the library: What's New (no category) or one category, filtered and searched.
    pub async fn resources(&self, query: &ResourceQuery) -> Result<ResourceList, ClientError> {
        let _ = query;
        unimplemented!()
    }

    /// An item's page.
    pub async fn resource(&self, id: ResourceId) -> Result<ResourceDetail, ClientError> {
        let _ = id;
        unimplemented!()
    }

    /// An image as it is, or the first `pages` pages of a PDF as PNG pictures.
    pub async fn preview_resource_file(
        &self,
        file: &FileRef,
        pages: u32,
    ) -> Result<Preview, ClientError> {
        let _ = (file, pages);
        unimplemented!()
    }

    /// A verified local copy (briefcase, or fetched into a cache folder and checked), for
    /// saving/opening.
    pub async fn resource_file(&self, file: &FileRef) -> Result<LocalFile, ClientError> {
        let _ = file;
        unimplemented!()
    }

    /// Counts a download, open or share of a file for the vendor (queued; pushed when online).
    pub async fn record_resource_use(
        &self,
        file: &FileRef,
        kind: UseKind,
    ) -> Result<(), ClientError> {
        let _ = (file, kind);
        unimplemented!()
    }

    /// Keeps an item or a whole category offline, or stops keeping it.
    pub async fn keep_offline(
        &self,
        target: &KeepTarget,
        keep: bool,
    ) -> Result<Briefcase, ClientError> {
        let _ = (target, keep);
        unimplemented!()
    }

    /// The Briefcase page.
    pub async fn briefcase(&self) -> Result<Briefcase, ClientError> {
        unimplemented!()
    }

    /// Removes everything from the briefcase and frees its space.
    pub async fn empty_briefcase(&self) -> Result<Briefcase, ClientError> {
        unimplemented!()
    }

    /// Downloads what the briefcase lacks (resuming partial files), drops what it no longer
    /// needs; reports progress.
    pub async fn fill_briefcase(
        &self,
        progress: impl Fn(&Briefcase) + Send + Sync,
    ) -> Result<Briefcase, ClientError> {
        let _ = progress;
        unimplemented!()
    }

    /// The menu's count of new items.
    pub async fn new_resources(&self) -> Result<NewResources, ClientError> {
        unimplemented!()
    }

    /// The user looked at What's New: nothing published until now is new any more.
    pub async fn mark_resources_seen(&self) -> Result<NewResources, ClientError> {
        unimplemented!()
    }

    /// Items to announce with a desktop notification: published since the last call, concerning
    /// these SKUs (none: all), each once.
    pub async fn resources_to_announce(
        &self,
        skus: &[String],
    ) -> Result<Vec<Resource>, ClientError> {
        let _ = skus;
        unimplemented!()
    }
}
