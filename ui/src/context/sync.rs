//! How syncing stands, as every page may read it: the shell's sync status, a count per kind of
//! record of the syncs that changed it (so pages reload when the data under them moved), and the
//! two things a page may ask for.

use portal_core::{pending::SyncStatus, sync::Entity};
use std::{collections::BTreeMap, rc::Rc};
use yew::prelude::*;

/// The kinds of record the sales pages show.
pub const SALES_ENTITIES: [Entity; 2] = [Entity::Prospect, Entity::Deal];

/// The kinds of record a quote's or an order's page shows (the Sales and the Customers areas both
/// show them).
pub const QUOTING_ENTITIES: [Entity; 6] = [
    Entity::Quote,
    Entity::Order,
    Entity::Prospect,
    Entity::Deal,
    Entity::Customer,
    Entity::Product,
];

/// The kinds of record the Customers area's pages show.
pub const CUSTOMER_ENTITIES: [Entity; 7] = [
    Entity::Customer,
    Entity::Subscription,
    Entity::Renewal,
    Entity::Invoice,
    Entity::SupportCase,
    Entity::Order,
    Entity::Product,
];

/// The kinds of record the Resources pages show.
pub const RESOURCE_ENTITIES: [Entity; 1] = [Entity::Resource];

/// The kinds of record the PIMS pages show (a campaign's page shows the profile's branding, the
/// Lead Inbox the leads of the firm's campaigns).
pub const PIMS_ENTITIES: [Entity; 4] = [
    Entity::CampaignKit,
    Entity::MarketingProfile,
    Entity::Campaign,
    Entity::Lead,
];

/// The sync status, what the syncs so far changed, Sync now and refresh.
#[derive(Clone, PartialEq)]
pub struct SyncState {
    pub status: Rc<SyncStatus>,
    /// Per kind of record: how many syncs have changed it so far.
    changes: Rc<BTreeMap<Entity, u32>>,
    /// Syncs at once (the toolbar's and the Pending Changes page's "Sync now").
    pub sync_now: Callback<()>,
    /// Asks for the status again, such as after the user's own change.
    pub refresh: Callback<()>,
}

/// See [`SyncState::reload_key`].
pub type ReloadKey = (u32, u32, u32);

impl SyncState {
    pub fn new(
        status: Rc<SyncStatus>,
        changes: Rc<BTreeMap<Entity, u32>>,
        sync_now: Callback<()>,
        refresh: Callback<()>,
    ) -> Self {
        Self {
            status,
            changes,
            sync_now,
            refresh,
        }
    }

    /// Grows each time a sync changes one of `entities`: a page puts it among its effect's
    /// dependencies to reload then.
    pub fn data_version(&self, entities: &[Entity]) -> u32 {
        entities
            .iter()
            .filter_map(|e| self.changes.get(e))
            .fold(0_u32, |sum, n| sum.wrapping_add(*n))
    }

    /// What a page showing records of `entities` reloads on: a sync that changed one of them, and
    /// any change in the number of the user's changes waiting or needing attention (their flags
    /// show on the records). Kept apart, not summed: the sync that takes a waiting change (one
    /// fewer) and brings its record back (one more) would leave a sum, and the page, as it was.
    pub fn reload_key(&self, entities: &[Entity]) -> ReloadKey {
        (
            self.data_version(entities),
            self.status.pending,
            self.status.needs_attention,
        )
    }
}
