//! Sales: deals, prospects and quotes (not built in this version).

use crate::components::NotBuilt;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    let summary = match page {
        Page::Deals => "Register deals with the vendor, follow their approval and see channel conflicts explained — coming in the next release.",
        Page::Prospects => "Create and manage prospects, verify their email domains and register deals — coming in the next release.",
        _ => "Price quotes from the vendor's price book with your partner margin and volume tiers, even offline — coming in the next release.",
    };
    html! { <NotBuilt {page} {summary} /> }
}
