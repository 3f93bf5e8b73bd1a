//! Signing in and out: credentials → session, session → revoked.

use super::session;
use super::{lockout, password};
use crate::error::Result;
use crate::state::AppState;
use crate::storage::accounts;
use crate::storage::sessions::{self, Kind};
use chrono::{DateTime, Utc};
use portal_core::api::auth::{LoginRequest, LoginResponse};
use portal_core::secret::{Password, SessionToken};
use portal_core::{ApiError, Email, ErrorKind};

/// The same words for an unknown email and a wrong password, so neither reveals who has an account.
pub const INVALID_CREDENTIALS: &str = "The email or password is incorrect.";

fn locked_out(until: DateTime<Utc>, now: DateTime<Utc>) -> ApiError {
    let minutes = ((until - now).num_seconds() + 59) / 60;
    ApiError::new(
        ErrorKind::LockedOut,
        format!(
            "Too many failed sign-ins for this email. Try again in {} minute{}.",
            minutes.max(1),
            if minutes > 1 { "s" } else { "" }
        ),
    )
}

/// The email of a sign-in, once it is well formed, has a password, and is not locked out. A locked
/// email is refused before the password is even looked at, right or wrong.
pub(super) async fn screen(state: &AppState, req: &LoginRequest) -> Result<Email> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
    if req.password.is_empty() {
        return Err(ApiError::invalid("password", "Enter your password.").into());
    }
    let now = Utc::now();
    if let Some(until) = lockout::check(&state.storage, email.as_str(), now).await? {
        return Err(locked_out(until, now).into());
    }
    Ok(email)
}

/// The account signing in, if `password` matches its hash (`hash` of it): the time taken is the
/// same when there is no such account, and the attempt counts towards the email's lockout.
pub(super) async fn verify<A>(
    state: &AppState,
    email: &Email,
    password: Password,
    account: Option<A>,
    hash: impl FnOnce(&A) -> Option<String>,
) -> Result<A> {
    let storage = &state.storage;
    let stored_hash = account.as_ref().and_then(hash);
    let ok = password::verify_or_waste_time(password.into_inner(), stored_hash).await?;
    match (ok, account) {
        (true, Some(account)) => {
            lockout::record_success(storage, email.as_str()).await?;
            Ok(account)
        }
        _ => {
            let policy = &state.config.lockout;
            let state =
                lockout::record_failure(storage, email.as_str(), Utc::now(), policy).await?;
            tracing::info!(email = %email, failures = state.failures, locked = state.locked_until.is_some(), "sign-in failed");
            Err(ApiError::new(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS).into())
        }
    }
}

/// Checks the credentials and opens a session.
pub async fn login(state: &AppState, req: LoginRequest) -> Result<LoginResponse> {
    let email = screen(state, &req).await?;
    let storage = &state.storage;
    let account = {
        let mut db = storage.conn().await?;
        sessions::partner_account(&mut db, email.as_str()).await?
    };
    let account = verify(state, &email, req.password, account, |a| {
        a.password_hash.clone()
    })
    .await?;
    let (user_id, partner_id) = (account.user, account.partner);
    let ttl = state.config.sessions.ttl(req.remember);
    let (token, expires_at) = session::open(storage, Kind::Partner, user_id.0, ttl).await?;

    let mut db = storage.conn().await?;
    let profile = accounts::profile(&mut db, partner_id, user_id).await?;
    tracing::info!(user = %user_id, partner = %partner_id, remember = req.remember, "signed in");
    Ok(LoginResponse {
        token: SessionToken::new(token),
        expires_at,
        profile,
    })
}

/// Revokes the session whose token hash is given. Revoking twice changes nothing.
pub async fn logout(state: &AppState, token_hash: &str) -> Result<()> {
    session::revoke(&state.storage, Kind::Partner, token_hash).await
}
