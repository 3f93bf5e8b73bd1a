//! What the public landing pages count and remember: page views per campaign, and recent form posts
//! per client address (the rate limit), forgotten once older than its window.

mod sqlite;

use crate::error::Result;
use crate::storage::{Conn, On, Write};
use chrono::{DateTime, Utc};
use portal_core::ids::{CampaignId, PartnerId};
use std::collections::HashMap;

/// Counts one view of the campaign's page.
pub async fn count_view(tx: &mut Write, campaign: CampaignId) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::count_view(c, campaign).await,
    }
}

/// The firm's campaigns' page views, by campaign.
pub async fn views(db: &mut Conn, partner: PartnerId) -> Result<HashMap<CampaignId, u64>> {
    match db.on() {
        On::Sqlite(c) => sqlite::views(c, partner).await,
    }
}

/// Notes a form post from `address` at `at`, forgets posts before `forget_before`, and answers how
/// many posts `address` made since `since` (this one included).
pub async fn note_post(
    tx: &mut Write,
    address: &str,
    at: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Result<u32> {
    match tx.on() {
        On::Sqlite(c) => sqlite::note_post(c, address, at, since).await,
    }
}
