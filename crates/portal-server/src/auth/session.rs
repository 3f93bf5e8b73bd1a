//! Sessions, partner users' and vendor staff's alike: opening one on a sign-in, whether one is
//! live, and revoking one. Each kind keeps its own sessions, so neither kind's token opens the
//! other's endpoints.

use super::token;
use crate::error::{Error, Result};
use crate::storage::sessions::{self, Kind, Session};
use crate::storage::{Conn, Storage};
use chrono::{DateTime, Utc};
use portal_core::{ApiError, ErrorKind};
use std::time::Duration;
use uuid::Uuid;

/// Whether a session is live now: not revoked, and not expired.
pub(crate) fn live(session: &Session) -> bool {
    !session.revoked && session.expires_at > Utc::now()
}

/// Why a token that is no session of one kind is refused: forbidden (saying `forbidden`) when it
/// is a live session of the `other` kind; otherwise as expired, since a token we never issued is
/// treated like an expired one: either way, sign in again.
pub(crate) async fn refusal(
    db: &mut Conn,
    other: Kind,
    token_hash: &str,
    forbidden: &str,
) -> Error {
    match sessions::session(db, other, token_hash).await {
        Ok(Some(session)) if live(&session) => {
            ApiError::new(ErrorKind::Forbidden, forbidden).into()
        }
        Ok(_) => ApiError::session_expired().into(),
        Err(e) => e,
    }
}

/// Opens a session of the account `id` lasting `ttl` and notes the sign-in: the token (handed out
/// once; only its hash is kept) and when the session expires, to the millisecond as stored.
pub(crate) async fn open(
    storage: &Storage,
    kind: Kind,
    id: Uuid,
    ttl: Duration,
) -> Result<(String, DateTime<Utc>)> {
    let token = token::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(ttl)
        .map_err(|e| Error::Config(format!("session lifetime: {e}")))?;
    let mut tx = storage.write().await?;
    let expires_at =
        sessions::open(&mut tx, kind, id, &token::hash(&token), now, now + ttl).await?;
    tx.commit().await?;
    Ok((token, expires_at))
}

/// Revokes the session whose token hash is given. Revoking twice changes nothing.
pub(crate) async fn revoke(storage: &Storage, kind: Kind, token_hash: &str) -> Result<()> {
    let mut db = storage.conn().await?;
    sessions::revoke(&mut db, kind, token_hash, Utc::now()).await
}
