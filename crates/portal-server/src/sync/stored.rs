//! What the shared write steps need of a synced record as stored — its entity, id, owner, version
//! and field stamps, and how the firm's row is read and saved — for prospects, deals, quotes and
//! orders.

use super::merge::FieldStamps;
use super::quote_records::{self, StoredOrder, StoredQuote};
use super::records::{self, StoredDeal, StoredProspect};
use crate::error::Result;
use portal_core::ids::UserId;
use portal_core::order::Order;
use portal_core::prospect::Prospect;
use portal_core::quote::Quote;
use portal_core::registration::Deal;
use portal_core::sync::Entity;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqliteConnection;
use std::future::Future;
use uuid::Uuid;

/// A firm's record as stored: the portal-core record with its version and field stamps.
pub trait Stored: Sized + Send {
    /// The portal-core record.
    type Record: Serialize + DeserializeOwned + Send;
    const ENTITY: Entity;
    /// The table holding the firm's rows.
    const TABLE: &'static str;

    /// A record just created, written as `version`.
    fn created(record: Self::Record, version: i64, stamps: FieldStamps) -> Self;
    fn record(&self) -> &Self::Record;
    fn record_mut(&mut self) -> &mut Self::Record;
    fn version(&self) -> i64;
    fn version_mut(&mut self) -> &mut i64;
    fn stamps(&self) -> &FieldStamps;
    fn stamps_mut(&mut self) -> &mut FieldStamps;
    fn id_of(record: &Self::Record) -> Uuid;
    fn owner_of(record: &Self::Record) -> UserId;

    /// The firm's record `id`, if it is there.
    fn find(
        conn: &mut SqliteConnection,
        partner: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<Self>>> + Send;

    /// Inserts or replaces the firm's record.
    fn save(
        &self,
        conn: &mut SqliteConnection,
        partner: &str,
    ) -> impl Future<Output = Result<()>> + Send;

    fn id(&self) -> String {
        Self::id_of(self.record()).to_string()
    }

    fn owner(&self) -> UserId {
        Self::owner_of(self.record())
    }
}

/// Implements [`Stored`] for a stored type whose record is in `$field`, read by `$find` and saved
/// by `$save`; `$created` builds it from (record, version, stamps).
macro_rules! stored {
    ($stored:ty, $field:ident: $record:ty, $entity:expr, $table:literal, $find:path, $save:path,
     $created:expr) => {
        impl Stored for $stored {
            type Record = $record;
            const ENTITY: Entity = $entity;
            const TABLE: &'static str = $table;

            fn created(record: $record, version: i64, stamps: FieldStamps) -> Self {
                let created: fn($record, i64, FieldStamps) -> Self = $created;
                created(record, version, stamps)
            }
            fn record(&self) -> &$record {
                &self.$field
            }
            fn record_mut(&mut self) -> &mut $record {
                &mut self.$field
            }
            fn version(&self) -> i64 {
                self.version
            }
            fn version_mut(&mut self) -> &mut i64 {
                &mut self.version
            }
            fn stamps(&self) -> &FieldStamps {
                &self.stamps
            }
            fn stamps_mut(&mut self) -> &mut FieldStamps {
                &mut self.stamps
            }
            fn id_of(r: &$record) -> Uuid {
                *r.id.as_uuid()
            }
            fn owner_of(r: &$record) -> UserId {
                r.owner_id
            }
            async fn find(
                conn: &mut SqliteConnection,
                partner: &str,
                id: &str,
            ) -> Result<Option<Self>> {
                $find(conn, partner, id).await
            }
            async fn save(&self, conn: &mut SqliteConnection, partner: &str) -> Result<()> {
                $save(conn, partner, self).await
            }
        }
    };
}

stored!(
    StoredProspect,
    prospect: Prospect,
    Entity::Prospect,
    "prospects",
    records::prospect,
    records::save_prospect,
    |prospect, version, stamps| StoredProspect {
        prospect,
        version,
        stamps,
    }
);
stored!(
    StoredDeal,
    deal: Deal,
    Entity::Deal,
    "deals",
    records::deal,
    records::save_deal,
    |deal, version, stamps| StoredDeal {
        deal,
        claimed_domain: None,
        version,
        stamps,
    }
);
stored!(
    StoredQuote,
    quote: Quote,
    Entity::Quote,
    "quotes",
    quote_records::quote,
    quote_records::save_quote,
    |quote, version, stamps| StoredQuote {
        quote,
        version,
        stamps,
        restore_status: None,
        approval_decided_by: None,
    }
);
stored!(
    StoredOrder,
    order: Order,
    Entity::Order,
    "orders",
    quote_records::order,
    quote_records::save_order,
    |order, version, stamps| StoredOrder {
        order,
        version,
        stamps,
    }
);
