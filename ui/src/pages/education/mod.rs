//! Education: assessments, certification and the academy (not built yet).

use crate::components::NotBuilt;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    let summary = match page {
        Page::Assessments => "Take the product assessments that lead to individual certifications — coming in a later release.",
        Page::BecomeCertified => "Follow the steps that take your firm to the next certification level — coming in a later release.",
        _ => "Courses from the vendor's education academy, with your team's progress — coming in a later release.",
    };
    html! { <NotBuilt {page} {summary} /> }
}
