//! Sign-in and session bodies.

use super::{partner::PartnerSummary, user::UserProfile};
use crate::secret::{Password, SessionToken};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: Password,
    /// A remembered session lasts weeks rather than hours.
    #[serde(default)]
    pub remember: bool,
}

/// The answer to a successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Opaque bearer token; send it as `Authorization: Bearer <token>`.
    pub token: SessionToken,
    pub expires_at: DateTime<Utc>,
    pub profile: Profile,
}

/// Who is signed in: `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub user: UserProfile,
    pub partner: PartnerSummary,
}
