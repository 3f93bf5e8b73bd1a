//! The library: What's New and the category pages (filtered, searched, paged), an item's page,
//! the count of new items, and the items to announce with a desktop notification.

use super::offline::{thumbnail, Standing};
use crate::{
    error::ClientError,
    lists::{
        briefcase as keep,
        resources::{self as list, Row},
    },
    replica::copy,
    store::read,
    sync::state,
    Portal,
};
use chrono::{Local, Utc};
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{
            FileRow, NewResources, ResourceDetail, ResourceList, ResourceQuery, ResourceRow,
        },
        Resource,
    },
    sync::Entity,
    ApiError, ErrorKind,
};
use sqlx::SqliteConnection;

/// The error for an item the library no longer holds (withdrawn, or never sent).
pub(super) fn gone() -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        "This item is no longer in the library: the vendor withdrew it, or it is not meant for you.",
    ))
}

/// An item as the last pull brought it.
pub(super) async fn stored_resource(
    conn: &mut SqliteConnection,
    scope: &str,
    id: ResourceId,
) -> Result<Resource, ClientError> {
    match copy::view(conn, scope, Entity::Resource, id.0).await? {
        Some(view) => view.decode(),
        None => Err(gone()),
    }
}

impl Portal {
    /// A page of the library: What's New (no category: every category, newest first) or one
    /// category, filtered by product and file type, searched (every word somewhere), sorted, paged.
    pub async fn resources(&self, query: &ResourceQuery) -> Result<ResourceList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let (total, rows, products, file_types) = list::query(&mut conn, &scope, query).await?;
        let kept = keep::kept(&mut conn, &scope).await?;
        let failures = keep::failures(&mut conn, &scope).await?;
        let seen = list::seen_at(&mut conn, &scope).await?;
        let as_of = state::load(&mut conn, &scope)
            .await?
            .and_then(|s| s.last_synced);
        let standing = Standing {
            blobs: &self.blobs,
            kept: &kept,
            failures: &failures,
        };
        let today = Local::now().date_naive();
        let rows = rows
            .iter()
            .map(|r| to_row(r, &standing, seen, today))
            .collect::<Result<_, _>>()?;
        Ok(ResourceList {
            rows,
            total,
            products,
            file_types,
            as_of,
        })
    }

    /// An item's page: the item, its files (each saying whether it is here and verified), New,
    /// expired, whether it may be shared, its place in the briefcase.
    pub async fn resource(&self, id: ResourceId) -> Result<ResourceDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let resource = stored_resource(&mut conn, &scope, id).await?;
        let row = list::row(&mut conn, &scope, &id.to_string())
            .await?
            .ok_or_else(gone)?;
        let kept = keep::kept(&mut conn, &scope).await?;
        let failures = keep::failures(&mut conn, &scope).await?;
        let seen = list::seen_at(&mut conn, &scope).await?;
        drop(conn);
        let standing = Standing {
            blobs: &self.blobs,
            kept: &kept,
            failures: &failures,
        };
        let today = Local::now().date_naive();
        let files = resource
            .files
            .iter()
            .map(|f| FileRow {
                file: f.clone(),
                file_type: f.file_type(),
                offline: self
                    .blobs
                    .holds(crate::store::blobs::Shelf::Kept, &f.sha256),
            })
            .collect();
        let expired = resource.is_expired(today);
        Ok(ResourceDetail {
            is_new: resource.is_new(seen),
            expired,
            may_share: resource.may_share(today),
            offline: standing.of_row(&row, resource.category),
            thumbnail: thumbnail(
                &self.blobs,
                row.thumb_sha.as_deref(),
                row.thumb_type.as_deref(),
            ),
            files,
            resource,
        })
    }

    /// The menu's count of new items: published since the user last looked at What's New.
    pub async fn new_resources(&self) -> Result<NewResources, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let seen = list::seen_at(&mut conn, &scope).await?;
        Ok(NewResources {
            count: list::count_new(&mut conn, &scope, seen).await?,
        })
    }

    /// The user looked at What's New: nothing published until now is new any more.
    pub async fn mark_resources_seen(&self) -> Result<NewResources, ClientError> {
        let (scope, _) = self.me().await?;
        {
            let mut conn = self.cache.pool().acquire().await?;
            list::set_seen_at(&mut conn, &scope, Utc::now()).await?;
        }
        self.new_resources().await
    }

    /// Items to announce with a desktop notification: published since the last call, concerning
    /// these SKUs (none: all), each once. The first sync of an install announces nothing: what it
    /// brings counts as announced.
    pub async fn resources_to_announce(
        &self,
        skus: &[String],
    ) -> Result<Vec<Resource>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let ids = list::take_announcements(&mut tx, &scope).await?;
        let mut out = Vec::new();
        for id in ids {
            let id = ResourceId::from_uuid(read::uuid(&id)?);
            match stored_resource(&mut tx, &scope, id).await {
                Ok(r) if skus.is_empty() || r.concerns_any(skus) => out.push(r),
                Ok(_) => {}
                Err(ClientError::Refused(_)) => {}
                Err(e) => return Err(e),
            }
        }
        tx.commit().await?;
        out.sort_by(|a, b| {
            a.published_at
                .cmp(&b.published_at)
                .then(a.id.0.cmp(&b.id.0))
        });
        Ok(out)
    }
}

/// A list row as the pages show it.
fn to_row(
    r: &Row,
    standing: &Standing<'_>,
    seen: Option<chrono::DateTime<Utc>>,
    today: chrono::NaiveDate,
) -> Result<ResourceRow, ClientError> {
    let category = r.category()?;
    let published_at = read::time(&r.published_at)?;
    Ok(ResourceRow {
        id: ResourceId::from_uuid(read::uuid(&r.id)?),
        title: r.title.clone(),
        summary: r.summary.clone(),
        category,
        products: r.products()?,
        file_type: r.file_type()?,
        size: r.size.max(0) as u64,
        version: u32::try_from(r.version).unwrap_or(0),
        published_at,
        updated_at: read::time(&r.updated_at)?,
        is_new: seen.is_none_or(|s| published_at > s),
        expired: r.expires_on().is_some_and(|last| today > last),
        offline: standing.of_row(r, category),
        thumbnail: thumbnail(
            standing.blobs,
            r.thumb_sha.as_deref(),
            r.thumb_type.as_deref(),
        ),
    })
}
