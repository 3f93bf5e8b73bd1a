//! The honest notice for parts of the portal that this version does not have yet.

use super::{icons, PageHeader};
use portal_core::menu::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotBuiltProps {
    pub page: Page,
    /// One sentence: what the page will do.
    pub summary: AttrValue,
}

#[component]
pub fn NotBuilt(props: &NotBuiltProps) -> Html {
    html! {
        <>
            <PageHeader page={props.page} />
            <section class="not-built" data-page={props.page.slug()}>
                <span class="not-built-icon">{ icons::construction() }</span>
                <div>
                    <h2 class="not-built-title">{ "Not built yet" }</h2>
                    <p>
                        { format!("The {} part of the portal is not built yet in this version.", props.page.title()) }
                    </p>
                    <p class="not-built-summary">{ props.summary.clone() }</p>
                </div>
            </section>
        </>
    }
}
