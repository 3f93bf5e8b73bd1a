//! The firms' campaigns (`portal_core::pims::campaign::Campaign`) with their version and field
//! stamps; found by the firm and id, or (for the public landing page) by slug.

mod sqlite;

use crate::error::Result;
use crate::storage::records::FieldStamps;
use crate::storage::{Conn, On, Write};
use portal_core::ids::{CampaignId, PartnerId};
use portal_core::pims::campaign::Campaign;
use std::collections::HashMap;
use uuid::Uuid;

/// A firm's campaign with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredCampaign {
    pub partner: PartnerId,
    pub campaign: Campaign,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// The firm's campaign `id` (never another firm's).
pub async fn find(
    db: &mut Conn,
    partner: PartnerId,
    id: CampaignId,
) -> Result<Option<StoredCampaign>> {
    match db.on() {
        On::Sqlite(c) => sqlite::find(c, Some(partner), None, id).await,
    }
}

/// The campaign whose public page is `/c/<slug>`, whichever firm's.
pub async fn by_slug(db: &mut Conn, slug: &str) -> Result<Option<StoredCampaign>> {
    match db.on() {
        On::Sqlite(c) => sqlite::find(c, None, Some(slug), CampaignId(Uuid::nil())).await,
    }
}

/// Whether any firm has a campaign with this id (ids are global).
pub async fn id_taken(db: &mut Conn, id: CampaignId) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::id_taken(c, id).await,
    }
}

/// Inserts or replaces the firm's campaign.
pub async fn save(tx: &mut Write, c: &StoredCampaign) -> Result<()> {
    match tx.on() {
        On::Sqlite(conn) => sqlite::save(conn, c).await,
    }
}

/// Deletes the firm's campaign (its tombstone is the change log's).
pub async fn delete(tx: &mut Write, partner: PartnerId, id: CampaignId) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::delete(c, partner, id).await,
    }
}

/// The firm's campaigns, newest first.
pub async fn of_firm(db: &mut Conn, partner: PartnerId) -> Result<Vec<StoredCampaign>> {
    match db.on() {
        On::Sqlite(c) => sqlite::of_firm(c, partner).await,
    }
}

/// The bodies of the firm's campaigns with these ids (a pull's page).
pub async fn bodies(
    db: &mut Conn,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    match db.on() {
        On::Sqlite(c) => sqlite::bodies(c, partner, ids).await,
    }
}
