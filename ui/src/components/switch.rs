//! An on/off switch: a checkbox with the `switch` role, its label, and a hint under it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SwitchProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub checked: bool,
    /// The step is under way: the switch waits.
    #[prop_or_default]
    pub busy: bool,
    /// Turned on (`true`) or off.
    pub on_change: Callback<bool>,
}

#[component]
pub fn Switch(props: &SwitchProps) -> Html {
    let onchange = props
        .on_change
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let hint_id = format!("{}-hint", props.id);
    html! {
        <label class={classes!("switch", props.checked.then_some("on"))} for={props.id.clone()}>
            <input type="checkbox" role="switch" id={props.id.clone()} checked={props.checked}
                disabled={props.busy} aria-busy={props.busy.to_string()}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())} {onchange} />
            <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
            <span class="switch-text">
                <span class="switch-label">{ props.label.clone() }</span>
                if let Some(hint) = &props.hint {
                    <span class="switch-hint" id={hint_id}>{ hint.clone() }</span>
                }
            </span>
        </label>
    }
}
