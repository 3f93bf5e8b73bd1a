//! A campaign's steps and files: Launch, Pause, Resume and End (on the server; each button says
//! why when it is unavailable: offline, the profile incomplete, the kit not started…), Export
//! email (.eml) and Save for each co-branded asset (the native save dialog), and the public
//! address of a live campaign with a copy button.

use crate::{
    api,
    components::{icons, status_banner, Card, ConfirmDialog, ErrorBanner},
    hooks::use_sync_state,
};
use portal_core::{
    pims::{app::CampaignView, campaign::CampaignStep},
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CampaignStepsProps {
    pub view: Rc<CampaignView>,
    /// A step answered the campaign's new state.
    pub on_view: Callback<CampaignView>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Stepped(CampaignStep),
    Saved(String),
    Failed(ApiError),
}

fn step_icon(step: CampaignStep) -> Html {
    match step {
        CampaignStep::Launch => icons::send(),
        CampaignStep::Pause | CampaignStep::End => icons::clock(),
        CampaignStep::Resume => icons::refresh(),
    }
}

#[component]
pub fn CampaignSteps(props: &CampaignStepsProps) -> Html {
    let sync = use_sync_state();
    let busy = use_state(|| None::<&'static str>);
    let outcome = use_state(|| None::<Outcome>);
    let confirm_end = use_state(|| false);
    let view = &props.view;
    let kit_id = view.kit.id;

    let take = {
        let (busy, outcome, on_view) = (busy.clone(), outcome.clone(), props.on_view.clone());
        let (refresh, confirm_end) = (sync.refresh.clone(), confirm_end.clone());
        let id = view.campaign.as_ref().map(|c| c.id);
        Callback::from(move |step: CampaignStep| {
            let Some(id) = id else { return };
            if busy.is_some() {
                return;
            }
            busy.set(Some(step.as_str()));
            outcome.set(None);
            let (busy, outcome, on_view) = (busy.clone(), outcome.clone(), on_view.clone());
            let (refresh, confirm_end) = (refresh.clone(), confirm_end.clone());
            spawn_local(async move {
                match api::invoke(cmd::CampaignStepNow { id, step }).await {
                    Ok(v) => {
                        outcome.set(Some(Outcome::Stepped(step)));
                        on_view.emit(v);
                    }
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                busy.set(None);
                confirm_end.set(false);
                refresh.emit(());
            });
        })
    };
    let save_file = {
        let (busy, outcome) = (busy.clone(), outcome.clone());
        Callback::from(move |what: Option<u32>| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(if what.is_some() { "asset" } else { "email" }));
            outcome.set(None);
            let (busy, outcome) = (busy.clone(), outcome.clone());
            spawn_local(async move {
                let saved = match what {
                    None => api::invoke(cmd::ExportCampaignEmail { kit_id, path: None }).await,
                    Some(index) => {
                        api::invoke(cmd::SaveCampaignAsset {
                            kit_id,
                            index,
                            path: None,
                        })
                        .await
                    }
                };
                // A cancelled dialog says nothing.
                match saved {
                    Ok(Some(path)) => outcome.set(Some(Outcome::Saved(path))),
                    Ok(None) => {}
                    Err(e) => outcome.set(Some(Outcome::Failed(e))),
                }
                busy.set(None);
            });
        })
    };

    let no_draft = view.campaign.is_none();
    let buttons = view.steps.iter().map(|s| {
        let step = s.step;
        let refusal = s.refusal.clone().or_else(|| {
            no_draft.then(|| "Save a draft first: a campaign is launched from its draft.".to_owned())
        });
        let this = *busy == Some(step.as_str());
        let onclick = if step == CampaignStep::End {
            let confirm_end = confirm_end.clone();
            Callback::from(move |_: MouseEvent| confirm_end.set(true))
        } else {
            take.reform(move |_: MouseEvent| step)
        };
        let class = classes!(
            "button",
            match step {
                CampaignStep::Launch | CampaignStep::Resume => "button-primary",
                CampaignStep::End => "button-danger-quiet",
                CampaignStep::Pause => "",
            }
        );
        let refusal_id = format!("step-{}-refusal", step.as_str());
        html! {
            <div class="step" data-step={step.as_str()} data-available={refusal.is_none().to_string()}>
                <button type="button" id={format!("step-{}", step.as_str())} {class}
                    disabled={refusal.is_some() || busy.is_some()} aria-busy={this.to_string()}
                    aria-describedby={refusal.as_ref().map(|_| refusal_id.clone())} {onclick}>
                    if this {
                        <span class="spinner spinner-sm" aria-hidden="true"></span>
                    } else {
                        { step_icon(step) }
                    }
                    { step.label() }
                </button>
                if let Some(r) = refusal {
                    <p class="step-refusal small" id={refusal_id}>{ r }</p>
                }
            </div>
        }
    });
    let message = match &*outcome {
        None => html! {},
        Some(Outcome::Failed(e)) => {
            html! { <div id="campaign-step-error"><ErrorBanner error={e.clone()} /></div> }
        }
        Some(Outcome::Stepped(step)) => status_banner(
            "banner-success",
            "campaign-stepped",
            icons::check_circle(),
            html! { { format!("Done: the campaign is now {}.", step.target().label().to_lowercase()) } },
        ),
        Some(Outcome::Saved(path)) => status_banner(
            "banner-success",
            "campaign-file-saved",
            icons::check_circle(),
            html! { <>{ "Saved to " }<span class="path selectable">{ path.clone() }</span></> },
        ),
    };
    let export = save_file.reform(|_: MouseEvent| None);
    let files_busy = busy.is_some();
    let end_dialog = (*confirm_end).then(|| {
        let cancel = {
            let confirm_end = confirm_end.clone();
            Callback::from(move |()| confirm_end.set(false))
        };
        html! {
            <ConfirmDialog title="End this campaign?" confirm_label="End campaign" danger=true
                busy={*busy == Some(CampaignStep::End.as_str())}
                on_confirm={take.reform(|()| CampaignStep::End)} on_cancel={cancel}>
                <p>{ "Its landing page will say the campaign has ended and take no more leads. An ended campaign cannot be started again." }</p>
            </ConfirmDialog>
        }
    });
    html! {
        <Card title="Run it" class={classes!("campaign-steps")}>
            if view.may_run {
                <div class="steps" id="campaign-steps">{ for buttons }</div>
            } else {
                <p class="card-note" id="campaign-run-note">
                    { "Your firm's Marketing and Administrator users launch campaigns. You can preview and export them." }
                </p>
            }
            <div class="campaign-files" id="campaign-files">
                <button type="button" id="export-email" class="button" disabled={files_busy} onclick={export}
                    title="Save the co-branded email to send with your own mail program">
                    { icons::mail() }{ "Export email (.eml)" }
                </button>
                { for view.assets.iter().map(|a| {
                    let index = a.index;
                    let onclick = save_file.reform(move |_: MouseEvent| Some(index));
                    html! {
                        <button type="button" class="button" id={format!("save-asset-{index}")}
                            disabled={files_busy || a.preview.is_none()} {onclick}
                            title={a.unavailable.clone().unwrap_or_else(|| format!("Save {}", a.file_name))}>
                            { icons::download() }{ format!("Save {}", a.title) }
                        </button>
                    }
                }) }
            </div>
            { message }
            { end_dialog }
        </Card>
    }
}

#[derive(Properties, PartialEq)]
pub struct PublicUrlProps {
    pub url: AttrValue,
}

/// Puts `text` on the clipboard (the page's own clipboard API; WebKit allows it on a click).
fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    match (clipboard, write) {
        (Some(c), Some(f)) => f.call1(&c, &JsValue::from_str(text)).is_ok(),
        _ => false,
    }
}

/// The landing page's public address, selectable, with a copy button.
#[component]
pub fn PublicUrl(props: &PublicUrlProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let onclick = {
        let copied = copied.clone();
        let url = props.url.clone();
        Callback::from(move |_: MouseEvent| copied.set(Some(copy_text(&url))))
    };
    html! {
        <Card title="Public landing page" class={classes!("public-url-card")}>
            <div class="field-control public-url">
                <input id="public-url" type="text" readonly=true value={props.url.clone()}
                    aria-label="The landing page's public address" class="selectable" />
                <button type="button" id="copy-public-url" class="button" {onclick}>
                    { icons::copy() }{ "Copy" }
                </button>
            </div>
            <p class="small muted" role="status" id="public-url-copied">
                { match *copied {
                    Some(true) => "Copied to the clipboard.",
                    Some(false) => "The clipboard is not available: select the address and copy it.",
                    None => "Share it in your own emails, posts and advertising.",
                } }
            </p>
        </Card>
    }
}
