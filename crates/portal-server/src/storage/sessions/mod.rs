//! Signing in and being signed in: the accounts that sign in by email (partner users, and the
//! vendor's staff, who are no partner's users), and their sessions, each kind in its own table so
//! that neither kind's token opens the other's endpoints. A session is kept by the SHA-256 of its
//! token only.

mod sqlite;

use super::{Conn, On, Write};
use crate::error::Result;
use chrono::{DateTime, Utc};
use portal_core::ids::{PartnerId, UserId};
use portal_core::Role;
use uuid::Uuid;

/// Whose sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Partner users.
    Partner,
    /// The vendor's staff.
    Vendor,
}

/// A session as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

/// A partner user who signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerAccount {
    pub user: UserId,
    pub partner: PartnerId,
    /// None until the user has registered.
    pub password_hash: Option<String>,
}

/// A member of the vendor's staff, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    /// The stored name of their role.
    pub role: String,
}

/// The partner user with this email.
pub async fn partner_account(db: &mut Conn, email: &str) -> Result<Option<PartnerAccount>> {
    match db.on() {
        On::Sqlite(c) => sqlite::partner_account(c, email).await,
    }
}

/// The staff member with this email, and their password hash.
pub async fn staff_account(db: &mut Conn, email: &str) -> Result<Option<(Staff, String)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::staff_account(c, email).await,
    }
}

/// The partner user's session whose token hashes to `token_hash`: the session, the user, their
/// firm and role.
pub async fn partner_session(
    db: &mut Conn,
    token_hash: &str,
) -> Result<Option<(Session, UserId, PartnerId, Role)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::partner_session(c, token_hash).await,
    }
}

/// The staff member's session whose token hashes to `token_hash`, and the staff member.
pub async fn staff_session(db: &mut Conn, token_hash: &str) -> Result<Option<(Session, Staff)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::staff_session(c, token_hash).await,
    }
}

/// The session of this kind whose token hashes to `token_hash`.
pub async fn session(db: &mut Conn, kind: Kind, token_hash: &str) -> Result<Option<Session>> {
    match db.on() {
        On::Sqlite(c) => sqlite::session(c, kind, token_hash).await,
    }
}

/// Opens a session of the account `account` until `expires_at` and notes the sign-in at `now`:
/// the expiry as stored (to the millisecond), which is what the session will be judged by.
pub async fn open(
    tx: &mut Write,
    kind: Kind,
    account: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    match tx.on() {
        On::Sqlite(c) => sqlite::open(c, kind, account, token_hash, now, expires_at).await,
    }
}

/// Revokes the session at `now`. Revoking twice changes nothing.
pub async fn revoke(db: &mut Conn, kind: Kind, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    match db.on() {
        On::Sqlite(c) => sqlite::revoke(c, kind, token_hash, now).await,
    }
}
