//! Form building blocks: a titled section laid out as a two-column grid, labelled text and choice
//! fields that show their own message underneath without ever touching what was typed, and the
//! count of fields that need attention.

use super::icons;
use crate::hooks::{Editing, FieldErrors};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormSectionProps {
    pub title: AttrValue,
    /// For `id` (`{id}-title` labels the section).
    pub id: AttrValue,
    #[prop_or_default]
    pub description: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A card holding related fields: two columns on wide windows, one on narrow ones.
#[component]
pub fn FormSection(props: &FormSectionProps) -> Html {
    let title_id = format!("{}-title", props.id);
    html! {
        <section class="card form-section" id={props.id.clone()} aria-labelledby={title_id.clone()}>
            <header class="form-section-header">
                <h2 class="card-title" id={title_id}>{ props.title.clone() }</h2>
                if let Some(d) = &props.description {
                    <p class="form-section-description">{ d.clone() }</p>
                }
            </header>
            <div class="form-grid">{ props.children.clone() }</div>
        </section>
    }
}

/// The message under a field: `.field-error[data-field]`, referenced by the input's
/// `aria-describedby`.
fn error_line(id: &str, field: &AttrValue, error: &Option<AttrValue>) -> Html {
    match error {
        Some(message) => html! {
            <p class="field-error" id={format!("{id}-error")} data-field={field.clone()}>
                { message.clone() }
            </p>
        },
        None => html! {},
    }
}

fn described_by(
    id: &str,
    error: &Option<AttrValue>,
    hint: &Option<AttrValue>,
) -> Option<AttrValue> {
    let mut ids = Vec::new();
    if error.is_some() {
        ids.push(format!("{id}-error"));
    }
    if hint.is_some() {
        ids.push(format!("{id}-hint"));
    }
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

fn label(id: &str, text: &AttrValue, required: bool) -> Html {
    html! {
        <label for={id.to_owned()}>
            { text.clone() }
            if required {
                <span class="required" aria-hidden="true">{ " *" }</span>
            }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    /// The field's name as the domain spells it (`primary_contact.email`), for `data-field`.
    pub field: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A line of help under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// The id of a `<datalist>` of suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// A text area rather than one line.
    #[prop_or_default]
    pub multiline: bool,
    /// Spans both columns of the form grid.
    #[prop_or_default]
    pub wide: bool,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// Beside the input, such as a Verify button.
    #[prop_or_default]
    pub addon: Option<Html>,
    /// Under the field, such as the answer of that Verify button.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.as_str();
    let invalid = props.error.as_ref().map(|_| "true");
    let describedby = described_by(id, &props.error, &props.hint);
    let control = if props.multiline {
        let oninput = props
            .on_input
            .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
        html! {
            <textarea id={props.id.clone()} name={props.field.clone()} rows="4" ref={props.node_ref.clone()}
                value={props.value.clone()} {oninput} placeholder={props.placeholder.clone()}
                disabled={props.disabled}
                aria-invalid={invalid} aria-describedby={describedby} />
        }
    } else {
        let oninput = props
            .on_input
            .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        // Some engines' date inputs report a picked date by `change` only.
        let onchange = props
            .on_input
            .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <input id={props.id.clone()} name={props.field.clone()} type={props.input_type.clone()}
                ref={props.node_ref.clone()}
                value={props.value.clone()} {oninput} {onchange}
                inputmode={props.inputmode.clone()} autocomplete={props.autocomplete.clone()}
                list={props.list.clone()} placeholder={props.placeholder.clone()} min={props.min.clone()}
                disabled={props.disabled}
                aria-required={props.required.then_some("true")}
                aria-invalid={invalid} aria-describedby={describedby} />
        }
    };
    html! {
        <div class={classes!("field", props.wide.then_some("field-wide"))} data-field={props.field.clone()}>
            { label(id, &props.label, props.required) }
            if let Some(addon) = &props.addon {
                <div class="field-control">{ control }{ addon.clone() }</div>
            } else {
                { control }
            }
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={format!("{id}-hint")}>{ hint.clone() }</p>
            }
            { error_line(id, &props.field, &props.error) }
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub field: AttrValue,
    pub label: AttrValue,
    /// The chosen option's value.
    pub value: AttrValue,
    /// `(value, label)` pairs, in order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub wide: bool,
    #[prop_or_default]
    pub required: bool,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = props.id.as_str();
    let onchange = props
        .on_change
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <div class={classes!("field", props.wide.then_some("field-wide"))} data-field={props.field.clone()}>
            { label(id, &props.label, props.required) }
            <select id={props.id.clone()} name={props.field.clone()} {onchange}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by(id, &props.error, &props.hint)}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ text.clone() }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={format!("{id}-hint")}>{ hint.clone() }</p>
            }
            { error_line(id, &props.field, &props.error) }
        </div>
    }
}

/// "3 fields need attention" beside the buttons, after a save the form's checks refused.
pub fn attention_note<F>(editing: &Editing<F>, local: &FieldErrors) -> Html {
    if !editing.submitted || local.is_empty() {
        return html! {};
    }
    html! {
        <span class="form-actions-note" role="status">
            { icons::alert() }
            { if local.len() == 1 { "1 field needs attention".to_owned() } else { format!("{} fields need attention", local.len()) } }
        </span>
    }
}
