//! Read-only label/value pairs, laid out as a definition list, and the values they often hold.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldsProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Fields(props: &FieldsProps) -> Html {
    html! { <dl class="fields">{ props.children.clone() }</dl> }
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub label: AttrValue,
    /// A stable hook for tests: `data-field` on the row.
    #[prop_or_default]
    pub name: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Field(props: &FieldProps) -> Html {
    html! {
        <div class="field-row" data-field={props.name.clone()}>
            <dt>{ props.label.clone() }</dt>
            <dd>{ props.children.clone() }</dd>
        </div>
    }
}

/// A value, or a muted dash when the text is empty.
pub fn text_or_dash(text: &str) -> Html {
    if text.trim().is_empty() {
        html! { <span class="muted">{ "—" }</span> }
    } else {
        html! { { text.to_owned() } }
    }
}

/// An address's lines (as its `lines()` gives them), a line to a span (a dash when there is none).
pub fn address_lines(lines: Vec<String>) -> Html {
    if lines.is_empty() {
        return html! { <span class="muted">{ "—" }</span> };
    }
    html! {
        <address class="address">
            { for lines.into_iter().map(|l| html! { <span>{ l }</span> }) }
        </address>
    }
}
