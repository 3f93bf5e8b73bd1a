//! Company: the vendor's news, the firm's account team, about the vendor, and technical support.

mod about;
mod account_team;
mod news;
mod support;

use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::News => html! { <news::News /> },
        Page::AccountTeam => html! { <account_team::AccountTeam /> },
        Page::About => html! { <about::About /> },
        _ => html! { <support::TechnicalSupport /> },
    }
}
