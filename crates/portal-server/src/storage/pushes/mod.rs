//! Pushes as remembered: each installation of the app (its client id, and the user it belongs to)
//! and the outcome of every mutation it pushed, keyed by (client, mutation id), so that a push
//! delivered twice is answered the same and applied once.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::{DateTime, Utc};
use portal_core::ids::UserId;
use portal_core::sync::Outcome;
use uuid::Uuid;

/// Gives the installation `client` to `user` unless it belongs to someone already: the user it
/// belongs to.
pub async fn claim(
    db: &mut Conn,
    client: Uuid,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<UserId> {
    match db.on() {
        On::Sqlite(c) => sqlite::claim(c, client, user, now).await,
    }
}

/// The recorded outcome of the installation's mutation, if it was applied and is remembered.
pub async fn outcome(db: &mut Conn, client: Uuid, mutation: i64) -> Result<Option<Outcome>> {
    match db.on() {
        On::Sqlite(c) => sqlite::outcome(c, client, mutation).await,
    }
}

/// The installation's newest remembered mutation id.
pub async fn newest(db: &mut Conn, client: Uuid) -> Result<Option<i64>> {
    match db.on() {
        On::Sqlite(c) => sqlite::newest(c, client).await,
    }
}

/// Remembers a mutation's outcome, in the transaction that applied it.
pub async fn remember(
    tx: &mut Write,
    client: Uuid,
    mutation: i64,
    user: UserId,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::remember(c, client, mutation, user, outcome, now).await,
    }
}

/// Forgets the outcomes of mutations applied before `before`, except each installation's newest:
/// how many.
pub async fn forget_before(db: &mut Conn, before: DateTime<Utc>) -> Result<u64> {
    match db.on() {
        On::Sqlite(c) => sqlite::forget_before(c, before).await,
    }
}
