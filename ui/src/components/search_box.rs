//! A search field with its icon and a button that clears it; reports every keystroke.

use super::icons;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub id: AttrValue,
    /// Read by screen readers (the field has no visible label).
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub on_input: Callback<String>,
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let input_ref = use_node_ref();
    let oninput = props
        .on_input
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let clear = {
        let on_input = props.on_input.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            on_input.emit(String::new());
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };
    let onkeydown = {
        let on_input = props.on_input.clone();
        let empty = props.value.is_empty();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !empty {
                e.prevent_default();
                on_input.emit(String::new());
            }
        })
    };
    html! {
        <div class="search-box" role="search">
            { icons::search() }
            <input id={props.id.clone()} type="search" ref={input_ref} autocomplete="off" spellcheck="false"
                aria-label={props.label.clone()} placeholder={props.placeholder.clone()}
                value={props.value.clone()} {oninput} {onkeydown} />
            if !props.value.is_empty() {
                <button type="button" class="search-clear" aria-label="Clear the search" title="Clear"
                    onclick={clear}>
                    { icons::close() }
                </button>
            }
        </div>
    }
}
