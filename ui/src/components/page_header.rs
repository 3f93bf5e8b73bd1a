//! A page's heading: the title every page shows (`h1.page-title`), an optional lead and actions.
//! A record's page (a prospect, a deal) titles itself with the record's name and leads back to
//! its list (`#page-back`).

use super::icons;
use portal_core::menu::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageHeaderProps {
    pub page: Page,
    /// Replaces the page's title, for one record's view.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// A way back to the page's list, labelled with the page's title.
    #[prop_or_default]
    pub back: Option<Callback<()>>,
    /// A sentence under the title.
    #[prop_or_default]
    pub lead: Option<AttrValue>,
    /// Badges beside the title (a record's status).
    #[prop_or_default]
    pub badges: Option<Html>,
    /// Buttons on the right.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn PageHeader(props: &PageHeaderProps) -> Html {
    let title = props
        .title
        .clone()
        .unwrap_or(AttrValue::Static(props.page.title()));
    html! {
        <header class="page-header">
            <div class="page-header-text">
                if let Some(back) = &props.back {
                    <button id="page-back" type="button" class="page-back"
                        onclick={back.reform(|_: MouseEvent| ())}>
                        { icons::chevron_left() }{ props.page.title() }
                    </button>
                }
                <div class="page-title-row">
                    <h1 class="page-title" tabindex="-1">{ title }</h1>
                    if let Some(badges) = &props.badges {
                        <div class="page-badges">{ badges.clone() }</div>
                    }
                </div>
                if let Some(lead) = &props.lead {
                    <p class="page-lead">{ lead.clone() }</p>
                }
            </div>
            <div class="page-actions">{ props.children.clone() }</div>
        </header>
    }
}
