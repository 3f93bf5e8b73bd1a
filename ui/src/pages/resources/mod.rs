//! Resources: the vendor's marketing material — What's New, one page per category (Sales Tools,
//! Branding & Logos, Customer Tools), an item's page with its files and preview, and the
//! Briefcase of what is kept for offline use.

mod briefcase;
mod category_keep;
mod files;
mod item;
mod library;
mod offline;
mod preview;

use briefcase::BriefcasePage;
use library::LibraryPage;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::WhatsNew | Page::SalesTools | Page::BrandingLogos | Page::CustomerTools => html! {
            // A page of its own each: its search, filters and visit start afresh.
            <LibraryPage key={page.slug()} {page} />
        },
        _ => html! { <BriefcasePage /> },
    }
}
