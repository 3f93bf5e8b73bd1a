//! Status badges: a short label in a tone that says how things stand (good, waiting, bad, neutral).

use yew::prelude::*;

/// What a badge's colour says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Neutral,
    Info,
    Accent,
    Success,
    Warning,
    Danger,
}

impl Tone {
    fn class(self) -> Option<&'static str> {
        match self {
            Tone::Neutral => None,
            Tone::Info => Some("badge-info"),
            Tone::Accent => Some("badge-accent"),
            Tone::Success => Some("badge-success"),
            Tone::Warning => Some("badge-warning"),
            Tone::Danger => Some("badge-danger"),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub label: AttrValue,
    #[prop_or_default]
    pub tone: Tone,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The status as the wire spells it, for `data-status` (tests and styles).
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// Extra classes (for example `waiting-badge`).
    #[prop_or_default]
    pub class: Classes,
    /// A leading icon.
    #[prop_or_default]
    pub icon: Option<Html>,
    /// A longer explanation, shown on hover.
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    html! {
        <span id={props.id.clone()}
            class={classes!("badge", "status-badge", props.tone.class(), props.class.clone())}
            data-status={props.status.clone()} title={props.title.clone()}>
            if let Some(icon) = &props.icon { { icon.clone() } }
            { props.label.clone() }
        </span>
    }
}
