//! The vendor's own staff: signing in and out, and the [`VendorCaller`] extractor.
//!
//! Vendor staff are not users of any partner firm: they live in `vendor_staff`, sign in at their
//! own endpoint, and hold sessions in `vendor_sessions`. So a partner administrator can never make
//! one, a partner's token opens no vendor endpoint (403), and a vendor token opens no partner
//! endpoint (403, see [`super::Caller`]). Passwords, tokens and the lockout work as for partners.

use super::caller::bearer_token;
use super::{lockout, password, token};
use crate::db::{instant_text, parse_instant};
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::vendor::{VendorLoginResponse, VendorRole, VendorStaff};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use chrono::Utc;
use portal_core::api::auth::LoginRequest;
use portal_core::{ApiError, Email, ErrorKind};
use sqlx::SqlitePool;

/// A member of the vendor's staff behind a request. Taking it as a handler argument makes the
/// endpoint require a live vendor session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorCaller {
    pub staff: VendorStaff,
    pub(crate) token_hash: String,
}

/// Whether `token_hash` is a live vendor session.
pub(crate) async fn is_live_session(pool: &SqlitePool, token_hash: &str) -> Result<bool> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT expires_at, revoked_at FROM vendor_sessions WHERE token_hash = ?1")
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
    Ok(match row {
        Some((expires_at, None)) => parse_instant(&expires_at)? > Utc::now(),
        _ => false,
    })
}

/// Whether `token_hash` is a live partner user's session.
async fn is_live_partner_session(pool: &SqlitePool, token_hash: &str) -> Result<bool> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT expires_at, revoked_at FROM sessions WHERE token_hash = ?1")
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
    Ok(match row {
        Some((expires_at, None)) => parse_instant(&expires_at)? > Utc::now(),
        _ => false,
    })
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: String,
    email: String,
    first_name: String,
    last_name: String,
    job_title: String,
    role: String,
}

impl StaffRow {
    fn into_staff(self) -> Result<VendorStaff> {
        Ok(VendorStaff {
            id: crate::db::parse_uuid(&self.id)?,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            job_title: self.job_title,
            role: VendorRole::parse(&self.role)
                .ok_or_else(|| Error::corrupt(format!("vendor role {:?}", self.role)))?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    expires_at: String,
    revoked_at: Option<String>,
    #[sqlx(flatten)]
    staff: StaffRow,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    #[sqlx(flatten)]
    staff: StaffRow,
    password_hash: String,
}

const STAFF_COLUMNS: &str = "v.id, v.email, v.first_name, v.last_name, v.job_title, v.role";

impl<S> FromRequestParts<S> for VendorCaller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token_hash = token::hash(bearer_token(parts)?);
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT s.expires_at, s.revoked_at, {STAFF_COLUMNS}
             FROM vendor_sessions s JOIN vendor_staff v ON v.id = s.staff_id
             WHERE s.token_hash = ?1"
        ))
        .bind(&token_hash)
        .fetch_optional(&state.pool)
        .await?;
        let Some(row) = row else {
            if is_live_partner_session(&state.pool, &token_hash).await? {
                return Err(ApiError::new(
                    ErrorKind::Forbidden,
                    "Only the vendor's channel managers can do this.",
                )
                .into());
            }
            return Err(ApiError::session_expired().into());
        };
        if row.revoked_at.is_some() || parse_instant(&row.expires_at)? <= Utc::now() {
            return Err(ApiError::session_expired().into());
        }
        Ok(VendorCaller {
            staff: row.staff.into_staff()?,
            token_hash,
        })
    }
}

/// Checks a staff member's credentials and opens a vendor session. A partner user's credentials
/// are refused here exactly like wrong ones.
pub async fn login(state: &AppState, req: LoginRequest) -> Result<VendorLoginResponse> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
    if req.password.is_empty() {
        return Err(ApiError::invalid("password", "Enter your password.").into());
    }
    let pool = &state.pool;
    let now = Utc::now();
    if let Some(until) = lockout::check(pool, email.as_str(), now).await? {
        let minutes = ((until - now).num_seconds() + 59) / 60;
        return Err(ApiError::new(
            ErrorKind::LockedOut,
            format!(
                "Too many failed sign-ins for this email. Try again in {} minute{}.",
                minutes.max(1),
                if minutes > 1 { "s" } else { "" }
            ),
        )
        .into());
    }
    let account: Option<AccountRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS}, v.password_hash FROM vendor_staff v WHERE v.email = ?1"
    ))
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    let stored_hash = account.as_ref().map(|a| a.password_hash.clone());
    let ok = password::verify_or_waste_time(req.password, stored_hash).await?;
    let row = match (ok, account) {
        (true, Some(account)) => account.staff,
        _ => {
            lockout::record_failure(pool, email.as_str(), Utc::now(), &state.config.lockout)
                .await?;
            return Err(ApiError::new(
                ErrorKind::InvalidCredentials,
                super::service::INVALID_CREDENTIALS,
            )
            .into());
        }
    };
    lockout::record_success(pool, email.as_str()).await?;
    let staff = row.into_staff()?;
    let token = token::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(state.config.sessions.ttl(req.remember))
        .map_err(|e| Error::Config(format!("session lifetime: {e}")))?;
    let expires_at = now + ttl;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO vendor_sessions (token_hash, staff_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(token::hash(&token))
    .bind(staff.id.to_string())
    .bind(instant_text(now))
    .bind(instant_text(expires_at))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE vendor_staff SET last_sign_in = ?1 WHERE id = ?2")
        .bind(instant_text(now))
        .bind(staff.id.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(staff = %staff.id, "vendor staff signed in");
    Ok(VendorLoginResponse {
        token,
        expires_at: parse_instant(&instant_text(expires_at))?,
        staff,
    })
}

/// Revokes the vendor session whose token hash is given.
pub async fn logout(state: &AppState, token_hash: &str) -> Result<()> {
    sqlx::query(
        "UPDATE vendor_sessions SET revoked_at = ?1 WHERE token_hash = ?2 AND revoked_at IS NULL",
    )
    .bind(instant_text(Utc::now()))
    .bind(token_hash)
    .execute(&state.pool)
    .await?;
    Ok(())
}
