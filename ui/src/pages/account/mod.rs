//! The account menu's pages: the user's own account, the firm's details, and (admins) its users.

mod my_account;
mod partner_details;
mod resource_alerts;
mod user_maintenance;

pub use my_account::MyAccount;
pub use partner_details::PartnerDetailsPage;
pub use user_maintenance::UserMaintenance;

/// "Yes" or the honest alternative for a user's registration.
pub fn registered_label(registered: bool) -> &'static str {
    if registered {
        "Registered"
    } else {
        "Not yet registered"
    }
}
