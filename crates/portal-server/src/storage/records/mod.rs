//! The firm's synced records — prospects, deal registrations, quotes and orders — as stored: the
//! portal-core record as a JSON body, the columns copied from it for queries and constraints, its
//! version and the field stamps the merge needs. The [`Stored`] trait is what the shared write
//! steps (`sync::write`) work through; the functions below are the questions the rules ask of these
//! records. Every query that reads or writes a firm's record names the firm.

mod sqlite;
mod stamps;

pub use stamps::{FieldStamps, Stamp};

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::NaiveDate;
use portal_core::deal::DealStatus;
use portal_core::ids::{DealId, OrderId, PartnerId, ProspectId, QuoteId, UserId};
use portal_core::order::{Order, OrderStatus};
use portal_core::prospect::Prospect;
use portal_core::quote::{Quote, QuoteStatus};
use portal_core::registration::Deal;
use portal_core::sync::Entity;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::future::Future;
use uuid::Uuid;

/// A prospect with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredProspect {
    pub prospect: Prospect,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// A deal registration with its version, field stamps, and the domain it claimed when submitted.
#[derive(Debug, Clone)]
pub struct StoredDeal {
    pub deal: Deal,
    pub claimed_domain: Option<String>,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// A quote (one revision) with its version, field stamps and server-side columns.
#[derive(Debug, Clone)]
pub struct StoredQuote {
    pub quote: Quote,
    pub version: i64,
    pub stamps: FieldStamps,
    /// While superseded: the status to restore if the superseding draft revision is deleted.
    pub restore_status: Option<QuoteStatus>,
    /// The channel manager who decided on the quote's discount, if one did.
    pub approval_decided_by: Option<String>,
}

/// An order with its version and field stamps.
#[derive(Debug, Clone)]
pub struct StoredOrder {
    pub order: Order,
    pub version: i64,
    pub stamps: FieldStamps,
}

/// A firm's record as stored: the portal-core record with its version and field stamps.
pub trait Stored: Sized + Send + Sync {
    /// The portal-core record.
    type Record: Serialize + DeserializeOwned + Send + Sync;
    const ENTITY: Entity;

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
        db: &mut Conn,
        partner: PartnerId,
        id: Uuid,
    ) -> impl Future<Output = Result<Option<Self>>> + Send;

    /// Inserts or replaces the firm's record (never another firm's: the update is scoped).
    fn save(&self, tx: &mut Write, partner: PartnerId) -> impl Future<Output = Result<()>> + Send;

    fn id(&self) -> Uuid {
        Self::id_of(self.record())
    }

    fn owner(&self) -> UserId {
        Self::owner_of(self.record())
    }
}

/// Implements [`Stored`] for a stored type whose record is in `$field`, read by `$find` and saved
/// by `$save` (each engine's functions of those names); `$created` builds it from (record,
/// version, stamps).
macro_rules! stored {
    ($stored:ty, $field:ident: $record:ty, $entity:expr, $find:ident, $save:ident, $created:expr) => {
        impl Stored for $stored {
            type Record = $record;
            const ENTITY: Entity = $entity;

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
            async fn find(db: &mut Conn, partner: PartnerId, id: Uuid) -> Result<Option<Self>> {
                match db.on() {
                    On::Sqlite(c) => sqlite::$find(c, partner, id).await,
                }
            }
            async fn save(&self, tx: &mut Write, partner: PartnerId) -> Result<()> {
                match tx.on() {
                    On::Sqlite(c) => sqlite::$save(c, partner, self).await,
                }
            }
        }
    };
}

stored!(
    StoredProspect,
    prospect: Prospect,
    Entity::Prospect,
    prospect,
    save_prospect,
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
    deal,
    save_deal,
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
    quote,
    save_quote,
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
    order,
    save_order,
    |order, version, stamps| StoredOrder {
        order,
        version,
        stamps,
    }
);

/// Deletes the firm's record `id` of kind `S` (its tombstone is the change log's).
pub async fn delete<S: Stored>(tx: &mut Write, partner: PartnerId, id: Uuid) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::delete(c, S::ENTITY, partner, id).await,
    }
}

/// The stored bodies of the firm's prospects, deals, quotes or orders (`entity`) with these ids, in
/// one query. Ids that are gone are simply absent.
pub async fn bodies(
    db: &mut Conn,
    entity: Entity,
    partner: PartnerId,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Value>> {
    match db.on() {
        On::Sqlite(c) => sqlite::bodies(c, entity, partner, ids).await,
    }
}

/// Whether any firm has a live prospect, deal, quote or order with this id (ids are global).
pub async fn id_taken(db: &mut Conn, id: Uuid) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::id_taken(c, id).await,
    }
}

/// The firm's live prospect with this domain: its id and company name.
pub async fn prospect_by_domain(
    db: &mut Conn,
    partner: PartnerId,
    domain: &str,
) -> Result<Option<(ProspectId, String)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::prospect_by_domain(c, partner, domain).await,
    }
}

/// The company name of the firm's prospect.
pub async fn prospect_company(
    db: &mut Conn,
    partner: PartnerId,
    id: ProspectId,
) -> Result<Option<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::prospect_company(c, partner, id).await,
    }
}

/// The firm's deals on one prospect, oldest number first.
pub async fn deals_of_prospect(
    db: &mut Conn,
    partner: PartnerId,
    prospect: ProspectId,
) -> Result<Vec<StoredDeal>> {
    match db.on() {
        On::Sqlite(c) => sqlite::deals_of_prospect(c, partner, prospect).await,
    }
}

/// Whose registrations [`domain_holders`] asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firms {
    /// The firm's own.
    This(PartnerId),
    /// Every firm's but this one's.
    OtherThan(PartnerId),
}

/// The numbers of the registrations claiming `domain` in one of `statuses` and not past their
/// expiry on `today`, of the firms asked for, other than the deal `except`; by number.
pub async fn domain_holders(
    db: &mut Conn,
    firms: Firms,
    domain: &str,
    statuses: &[DealStatus],
    except: Option<DealId>,
    today: NaiveDate,
) -> Result<Vec<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::domain_holders(c, firms, domain, statuses, except, today).await,
    }
}

/// Records whose date has passed, for a sweep that moves them on.
#[derive(Debug, Clone, Copy)]
pub enum Lapsing<'a> {
    /// Deal registrations in these statuses whose `expires_on` is before the day.
    Deals(&'a [DealStatus]),
    /// Quotes in these statuses whose `valid_until` is before the day.
    Quotes(&'a [QuoteStatus]),
}

/// The records `which` describes, lapsed before `day` — of `partner`, or of every firm — as (firm,
/// id); only the first one found when `first_only` (to ask cheaply whether there is any).
pub async fn lapsed(
    db: &mut Conn,
    which: Lapsing<'_>,
    partner: Option<PartnerId>,
    day: NaiveDate,
    first_only: bool,
) -> Result<Vec<(PartnerId, Uuid)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::lapsed(c, which, partner, day, first_only).await,
    }
}

/// The number of the firm's order on this quote that is not refused, other than `except`. (An
/// order that is not refused holds its quote: the schema allows one per quote.)
pub async fn live_order_on(
    db: &mut Conn,
    partner: PartnerId,
    quote: QuoteId,
    except: Uuid,
) -> Result<Option<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::live_order_on(c, partner, quote, except).await,
    }
}

/// Any firm's quote, with its firm (for the vendor's staff, who work across firms).
pub async fn quote_of_any_firm(
    db: &mut Conn,
    id: QuoteId,
) -> Result<Option<(PartnerId, StoredQuote)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::quote_of_any_firm(c, id).await,
    }
}

/// Any firm's order, with its firm (for the vendor's staff, who work across firms).
pub async fn order_of_any_firm(
    db: &mut Conn,
    id: OrderId,
) -> Result<Option<(PartnerId, StoredOrder)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::order_of_any_firm(c, id).await,
    }
}

/// Draft quotes whose discount waits for a channel manager (approval pending), across firms,
/// oldest number first: (firm, firm's name, quote).
pub async fn awaiting_approval(db: &mut Conn) -> Result<Vec<(PartnerId, String, Quote)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::awaiting_approval(c).await,
    }
}

/// Every firm's orders in the vendor's provisioning (submitted or processing), by number: (firm,
/// order, its status as read).
pub async fn in_provisioning(db: &mut Conn) -> Result<Vec<(PartnerId, Uuid, OrderStatus)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::in_provisioning(c).await,
    }
}

/// A named counter behind the numbers shown to people; a number is never reused, even a deleted
/// draft's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    DealNumber,
    QuoteNumber,
    OrderNumber,
}

impl Counter {
    /// Its name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Counter::DealNumber => "deal_number",
            Counter::QuoteNumber => "quote_number",
            Counter::OrderNumber => "order_number",
        }
    }
}

/// Takes the next value of a counter.
pub async fn next_in(tx: &mut Write, counter: Counter) -> Result<i64> {
    match tx.on() {
        On::Sqlite(c) => sqlite::next_in(c, counter).await,
    }
}
