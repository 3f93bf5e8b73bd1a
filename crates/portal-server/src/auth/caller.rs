//! `Caller`: the signed-in user behind a request, from its `Authorization: Bearer` token.

use super::session;
use super::token;
use crate::error::Error;
use crate::state::AppState;
use crate::storage::sessions::{self, Kind};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use portal_core::ids::{PartnerId, UserId};
use portal_core::{ApiError, ErrorKind, Role};

/// Who is calling. Taking it as a handler argument makes the endpoint require a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: UserId,
    pub partner_id: PartnerId,
    pub role: Role,
    /// The session's key, so that sign-out can revoke exactly this session.
    pub(crate) token_hash: String,
}

impl Caller {
    /// Refuses callers whose role is not administrator.
    pub fn require_administrator(&self) -> Result<(), Error> {
        if self.role == Role::Administrator {
            Ok(())
        } else {
            Err(ApiError::forbidden().into())
        }
    }
}

fn unauthenticated() -> Error {
    ApiError::new(ErrorKind::Unauthenticated, "Please sign in to continue.").into()
}

/// The bearer token of a request.
pub(crate) fn bearer_token(parts: &Parts) -> Result<&str, Error> {
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(unauthenticated)?
        .to_str()
        .map_err(|_| unauthenticated())?;
    header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(unauthenticated)
}

impl<S> FromRequestParts<S> for Caller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token_hash = token::hash(bearer_token(parts)?);

        let mut db = state.storage.conn().await?;
        let found = sessions::partner_session(&mut db, &token_hash).await?;
        let Some((found, user_id, partner_id, role)) = found else {
            // The vendor's staff are no partner's users: their sessions open no partner endpoint.
            let forbidden =
                "This is for partner users; vendor staff work from the vendor's endpoints.";
            return Err(session::refusal(&mut db, Kind::Vendor, &token_hash, forbidden).await);
        };
        if !session::live(&found) {
            return Err(ApiError::session_expired().into());
        }
        Ok(Caller {
            user_id,
            partner_id,
            role,
            token_hash,
        })
    }
}
