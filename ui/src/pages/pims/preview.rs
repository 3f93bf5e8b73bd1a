//! A campaign's preview, co-branded with the firm's profile and rendered on this machine (offline
//! too): tabs for the email, the landing page and each co-branded asset. The email and the landing
//! page are whole HTML documents shown in a sandboxed frame that runs no scripts; assets are
//! pictures.

use crate::components::{icons, Card};
use portal_core::pims::app::CampaignView;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PreviewTabsProps {
    pub view: Rc<CampaignView>,
}

/// Which tab shows: the email, the landing page, or asset `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Email,
    Landing,
    Asset(usize),
}

impl Tab {
    fn key(self) -> String {
        match self {
            Tab::Email => "email".to_owned(),
            Tab::Landing => "landing".to_owned(),
            Tab::Asset(i) => format!("asset-{i}"),
        }
    }
}

/// A whole HTML document in a frame that may run nothing (`sandbox` with no permissions).
fn frame(id: &'static str, title: String, html: &str) -> Html {
    html! {
        <iframe {id} class="preview-frame" sandbox="" srcdoc={html.to_owned()} {title}
            referrerpolicy="no-referrer" loading="lazy"></iframe>
    }
}

#[component]
pub fn PreviewTabs(props: &PreviewTabsProps) -> Html {
    let tab = use_state(|| Tab::Email);
    let tabs_ref = use_node_ref();
    let view = &props.view;
    let mut all = vec![
        (Tab::Email, "Email".to_owned()),
        (Tab::Landing, "Landing page".to_owned()),
    ];
    all.extend(
        view.assets
            .iter()
            .enumerate()
            .map(|(i, a)| (Tab::Asset(i), a.title.clone())),
    );
    let count = all.len();
    let position = all.iter().position(|(t, _)| *t == *tab).unwrap_or(0);
    // Arrow keys move between the tabs (the WAI-ARIA tabs pattern), Home and End to either end.
    let onkeydown = {
        let tab = tab.clone();
        let order: Vec<Tab> = all.iter().map(|(t, _)| *t).collect();
        let tabs_ref = tabs_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => (position + 1) % count,
                "ArrowLeft" => (position + count - 1) % count,
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            tab.set(order[next]);
            if let Some(button) = tabs_ref
                .cast::<web_sys::Element>()
                .and_then(|t| {
                    t.query_selector(&format!("[data-tab='{}']", order[next].key()))
                        .ok()
                        .flatten()
                })
                .and_then(|b| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b).ok())
            {
                let _ = button.focus();
            }
        })
    };
    let buttons = all.iter().map(|(t, label)| {
        let selected = *t == *tab;
        let key = t.key();
        let onclick = {
            let tab = tab.clone();
            let t = *t;
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        html! {
            <button type="button" role="tab" id={format!("preview-tab-{key}")} data-tab={key.clone()}
                class={classes!("tab", selected.then_some("selected"))}
                aria-selected={selected.to_string()} aria-controls="preview-panel"
                tabindex={if selected { "0" } else { "-1" }} {onclick}>
                { label.clone() }
            </button>
        }
    });
    let panel = match *tab {
        Tab::Email => html! {
            <>
                <p class="preview-subject" id="preview-subject">
                    <span class="muted">{ "Subject: " }</span>{ view.email.subject.clone() }
                </p>
                { frame("preview-email", format!("The email: {}", view.email.subject), &view.email.html) }
            </>
        },
        Tab::Landing => frame(
            "preview-landing",
            "The landing page (its form is shown but sends nothing here)".to_owned(),
            &view.landing_html,
        ),
        Tab::Asset(i) => match view.assets.get(i) {
            Some(a) => match (&a.preview, &a.unavailable) {
                (Some(src), _) => html! {
                    <figure class="preview-asset" id="preview-asset" data-index={a.index.to_string()}>
                        <img src={src.clone()} alt={format!("{}, co-branded", a.title)} class="preview-image" />
                        <figcaption class="small muted">
                            { format!("{} · saved as {}", a.output.as_str().to_uppercase(), a.file_name) }
                        </figcaption>
                    </figure>
                },
                (None, why) => html! {
                    <div class="preview-failed" id="preview-asset-unavailable">
                        { icons::alert() }
                        <span>{ why.clone().unwrap_or_else(|| "No preview of this asset.".to_owned()) }</span>
                    </div>
                },
            },
            None => html! {},
        },
    };
    html! {
        <Card title="Preview" class={classes!("campaign-preview")}>
            <p class="card-note">{ "Co-branded with your marketing profile, as recipients and visitors will see it. Save the draft to see your latest words here." }</p>
            <div class="tabs" role="tablist" aria-label="What to preview" ref={tabs_ref} {onkeydown}>
                { for buttons }
            </div>
            <div class="tab-panel" role="tabpanel" id="preview-panel" data-tab={tab.key()}
                aria-labelledby={format!("preview-tab-{}", tab.key())}>
                { panel }
            </div>
        </Card>
    }
}
