//! The account menu's pages: the user's own account, the firm's details, and (admins) its users.

mod my_account;
mod partner_details;
mod user_maintenance;

use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::MyAccount => html! { <my_account::MyAccount /> },
        Page::PartnerDetails => html! { <partner_details::PartnerDetailsPage /> },
        _ => html! { <user_maintenance::UserMaintenance /> },
    }
}

/// "Yes" or the honest alternative for a user's registration.
pub fn registered_label(registered: bool) -> &'static str {
    if registered {
        "Registered"
    } else {
        "Not yet registered"
    }
}
