//! A page's heading: the title every page shows (`h1.page-title`), an optional lead and actions.

use portal_core::menu::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageHeaderProps {
    pub page: Page,
    /// A sentence under the title.
    #[prop_or_default]
    pub lead: Option<AttrValue>,
    /// Buttons on the right.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn PageHeader(props: &PageHeaderProps) -> Html {
    html! {
        <header class="page-header">
            <div class="page-header-text">
                <h1 class="page-title" tabindex="-1">{ props.page.title() }</h1>
                if let Some(lead) = &props.lead {
                    <p class="page-lead">{ lead.clone() }</p>
                }
            </div>
            <div class="page-actions">{ props.children.clone() }</div>
        </header>
    }
}
