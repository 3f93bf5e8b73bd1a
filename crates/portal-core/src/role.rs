//! The roles a partner user can hold, and what each may do.

use std::fmt;

crate::wire_enum! {
    /// A partner user's role, as the portal knows them.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum Role {
        /// All of the firm's records, the Customers area and User Maintenance.
        Administrator = "administrator",
        /// Their own prospects, deals and quotes only.
        Sales = "sales",
        /// Marketing resources and campaigns.
        Marketing = "marketing",
        /// Registers deals on the firm's behalf.
        DealRegistration = "deal_registration",
    }
}

impl Role {
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
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
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
