//! Resources: marketing material, sales tools and campaigns from the vendor (not built yet).

use crate::components::NotBuilt;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    let summary = match page {
        Page::WhatsNew => "The latest product releases and partner programme changes in one place — coming in a later release.",
        Page::SalesTools => "Battle cards, presentations and price lists to download for your sales team — coming in a later release.",
        Page::Pims => "Product information sheets to share with prospects and customers — coming in a later release.",
        Page::BrandingLogos => "The vendor's logos and brand guidelines for co-branded material — coming in a later release.",
        Page::Briefcase => "The files you keep on this computer, to open and save with no connection — coming in a later release.",
        Page::Campaigns => "Ready-made marketing campaigns to run under your own name and the leads they bring — coming in a later release.",
        _ => "Guides and tools to hand to your customers for onboarding and adoption — coming in a later release.",
    };
    html! { <NotBuilt {page} {summary} /> }
}
