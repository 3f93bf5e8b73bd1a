//! Customers area (administrators): orders placed from accepted quotes; customers, support cases,
//! renewals and invoices are not built yet.

mod order_detail;
mod order_form;
mod orders;
mod po_file;

use crate::components::NotBuilt;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    let summary = match page {
        Page::Orders => return html! { <orders::OrdersPage /> },
        Page::Customers => "Browse your customers with their products, seats and next renewal dates — coming in a later release.",
        Page::SupportCases => "Open and follow support cases on your customers' behalf — coming in a later release.",
        Page::Renewals => "See which subscriptions renew soon and quote the renewals in time — coming in a later release.",
        _ => "See the vendor's invoices to your firm and what is due — coming in a later release.",
    };
    html! { <NotBuilt {page} {summary} /> }
}
