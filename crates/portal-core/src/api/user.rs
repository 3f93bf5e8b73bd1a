//! Users of a partner firm.

use crate::{ids::UserId, role::Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user as the user list and the profile show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserProfile {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub phone: String,
    pub role: Role,
    /// Whether the user has completed registration (set a password and security question).
    pub registered: bool,
    /// The user's security question (never the answer).
    pub security_question: Option<String>,
    pub last_sign_in: Option<DateTime<Utc>>,
}

impl UserProfile {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}
