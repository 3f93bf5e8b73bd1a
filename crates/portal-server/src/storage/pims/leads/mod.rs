//! The firms' leads (`portal_core::pims::lead::Lead`) with their version; the decisions partners
//! pushed on them (kept once per record id, never pulled); the pending leads past their window, for
//! the expiry sweep; and the counts of a campaign's funnel that follow its leads into prospects,
//! deal registrations and quotes.

mod sqlite;

use crate::error::Result;
use crate::storage::{Conn, On, Write};
use chrono::{DateTime, Utc};
use portal_core::ids::{CampaignId, LeadId, PartnerId, UserId};
use portal_core::pims::lead::{Lead, LeadState};
use std::collections::HashMap;
use uuid::Uuid;

/// A firm's lead with its version.
#[derive(Debug, Clone)]
pub struct StoredLead {
    pub partner: PartnerId,
    pub lead: Lead,
    pub version: i64,
}

/// The firm's lead `id` (any firm's when `partner` is None: the vendor's view).
pub async fn find(
    db: &mut Conn,
    partner: Option<PartnerId>,
    id: LeadId,
) -> Result<Option<StoredLead>> {
    match db.on() {
        On::Sqlite(c) => sqlite::find(c, partner, id).await,
    }
}

/// Inserts or replaces the lead.
pub async fn save(tx: &mut Write, l: &StoredLead) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::save(c, l).await,
    }
}

/// The bodies of the firm's leads with these ids (a pull's page).
pub async fn bodies(
    db: &mut Conn,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    match db.on() {
        On::Sqlite(c) => sqlite::bodies(c, partner, ids).await,
    }
}

/// Pending leads whose window ended at or before `now`, of every firm (only the first found when
/// `first_only`).
pub async fn lapsed(db: &mut Conn, now: DateTime<Utc>, first_only: bool) -> Result<Vec<LeadId>> {
    match db.on() {
        On::Sqlite(c) => sqlite::lapsed(c, now, first_only).await,
    }
}

/// Every firm's leads in this state, newest first (the vendor's list).
pub async fn in_state(db: &mut Conn, state: LeadState) -> Result<Vec<StoredLead>> {
    match db.on() {
        On::Sqlite(c) => sqlite::in_state(c, state).await,
    }
}

/// How many of the firm's leads are pending and still open at `now`.
pub async fn open_count(db: &mut Conn, partner: PartnerId, now: DateTime<Utc>) -> Result<u32> {
    match db.on() {
        On::Sqlite(c) => sqlite::open_count(c, partner, now).await,
    }
}

/// A decision a partner pushed.
#[derive(Debug, Clone)]
pub struct DecisionRow {
    /// The pushed record's id.
    pub id: Uuid,
    pub lead: LeadId,
    pub partner: PartnerId,
    pub user: UserId,
    pub body: serde_json::Value,
    pub received_at: DateTime<Utc>,
}

/// Keeps a decision; `false` when one with its id was kept before.
pub async fn record_decision(tx: &mut Write, d: &DecisionRow) -> Result<bool> {
    match tx.on() {
        On::Sqlite(c) => sqlite::record_decision(c, d).await,
    }
}

/// One campaign's counts past its page views.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Funnel {
    pub leads: u64,
    pub accepted: u64,
    /// Prospects made from its leads that still exist.
    pub prospects: u64,
    /// Deal registrations on those prospects.
    pub deals: u64,
    /// Quotes (by number, whatever their revisions) on those prospects or deals.
    pub quotes: u64,
}

/// The firm's campaigns' funnels, by campaign (those without leads are absent).
pub async fn funnels(db: &mut Conn, partner: PartnerId) -> Result<HashMap<CampaignId, Funnel>> {
    match db.on() {
        On::Sqlite(c) => sqlite::funnels(c, partner).await,
    }
}
