//! Each firm's marketing profile (`portal_core::pims::profile::MarketingProfile`, one per firm, its
//! id the firm's) with its version and field stamps (partners edit it through the sync's field
//! merge), and every logo the firm uploaded (bytes in `files/` by SHA-256).

mod sqlite;

use crate::error::Result;
use crate::storage::records::FieldStamps;
use crate::storage::{Conn, On, Write};
use chrono::{DateTime, Utc};
use portal_core::ids::PartnerId;
use portal_core::pims::logo::LogoKind;
use portal_core::pims::profile::MarketingProfile;
use portal_core::resources::Sha256;

/// A firm's profile with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredProfile {
    pub profile: MarketingProfile,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// The firm's profile (every firm has one from its creation).
pub async fn find(db: &mut Conn, partner: PartnerId) -> Result<Option<StoredProfile>> {
    match db.on() {
        On::Sqlite(c) => sqlite::find(c, partner).await,
    }
}

/// Inserts or replaces the firm's profile (its id is the firm).
pub async fn save(tx: &mut Write, p: &StoredProfile) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::save(c, p).await,
    }
}

/// A logo the firm uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLogo {
    pub partner: PartnerId,
    pub kind: LogoKind,
    pub sha256: Sha256,
    pub media_type: String,
    pub size: u64,
    pub uploaded_at: DateTime<Utc>,
}

/// Remembers that the firm uploaded this logo (once per firm, kind and bytes).
pub async fn keep_logo(tx: &mut Write, logo: &StoredLogo) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::keep_logo(c, logo).await,
    }
}

/// The firm's logo of this kind with these bytes, if the firm uploaded it (nobody else's).
pub async fn logo(
    db: &mut Conn,
    partner: PartnerId,
    kind: LogoKind,
    sha256: &Sha256,
) -> Result<Option<StoredLogo>> {
    match db.on() {
        On::Sqlite(c) => sqlite::logo(c, partner, kind, sha256).await,
    }
}
