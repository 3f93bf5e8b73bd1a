//! A data table with a caption for screen readers and column headings; rows come as children.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub caption: AttrValue,
    pub headers: Vec<AttrValue>,
    /// `<tr>` elements.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Table(props: &TableProps) -> Html {
    html! {
        <div class="table-wrap">
            <table class="table" id={props.id.clone()}>
                <caption class="visually-hidden">{ props.caption.clone() }</caption>
                <thead>
                    <tr>
                        { for props.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>{ props.children.clone() }</tbody>
            </table>
        </div>
    }
}
