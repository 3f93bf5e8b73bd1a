//! The briefcase: items and whole categories kept for offline use (a kept category takes in items
//! published later), filled in the background — missing files downloaded (partial ones resumed),
//! a new version's files in place of the old, withdrawn items and files no kept item needs
//! dropped — and emptied on request. Its state is in the cache and the file store, so it survives
//! a restart.

use super::{library::stored_resource, offline::Standing};
use crate::{
    error::ClientError,
    lists::{briefcase as keep, resources::Row},
    store::{blobs::Shelf, read},
    Portal,
};
use chrono::Local;
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{Briefcase, BriefcaseItem, KeepTarget, OfflineState},
        Sha256,
    },
    ApiError, ErrorKind,
};
use std::{
    collections::HashSet,
    sync::Mutex,
    time::{Duration, SystemTime},
};

/// Copies fetched to open, save or preview an item that is not kept stay this long.
const FETCHED_FOR: Duration = Duration::from_secs(24 * 3600);

impl Portal {
    /// Keeps an item or a whole category offline, or stops keeping it (its files are freed at
    /// once unless another kept item needs them). An item kept through its category is not
    /// removed alone.
    pub async fn keep_offline(
        &self,
        target: &KeepTarget,
        keep: bool,
    ) -> Result<Briefcase, ClientError> {
        let (scope, _) = self.me().await?;
        {
            let mut tx = self.cache.pool().begin().await?;
            match target {
                KeepTarget::Item(id) => {
                    let r = stored_resource(&mut tx, &scope, *id).await?;
                    let kept = keep::kept(&mut tx, &scope).await?;
                    if !keep && kept.categories.contains(&r.category) {
                        return Err(ClientError::Refused(ApiError::new(
                            ErrorKind::Conflict,
                            format!(
                                "\u{201c}{}\u{201d} is kept because the whole {} category is; stop keeping the category to remove it.",
                                r.title,
                                r.category.label()
                            ),
                        )));
                    }
                    keep::set_kept(&mut tx, &scope, "item", &id.to_string(), keep).await?;
                    if !keep {
                        keep::set_failure(&mut tx, &scope, &id.to_string(), None).await?;
                    }
                }
                KeepTarget::Category(c) => {
                    keep::set_kept(&mut tx, &scope, "category", c.as_str(), keep).await?;
                }
            }
            tx.commit().await?;
        }
        if !keep {
            self.sweep_kept().await?;
        }
        self.briefcase().await
    }

    /// The Briefcase page: every kept item and its state, the categories kept whole, the bytes
    /// the kept files take on this machine and those still to download.
    pub async fn briefcase(&self) -> Result<Briefcase, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let rows = keep::kept_rows(&mut conn, &scope).await?;
        let kept = keep::kept(&mut conn, &scope).await?;
        let failures = keep::failures(&mut conn, &scope).await?;
        drop(conn);
        let standing = Standing {
            blobs: &self.blobs,
            kept: &kept,
            failures: &failures,
        };
        let today = Local::now().date_naive();
        let mut items = Vec::with_capacity(rows.len());
        let mut waiting: HashSet<String> = HashSet::new();
        let mut bytes_waiting = 0;
        for r in &rows {
            let category = r.category()?;
            let offline = standing.of_row(r, category);
            for (sha, size) in r.files()? {
                if let Ok(s) = sha.parse::<Sha256>() {
                    if waiting.insert(sha) {
                        bytes_waiting += size - self.blobs.bytes_here(Shelf::Kept, &s, size);
                    }
                }
            }
            items.push(item(r, category, offline, today)?);
        }
        Ok(Briefcase {
            items,
            categories: kept.categories.into_iter().collect(),
            bytes_used: self.blobs.bytes_on(Shelf::Kept),
            bytes_waiting,
        })
    }

    /// Removes everything from the briefcase and frees its space.
    pub async fn empty_briefcase(&self) -> Result<Briefcase, ClientError> {
        let (scope, _) = self.me().await?;
        {
            let _fill = self.blobs.fill.lock().await;
            let mut tx = self.cache.pool().begin().await?;
            for table in ["resource_keep", "resource_failure"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
                    .bind(&scope)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            self.sweep_kept().await?;
        }
        self.briefcase().await
    }

    /// Deletes the briefcase's files no kept item (of any user of this machine) needs.
    async fn sweep_kept(&self) -> Result<u64, ClientError> {
        let needed = {
            let mut conn = self.cache.pool().acquire().await?;
            keep::kept_files_all(&mut conn).await?
        };
        self.blobs.sweep(Shelf::Kept, &needed, None)
    }

    /// Downloads what the briefcase lacks (resuming partial files), drops what it no longer
    /// needs; reports progress. Items withdrawn since (no longer in the library) leave it; an
    /// item's new version replaces the old files; list thumbnails are fetched too. A file that
    /// fails marks its item Failed with the reason (tried again next time); losing the
    /// connection stops the fill, which the next one resumes.
    pub async fn fill_briefcase(
        &self,
        progress: impl Fn(&Briefcase) + Send + Sync,
    ) -> Result<Briefcase, ClientError> {
        let _fill = self.blobs.fill.lock().await;
        let (scope, _) = self.me().await?;
        let (rows, thumbs) = {
            let mut tx = self.cache.pool().begin().await?;
            keep::forget_withdrawn(&mut tx, &scope).await?;
            tx.commit().await?;
            let mut conn = self.cache.pool().acquire().await?;
            let thumbs: Vec<(String, String)> = sqlx::query_as(
                "SELECT id, thumb_sha FROM resource WHERE scope = ?1 AND thumb_sha IS NOT NULL
                 ORDER BY published_at DESC",
            )
            .bind(&scope)
            .fetch_all(&mut *conn)
            .await?;
            (keep::kept_rows(&mut conn, &scope).await?, thumbs)
        };
        // What no kept item needs any more (old versions, items let go) goes first.
        self.sweep_kept().await?;
        let listed = {
            let mut conn = self.cache.pool().acquire().await?;
            keep::thumbnails_all(&mut conn).await?
        };
        self.blobs.sweep(Shelf::Thumbs, &listed, None)?;
        let none = HashSet::new();
        self.blobs.sweep(
            Shelf::Fetched,
            &none,
            SystemTime::now().checked_sub(FETCHED_FOR),
        )?;

        let shown = Mutex::new(self.briefcase().await?);
        let mut offline = false;
        for r in &rows {
            match self.fill_item(&scope, r, &shown, &progress).await {
                Ok(()) => {}
                Err(e) if e.is_offline() => {
                    offline = true;
                    break;
                }
                Err(e) => tracing::warn!(item = %r.id, error = %e, "a kept item did not download"),
            }
            let now = self.briefcase().await?;
            progress(&now);
            *shown.lock().expect("lock") = now;
        }
        if !offline {
            self.fill_thumbnails(&scope, &thumbs).await;
        }
        self.briefcase().await
    }

    /// Downloads the kept item's missing files, telling `progress` as bytes come; a failure other
    /// than the connection is recorded on the item.
    async fn fill_item(
        &self,
        scope: &str,
        row: &Row,
        shown: &Mutex<Briefcase>,
        progress: &(dyn Fn(&Briefcase) + Send + Sync),
    ) -> Result<(), ClientError> {
        let id = ResourceId::from_uuid(read::uuid(&row.id)?);
        let r = {
            let mut conn = self.cache.pool().acquire().await?;
            stored_resource(&mut conn, scope, id).await?
        };
        let mut result = Ok(());
        for f in &r.files {
            if self.blobs.holds(Shelf::Kept, &f.sha256) {
                continue;
            }
            // Fetched earlier to open or preview: checked and moved into the briefcase.
            if self
                .blobs
                .verified(Shelf::Fetched, &f.sha256)
                .await?
                .is_some()
                && self.blobs.shelve(&f.sha256, Shelf::Fetched, Shelf::Kept)?
            {
                continue;
            }
            let done_before: u64 = r
                .files
                .iter()
                .filter(|g| g.sha256 != f.sha256)
                .map(|g| self.blobs.bytes_here(Shelf::Kept, &g.sha256, g.size))
                .sum();
            let report = |have: u64| {
                let mut b = shown.lock().expect("lock");
                let before: u64 = b
                    .items
                    .iter()
                    .find(|i| i.id == id)
                    .map(|i| i.offline.bytes_done)
                    .unwrap_or(0);
                if let Some(i) = b.items.iter_mut().find(|i| i.id == id) {
                    i.offline.state = OfflineState::Downloading;
                    i.offline.bytes_done = (done_before + have).min(i.offline.bytes_total);
                    i.offline.message = None;
                }
                let after = (done_before + have).min(r.size());
                b.bytes_waiting = b.bytes_waiting.saturating_sub(after.saturating_sub(before));
                progress(&b);
            };
            if let Err(e) = self.fetch_file(&r, f, Shelf::Kept, 0, &report).await {
                if e.is_offline() {
                    return Err(e);
                }
                result = Err(e);
                break;
            }
        }
        let message = result.as_ref().err().map(|e| e.to_api_error().message);
        let mut conn = self.cache.pool().acquire().await?;
        keep::set_failure(&mut conn, scope, &row.id, message.as_deref()).await?;
        result
    }

    /// Fetches the thumbnails the store lacks (small; a failure leaves the list without the
    /// picture and is tried again next time).
    async fn fill_thumbnails(&self, scope: &str, thumbs: &[(String, String)]) {
        for (id, sha) in thumbs {
            let Ok(sha) = sha.parse::<Sha256>() else {
                continue;
            };
            if self.blobs.holds(Shelf::Thumbs, &sha) {
                continue;
            }
            let Ok(uuid) = read::uuid(id) else { continue };
            let r = match self.cache.pool().acquire().await {
                Ok(mut conn) => {
                    stored_resource(&mut conn, scope, ResourceId::from_uuid(uuid)).await
                }
                Err(e) => Err(e.into()),
            };
            let Ok(r) = r else { continue };
            let Some(thumb) = r.thumbnail.clone() else {
                continue;
            };
            match self.fetch_file(&r, &thumb, Shelf::Thumbs, 0, &|_| {}).await {
                Ok(_) => {}
                Err(e) if e.is_offline() => return,
                Err(e) => tracing::warn!(item = %r.id, error = %e, "a thumbnail did not download"),
            }
        }
    }
}

/// One item as the Briefcase page lists it.
fn item(
    r: &Row,
    category: portal_core::resources::Category,
    offline: portal_core::resources::library::Offline,
    today: chrono::NaiveDate,
) -> Result<BriefcaseItem, ClientError> {
    Ok(BriefcaseItem {
        id: ResourceId::from_uuid(read::uuid(&r.id)?),
        title: r.title.clone(),
        category,
        version: u32::try_from(r.version).unwrap_or(0),
        file_type: r.file_type()?,
        expired: r.expires_on().is_some_and(|last| today > last),
        offline,
    })
}
