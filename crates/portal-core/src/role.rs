//! The roles a partner user can hold, and what each may do.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A partner user's role, as the portal knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// All of the firm's records, the Customers area and User Maintenance.
    Administrator,
    /// Their own prospects, deals and quotes only.
    Sales,
    /// Marketing resources and campaigns.
    Marketing,
    /// Registers deals on the firm's behalf.
    DealRegistration,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 4] = [
        Role::Administrator,
        Role::Sales,
        Role::Marketing,
        Role::DealRegistration,
    ];

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::Sales => "Sales",
            Role::Marketing => "Marketing",
            Role::DealRegistration => "Deal Registration",
        }
    }

    /// The Customers area (customers, orders, support cases, renewals, invoices) is for administrators.
    pub fn sees_customers_area(self) -> bool {
        matches!(self, Role::Administrator)
    }

    /// Only administrators maintain the firm's users.
    pub fn manages_users(self) -> bool {
        matches!(self, Role::Administrator)
    }

    /// Administrators see every record of the firm; everyone else sees the records they own.
    pub fn sees_all_firm_records(self) -> bool {
        matches!(self, Role::Administrator)
    }

    /// The stable text stored in databases and sent over the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Sales => "sales",
            Role::Marketing => "marketing",
            Role::DealRegistration => "deal_registration",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Text that names no role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_administrators_reach_customers_and_user_maintenance() {
        for role in Role::ALL {
            let admin = role == Role::Administrator;
            assert_eq!(role.sees_customers_area(), admin, "{role}");
            assert_eq!(role.manages_users(), admin, "{role}");
        }
    }

    #[test]
    fn stored_text_round_trips() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        assert!("owner".parse::<Role>().is_err());
    }
}
