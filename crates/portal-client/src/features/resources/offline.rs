//! Where an item stands in the briefcase (kept or not, bytes here, downloading, failed), and its
//! thumbnail as a `data:` URL when the file store holds it.

use crate::{
    lists::{briefcase::Kept, resources::Row},
    store::blobs::{Blobs, Shelf},
};
use base64::Engine;
use portal_core::resources::{
    library::{Offline, OfflineState},
    Category, Sha256,
};
use std::collections::HashMap;

/// What the briefcase's state of a row is worked out from.
pub struct Standing<'a> {
    pub blobs: &'a Blobs,
    pub kept: &'a Kept,
    pub failures: &'a HashMap<String, String>,
}

impl Standing<'_> {
    /// The item's place in the briefcase, from its current files (hash, size).
    pub fn offline(&self, id: &str, category: Category, files: &[(String, u64)]) -> Offline {
        let bytes_total = files.iter().map(|(_, n)| n).sum();
        let Some(by_category) = self.kept.keeps(id, category) else {
            return Offline {
                bytes_total,
                ..Offline::default()
            };
        };
        let shas: Vec<(Sha256, u64)> = files
            .iter()
            .filter_map(|(sha, n)| sha.parse().ok().map(|s| (s, *n)))
            .collect();
        let bytes_done = shas
            .iter()
            .map(|(s, n)| self.blobs.bytes_here(Shelf::Kept, s, *n))
            .sum();
        let ready = shas.iter().all(|(s, _)| self.blobs.holds(Shelf::Kept, s));
        let failed = self.failures.get(id);
        let state = if ready {
            OfflineState::Ready
        } else if shas.iter().any(|(s, _)| self.blobs.downloading(s)) {
            OfflineState::Downloading
        } else if failed.is_some() {
            OfflineState::Failed
        } else {
            OfflineState::Waiting
        };
        Offline {
            state,
            by_category,
            bytes_done,
            bytes_total,
            message: failed.filter(|_| state == OfflineState::Failed).cloned(),
        }
    }

    /// The row's place in the briefcase.
    pub fn of_row(&self, row: &Row, category: Category) -> Offline {
        let files = row.files().unwrap_or_default();
        self.offline(&row.id, category, &files)
    }
}

/// The thumbnail as a `data:` URL, when the store holds it.
pub fn thumbnail(blobs: &Blobs, sha: Option<&str>, media_type: Option<&str>) -> Option<String> {
    let sha: Sha256 = sha?.parse().ok()?;
    let bytes = std::fs::read(blobs.path(Shelf::Thumbs, &sha)).ok()?;
    Some(data_url(media_type.unwrap_or("image/png"), &bytes))
}

/// `data:<type>;base64,…`.
pub fn data_url(media_type: &str, bytes: &[u8]) -> String {
    format!(
        "data:{media_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}
