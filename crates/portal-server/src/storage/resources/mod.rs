//! Marketing resources as stored: each item with its audience and status
//! (`portal_core::resources::publish::VendorResource`, whose `resource` is exactly what partners
//! pull), its versions and the files of each, the files' records by SHA-256 (their bytes are on disk,
//! see [`super::blobs`]), and the uses partners push, grouped into the vendor's counts.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::ids::{PartnerId, ResourceId, UserId};
use portal_core::resources::publish::{UsageQuery, UsageRow, VendorResource};
use portal_core::resources::{Sha256, UseKind};
use std::collections::HashMap;

/// What the server holds of a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub sha256: Sha256,
    /// The name it was uploaded under, if it was given one.
    pub name: Option<String>,
    pub media_type: String,
    pub size: u64,
    pub uploaded_at: DateTime<Utc>,
}

/// Records a file's bytes (once: a second upload of the same bytes keeps the first record).
pub async fn keep_blob(db: &mut Conn, blob: &Blob) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::keep_blob(c, blob).await,
    }
}

/// The record of the file with these bytes.
pub async fn blob(db: &mut Conn, sha256: &Sha256) -> Result<Option<Blob>> {
    match db.on() {
        On::Sqlite(c) => sqlite::blob(c, sha256).await,
    }
}

/// Writes the whole item: its row, every version it lists (those stored already are kept as they
/// are), and the files of its current version.
pub async fn save(tx: &mut Write, item: &VendorResource) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::save(c, item).await,
    }
}

/// One item, withdrawn or not.
pub async fn item(db: &mut Conn, id: ResourceId) -> Result<Option<VendorResource>> {
    Ok(items(db, Some(&[id])).await?.pop())
}

/// The items with these ids (every item when `None`), newest first; ids that are unknown are
/// simply absent.
pub async fn items(db: &mut Conn, ids: Option<&[ResourceId]>) -> Result<Vec<VendorResource>> {
    match db.on() {
        On::Sqlite(c) => sqlite::items(c, ids).await,
    }
}

/// The published items among these ids, by id: the bodies of a pull's page.
pub async fn published(
    db: &mut Conn,
    ids: &[ResourceId],
) -> Result<HashMap<ResourceId, VendorResource>> {
    Ok(items(db, Some(ids))
        .await?
        .into_iter()
        .filter(|i| i.withdrawn_at.is_none())
        .map(|i| (i.resource.id, i))
        .collect())
}

/// Which of these SKUs the price book does not have.
pub async fn unknown_skus(db: &mut Conn, skus: &[String]) -> Result<Vec<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::unknown_skus(c, skus).await,
    }
}

/// Whether the items' files include this one in any version (so that its bytes must be kept).
pub async fn blob_in_use(db: &mut Conn, sha256: &Sha256) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::blob_in_use(c, sha256).await,
    }
}

/// One use a partner pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The pushed record's id: a use is stored once per id.
    pub id: uuid::Uuid,
    pub resource: ResourceId,
    pub partner: PartnerId,
    pub user: UserId,
    pub version: u32,
    pub sha256: Sha256,
    pub kind: UseKind,
    pub at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

/// Stores a use; `false` when one with its id was stored before (nothing changes).
pub async fn record_use(tx: &mut Write, u: &Use) -> Result<bool> {
    match tx.on() {
        On::Sqlite(c) => sqlite::record_use(c, u).await,
    }
}

/// The uses counted per item, firm or month (UTC) of when they happened, between two days
/// (inclusive), busiest first (months in order).
pub async fn usage(db: &mut Conn, q: &UsageQuery) -> Result<Vec<UsageRow>> {
    match db.on() {
        On::Sqlite(c) => sqlite::usage(c, q).await,
    }
}

/// A day's first instant, as uses are compared.
pub fn day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// Whether version `version` of the item listed this file, or the item shows it as its thumbnail.
pub async fn lists_file(
    db: &mut Conn,
    id: ResourceId,
    version: u32,
    sha256: &Sha256,
) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::lists_file(c, id, version, sha256).await,
    }
}
