//! Signing in and out: credentials → session, session → revoked.

use super::{lockout, password, token};
use crate::db::instant_text;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store;
use chrono::{DateTime, Utc};
use portal_core::api::auth::{LoginRequest, LoginResponse};
use portal_core::ids::{PartnerId, UserId};
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

/// Checks the credentials and opens a session.
pub async fn login(state: &AppState, req: LoginRequest) -> Result<LoginResponse> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
    if req.password.is_empty() {
        return Err(ApiError::invalid("password", "Enter your password.").into());
    }
    let pool = &state.pool;
    let policy = &state.config.lockout;

    // A locked email is refused before the password is even looked at, right or wrong.
    let now = Utc::now();
    if let Some(until) = lockout::check(pool, email.as_str(), now).await? {
        return Err(locked_out(until, now).into());
    }

    let account: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, partner_id, password_hash FROM users WHERE email = ?1")
            .bind(email.as_str())
            .fetch_optional(pool)
            .await?;
    let stored_hash = account.as_ref().and_then(|(_, _, h)| h.clone());
    let ok = password::verify_or_waste_time(req.password, stored_hash).await?;

    let (user_id, partner_id) = match (ok, account) {
        (true, Some((user_id, partner_id, _))) => (user_id, partner_id),
        _ => {
            let state = lockout::record_failure(pool, email.as_str(), Utc::now(), policy).await?;
            tracing::info!(email = %email, failures = state.failures, locked = state.locked_until.is_some(), "sign-in failed");
            return Err(ApiError::new(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS).into());
        }
    };
    lockout::record_success(pool, email.as_str()).await?;

    let token = token::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(state.config.sessions.ttl(req.remember))
        .map_err(|e| Error::Config(format!("session lifetime: {e}")))?;
    let expires_at = now + ttl;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(token::hash(&token))
    .bind(&user_id)
    .bind(instant_text(now))
    .bind(instant_text(expires_at))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE users SET last_sign_in = ?1 WHERE id = ?2")
        .bind(instant_text(now))
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;

    let user_id: UserId = user_id.parse().map_err(Error::corrupt)?;
    let partner_id: PartnerId = partner_id.parse().map_err(Error::corrupt)?;
    let profile = store::profile(pool, partner_id, user_id).await?;
    tracing::info!(user = %user_id, partner = %partner_id, remember = req.remember, "signed in");
    Ok(LoginResponse {
        token,
        expires_at: crate::db::parse_instant(&instant_text(expires_at))?,
        profile,
    })
}

/// Revokes the session whose token hash is given. Revoking twice changes nothing.
pub async fn logout(state: &AppState, token_hash: &str) -> Result<()> {
    sqlx::query("UPDATE sessions SET revoked_at = ?1 WHERE token_hash = ?2 AND revoked_at IS NULL")
        .bind(instant_text(Utc::now()))
        .bind(token_hash)
        .execute(&state.pool)
        .await?;
    Ok(())
}
