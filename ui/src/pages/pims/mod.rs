//! PIMS, the Partner Interactive Marketing Suite: the firm's Marketing Profile (how it appears on
//! everything co-branded), Campaigns (the vendor's kits, a campaign's editor and its co-branded
//! preview, rendered on this machine), the Lead Inbox (accept into a prospect, or decline) and
//! Campaign Results (each campaign's funnel).

mod badges;
mod campaign;
mod campaigns;
mod decide;
mod funnel;
mod lead;
mod leads;
mod logos;
mod preview;
mod profile;
mod profile_form;
mod results;
mod steps;

use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::MarketingProfile => html! { <profile::ProfilePage /> },
        Page::Campaigns => html! { <campaigns::CampaignsPage /> },
        Page::Leads => html! { <leads::LeadsPage /> },
        _ => html! { <results::ResultsPage /> },
    }
}
