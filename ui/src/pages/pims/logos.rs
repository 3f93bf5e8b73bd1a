//! The profile's two logos: for each, what it must be (type, size, dimensions), a preview of the
//! current one with its facts, and Choose a file (the native open dialog; the shell checks the
//! file with the server's rules before uploading it, and the upload needs the connection).

use crate::{
    api,
    components::{icons, status_banner, Card, ErrorBanner},
    format,
    hooks::use_sync_state,
};
use portal_core::{
    pims::{
        app::ProfileView,
        logo::{Logo, LogoKind},
    },
    shell::{commands as cmd, Connection},
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LogoPickersProps {
    pub view: std::rc::Rc<ProfileView>,
    /// An upload answered the updated profile.
    pub on_uploaded: Callback<ProfileView>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Uploaded(LogoKind),
    Failed(LogoKind, ApiError),
}

fn facts(logo: &Logo) -> String {
    format!(
        "{} · {} × {} · {}",
        logo.format.as_str().to_uppercase(),
        format::count(logo.width),
        format::count(logo.height),
        format::file_size(logo.size)
    )
}

#[component]
pub fn LogoPickers(props: &LogoPickersProps) -> Html {
    let sync = use_sync_state();
    let busy = use_state(|| None::<LogoKind>);
    let outcome = use_state(|| None::<Outcome>);
    let offline = sync.status.connection == Connection::Offline;
    let choose = {
        let busy = busy.clone();
        let outcome = outcome.clone();
        let on_uploaded = props.on_uploaded.clone();
        Callback::from(move |kind: LogoKind| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(kind));
            outcome.set(None);
            let (busy, outcome, on_uploaded) = (busy.clone(), outcome.clone(), on_uploaded.clone());
            spawn_local(async move {
                match api::invoke(cmd::UploadLogo { kind, path: None }).await {
                    Ok(Some(view)) => {
                        outcome.set(Some(Outcome::Uploaded(kind)));
                        on_uploaded.emit(view);
                    }
                    // The dialog was cancelled: nothing to say.
                    Ok(None) => {}
                    Err(e) => outcome.set(Some(Outcome::Failed(kind, e))),
                }
                busy.set(None);
            });
        })
    };
    let view = &props.view;
    let picker = |kind: LogoKind| {
        let (logo, src) = match kind {
            LogoKind::Web => (view.profile.web_logo.as_ref(), view.web_logo.clone()),
            LogoKind::Print => (view.profile.print_logo.as_ref(), view.print_logo.clone()),
        };
        let key = kind.as_str();
        let this_busy = *busy == Some(kind);
        let onclick = choose.reform(move |_: MouseEvent| kind);
        let message = match &*outcome {
            Some(Outcome::Uploaded(k)) if *k == kind => status_banner(
                "banner-success",
                "logo-uploaded",
                icons::check_circle(),
                html! { { format!("{} uploaded.", kind.label()) } },
            ),
            Some(Outcome::Failed(k, e)) if *k == kind => html! {
                <div class="field-error logo-error" id={format!("logo-{key}-error")} data-field={format!("{key}_logo")}>
                    <ErrorBanner error={e.clone()} />
                </div>
            },
            _ => html! {},
        };
        let hint_id = format!("logo-{key}-requirement");
        html! {
            <section class="logo-picker" id={format!("logo-{key}")} data-has-logo={logo.is_some().to_string()}
                aria-labelledby={format!("logo-{key}-title")}>
                <h3 class="logo-title" id={format!("logo-{key}-title")}>{ kind.label() }</h3>
                <p class="field-hint" id={hint_id.clone()}>{ kind.requirement() }</p>
                <div class="logo-preview">
                    { match (&src, logo) {
                        (Some(src), _) => html! {
                            <img src={src.clone()} alt={format!("Your {}", kind.label().to_lowercase())}
                                id={format!("logo-{key}-image")} />
                        },
                        (None, Some(_)) => html! {
                            <span class="muted">{ "Uploaded; its picture shows once this computer has fetched it." }</span>
                        },
                        (None, None) => html! { <span class="muted">{ "No logo yet" }</span> },
                    } }
                </div>
                if let Some(l) = logo {
                    <p class="logo-facts small muted" id={format!("logo-{key}-facts")}>{ facts(l) }</p>
                }
                if view.may_edit {
                    <button type="button" class="button" id={format!("logo-{key}-choose")}
                        aria-describedby={hint_id} disabled={busy.is_some() || offline}
                        aria-busy={this_busy.to_string()} {onclick}
                        title={if offline { "Uploading a logo needs the connection" } else { "Choose a PNG or SVG file" }}>
                        if this_busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                        } else {
                            { icons::upload() }
                        }
                        { if logo.is_some() { "Replace…" } else { "Choose a file…" } }
                    </button>
                    if offline {
                        <p class="card-note">{ "Uploading a logo needs the connection." }</p>
                    }
                }
                { message }
            </section>
        }
    };
    html! {
        <Card title="Logos" class={classes!("logos-card")}>
            { picker(LogoKind::Web) }
            { picker(LogoKind::Print) }
        </Card>
    }
}
