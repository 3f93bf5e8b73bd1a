//! A surface with an optional heading, for grouping related facts.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Extra classes (for example `card-wide`).
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    html! {
        <section class={classes!("card", props.class.clone())}>
            if let Some(title) = &props.title {
                <h2 class="card-title">{ title.clone() }</h2>
            }
            { props.children.clone() }
        </section>
    }
}
