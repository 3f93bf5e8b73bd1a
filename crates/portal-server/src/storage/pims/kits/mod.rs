//! Campaign kits as the vendor published them: the kit (`portal_core::pims::kit::CampaignKit`,
//! audience included) and whether it was withdrawn.

mod sqlite;

use crate::error::Result;
use crate::storage::{Conn, On, Write};
use chrono::{DateTime, Utc};
use portal_core::ids::CampaignKitId;
use portal_core::pims::kit::CampaignKit;

/// A kit and, once withdrawn, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKit {
    pub kit: CampaignKit,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// Inserts or replaces the kit.
pub async fn save(tx: &mut Write, kit: &StoredKit) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::save(c, kit).await,
    }
}

/// One kit, withdrawn or not.
pub async fn find(db: &mut Conn, id: CampaignKitId) -> Result<Option<StoredKit>> {
    Ok(some(db, Some(&[id])).await?.pop())
}

/// The kits with these ids (every kit when `None`), newest first.
pub async fn some(db: &mut Conn, ids: Option<&[CampaignKitId]>) -> Result<Vec<StoredKit>> {
    match db.on() {
        On::Sqlite(c) => sqlite::some(c, ids).await,
    }
}
