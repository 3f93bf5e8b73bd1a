//! Dashboard: the partner's overview (not built in this version).

use crate::components::NotBuilt;
use portal_core::menu::Page;
use yew::prelude::*;

pub fn view() -> Html {
    html! {
        <NotBuilt page={Page::Dashboard}
            summary="See your pipeline, open quotes, upcoming renewals and certification progress at a glance — coming in a later release." />
    }
}
