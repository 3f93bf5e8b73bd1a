//! Consecutive failed sign-ins per case-folded email (whether or not an account exists), as the
//! sign-in lockout (`auth::lockout`) keeps them.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::{DateTime, Utc};

/// The failures counted for one email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub failures: u32,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// The failures counted for the email, if any.
pub async fn load(db: &mut Conn, email: &str) -> Result<Option<Failures>> {
    match db.on() {
        On::Sqlite(c) => sqlite::load(c, email).await,
    }
}

/// Stores the email's count (read and written in one write transaction, so that two concurrent
/// failures both count).
pub async fn save(tx: &mut Write, email: &str, failures: &Failures) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::save(c, email, failures).await,
    }
}

/// Forgets the email's failures.
pub async fn forget(db: &mut Conn, email: &str) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::forget(c, email).await,
    }
}
