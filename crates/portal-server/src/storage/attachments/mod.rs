//! Purchase-order files as stored: per firm, addressed by the SHA-256 of their content, kept once.

mod sqlite;

use super::{Conn, On};
use crate::error::Result;
use chrono::{DateTime, Utc};
use portal_core::ids::{PartnerId, UserId};

/// A file to keep.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    pub partner: PartnerId,
    /// Lower-case hex.
    pub sha256: &'a str,
    pub content_type: &'a str,
    pub content: &'a [u8],
    pub uploaded_by: UserId,
    pub uploaded_at: DateTime<Utc>,
}

/// Keeps the firm's file at its address, unless it is there already (then nothing changes).
pub async fn keep(db: &mut Conn, upload: Upload<'_>) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::keep(c, upload).await,
    }
}

/// The size and content type of the firm's file at `sha256`, if it was uploaded.
pub async fn stored(
    db: &mut Conn,
    partner: PartnerId,
    sha256: &str,
) -> Result<Option<(u64, String)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::stored(c, partner, sha256).await,
    }
}

/// The firm's file at `sha256`: its content type and content.
pub async fn fetch(
    db: &mut Conn,
    partner: PartnerId,
    sha256: &str,
) -> Result<Option<(String, Vec<u8>)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::fetch(c, partner, sha256).await,
    }
}
