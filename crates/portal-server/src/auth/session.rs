//! Sessions, partner users' and vendor staff's alike: opening one on a sign-in, whether one is
//! live, and revoking one. Each kind keeps its own table, so neither kind's token opens the other's
//! endpoints.

use super::token;
use crate::db::{instant_text, parse_instant};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use portal_core::{ApiError, ErrorKind};
use sqlx::SqlitePool;
use std::time::Duration;

/// Whose sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Partner users: `sessions`, keyed to `users`.
    Partner,
    /// The vendor's staff: `vendor_sessions`, keyed to `vendor_staff`.
    Vendor,
}

impl Kind {
    /// (sessions table, its column naming the signed-in account, the accounts' table)
    fn tables(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Partner => ("sessions", "user_id", "users"),
            Kind::Vendor => ("vendor_sessions", "staff_id", "vendor_staff"),
        }
    }
}

/// Whether a session that expires at `expires_at` (as stored) and was revoked at `revoked_at` (if
/// it was) is live now.
pub(crate) fn live(expires_at: &str, revoked_at: Option<&str>) -> Result<bool> {
    Ok(revoked_at.is_none() && parse_instant(expires_at)? > Utc::now())
}

/// Whether `token_hash` is a live session of this kind.
pub(crate) async fn is_live(pool: &SqlitePool, kind: Kind, token_hash: &str) -> Result<bool> {
    let (sessions, _, _) = kind.tables();
    let row: Option<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT expires_at, revoked_at FROM {sessions} WHERE token_hash = ?1"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    match row {
        Some((expires_at, revoked_at)) => live(&expires_at, revoked_at.as_deref()),
        None => Ok(false),
    }
}

/// Why a token that is no session of one kind is refused: forbidden (saying `forbidden`) when it
/// is a live session of the `other` kind; otherwise as expired, since a token we never issued is
/// treated like an expired one: either way, sign in again.
pub(crate) async fn refusal(
    pool: &SqlitePool,
    other: Kind,
    token_hash: &str,
    forbidden: &str,
) -> Error {
    match is_live(pool, other, token_hash).await {
        Ok(true) => ApiError::new(ErrorKind::Forbidden, forbidden).into(),
        Ok(false) => ApiError::session_expired().into(),
        Err(e) => e,
    }
}

/// Opens a session of the account `id` lasting `ttl` and notes the sign-in: the token (handed out
/// once; only its hash is kept) and when the session expires, to the second as stored.
pub(crate) async fn open(
    pool: &SqlitePool,
    kind: Kind,
    id: &str,
    ttl: Duration,
) -> Result<(String, DateTime<Utc>)> {
    let (sessions, account_column, accounts) = kind.tables();
    let token = token::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(ttl)
        .map_err(|e| Error::Config(format!("session lifetime: {e}")))?;
    let expires_at = now + ttl;
    let mut tx = pool.begin().await?;
    sqlx::query(&format!(
        "INSERT INTO {sessions} (token_hash, {account_column}, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)"
    ))
    .bind(token::hash(&token))
    .bind(id)
    .bind(instant_text(now))
    .bind(instant_text(expires_at))
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE {accounts} SET last_sign_in = ?1 WHERE id = ?2"
    ))
    .bind(instant_text(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((token, parse_instant(&instant_text(expires_at))?))
}

/// Revokes the session whose token hash is given. Revoking twice changes nothing.
pub(crate) async fn revoke(pool: &SqlitePool, kind: Kind, token_hash: &str) -> Result<()> {
    let (sessions, _, _) = kind.tables();
    sqlx::query(&format!(
        "UPDATE {sessions} SET revoked_at = ?1 WHERE token_hash = ?2 AND revoked_at IS NULL"
    ))
    .bind(instant_text(Utc::now()))
    .bind(token_hash)
    .execute(pool)
    .await?;
    Ok(())
}
