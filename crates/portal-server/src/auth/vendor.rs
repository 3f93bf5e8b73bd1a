//! The vendor's own staff: signing in and out, and the [`VendorCaller`] extractor.
//!
//! Vendor staff are not users of any partner firm: they are stored apart, sign in at their own
//! endpoint, and hold sessions of their own kind. So a partner administrator can never make
//! one, a partner's token opens no vendor endpoint (403), and a vendor token opens no partner
//! endpoint (403, see [`super::Caller`]). Passwords, tokens and the lockout work as for partners.

use super::caller::bearer_token;
use super::session;
use super::{service, token};
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::storage::sessions::{self, Kind, Staff};
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

/// The staff member as the API shows them.
fn staff(s: Staff) -> Result<VendorStaff> {
    Ok(VendorStaff {
        role: VendorRole::parse(&s.role)
            .ok_or_else(|| Error::corrupt(format!("vendor role {:?}", s.role)))?,
        id: s.id,
        email: s.email,
        first_name: s.first_name,
        last_name: s.last_name,
        job_title: s.job_title,
    })
}

impl<S> FromRequestParts<S> for VendorCaller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token_hash = token::hash(bearer_token(parts)?);
        let mut db = state.storage.conn().await?;
        let Some((found, member)) = sessions::staff_session(&mut db, &token_hash).await? else {
            let forbidden = "Only the vendor's channel managers can do this.";
            return Err(session::refusal(&mut db, Kind::Partner, &token_hash, forbidden).await);
        };
        if !session::live(&found) {
            return Err(ApiError::session_expired().into());
        }
        Ok(VendorCaller {
            staff: staff(member)?,
            token_hash,
        })
    }
}

/// Checks a staff member's credentials and opens a vendor session. A partner user's credentials
/// are refused here exactly like wrong ones.
pub async fn login(state: &AppState, req: LoginRequest) -> Result<VendorLoginResponse> {
    let email = service::screen(state, &req).await?;
    let storage = &state.storage;
    let account = {
        let mut db = storage.conn().await?;
        sessions::staff_account(&mut db, email.as_str()).await?
    };
    let (member, _) = service::verify(state, &email, req.password, account, |(_, hash)| {
        Some(hash.clone())
    })
    .await?;
    let staff = staff(member)?;
    let ttl = state.config.sessions.ttl(req.remember);
    let (token, expires_at) = session::open(storage, Kind::Vendor, staff.id, ttl).await?;
    tracing::info!(staff = %staff.id, "vendor staff signed in");
    Ok(VendorLoginResponse {
        token: SessionToken::new(token),
        expires_at,
        staff,
    })
}

/// Revokes the vendor session whose token hash is given.
pub async fn logout(state: &AppState, token_hash: &str) -> Result<()> {
    session::revoke(&state.storage, Kind::Vendor, token_hash).await
}
