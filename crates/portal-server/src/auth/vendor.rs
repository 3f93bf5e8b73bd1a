//! The vendor's own staff: signing in and out, and the [`VendorCaller`] extractor.
//!
//! Vendor staff are not users of any partner firm: they live in `vendor_staff`, sign in at their
//! own endpoint, and hold sessions in `vendor_sessions`. So a partner administrator can never make
//! one, a partner's token opens no vendor endpoint (403), and a vendor token opens no partner
//! endpoint (403, see [`super::Caller`]). Passwords, tokens and the lockout work as for partners.

use super::caller::bearer_token;
use super::session::{self, Kind};
use super::{service, token};
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::vendor::{VendorLoginResponse, VendorRole, VendorStaff};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use portal_core::api::auth::LoginRequest;
use portal_core::secret::SessionToken;
use portal_core::ApiError;

/// A member of the vendor's staff behind a request. Taking it as a handler argument makes the
/// endpoint require a live vendor session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorCaller {
    pub staff: VendorStaff,
    pub(crate) token_hash: String,
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
            let forbidden = "Only the vendor's channel managers can do this.";
            return Err(session::refusal(&state.pool, Kind::Partner, &token_hash, forbidden).await);
        };
        if !session::live(&row.expires_at, row.revoked_at.as_deref())? {
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
    let email = service::screen(state, &req).await?;
    let pool = &state.pool;
    let account: Option<AccountRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS}, v.password_hash FROM vendor_staff v WHERE v.email = ?1"
    ))
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    let account = service::verify(state, &email, req.password, account, |a| {
        Some(a.password_hash.clone())
    })
    .await?;
    let staff = account.staff.into_staff()?;
    let ttl = state.config.sessions.ttl(req.remember);
    let (token, expires_at) = session::open(pool, Kind::Vendor, &staff.id.to_string(), ttl).await?;
    tracing::info!(staff = %staff.id, "vendor staff signed in");
    Ok(VendorLoginResponse {
        token: SessionToken::new(token),
        expires_at,
        staff,
    })
}

/// Revokes the vendor session whose token hash is given.
pub async fn logout(state: &AppState, token_hash: &str) -> Result<()> {
    session::revoke(&state.pool, Kind::Vendor, token_hash).await
}
