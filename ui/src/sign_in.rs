//! The sign-in screen: server address, email and password, with the vendor's branding when the server answers.

use crate::{api, components::icons};
use portal_core::{
    api::branding::Branding,
    shell::{commands as cmd, SessionView},
    ApiError, Email, ErrorKind,
};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Prefilled from preferences: the last server address and email.
    pub server_url: AttrValue,
    pub email: AttrValue,
    /// Why the app is here (for example, a remembered session expired).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    pub on_signed_in: Callback<SessionView>,
}

/// Per-field messages found before anything is sent.
#[derive(Clone, Default, PartialEq)]
struct FieldErrors {
    server_url: Option<String>,
    email: Option<String>,
    password: Option<String>,
}

impl FieldErrors {
    fn any(&self) -> bool {
        self.server_url.is_some() || self.email.is_some() || self.password.is_some()
    }
}

/// What the alert says for a refused sign-in; an unreachable server is always named.
fn error_text(error: &ApiError, server_url: &str) -> String {
    match error.kind {
        ErrorKind::Offline if !error.message.contains(server_url) => format!(
            "The server at {server_url} cannot be reached. {}",
            error.message
        ),
        _ => error.message.clone(),
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let server_url = use_state(|| props.server_url.to_string());
    let email = use_state(|| props.email.to_string());
    let password = use_state(String::new);
    let remember = use_state(|| false);
    let field_errors = use_state(FieldErrors::default);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let branding = use_state(|| None::<Branding>);
    // The address whose branding was asked for last, so a slow answer for an old address is ignored.
    let branding_for = use_mut_ref(String::new);
    let password_ref = use_node_ref();
    let email_ref = use_node_ref();
    let server_ref = use_node_ref();

    let fetch_branding = {
        let branding = branding.clone();
        let branding_for = branding_for.clone();
        Callback::from(move |url: String| {
            let url = url.trim().to_owned();
            if *branding_for.borrow() == url {
                return;
            }
            *branding_for.borrow_mut() = url.clone();
            let branding = branding.clone();
            let branding_for = branding_for.clone();
            spawn_local(async move {
                let answer = if url.is_empty() {
                    None
                } else {
                    api::invoke(cmd::GetBranding {
                        server_url: url.clone(),
                    })
                    .await
                    .ok()
                };
                if *branding_for.borrow() == url {
                    branding.set(answer);
                }
            });
        })
    };

    {
        let fetch_branding = fetch_branding.clone();
        let initial = (*server_url).clone();
        let email_ref = email_ref.clone();
        let password_ref = password_ref.clone();
        let has_email = !props.email.is_empty();
        use_effect_with((), move |_| {
            fetch_branding.emit(initial);
            let target = if has_email { password_ref } else { email_ref };
            if let Some(input) = target.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }

    let on_server_input = {
        let server_url = server_url.clone();
        Callback::from(move |e: InputEvent| server_url.set(input_value(&e)))
    };
    let on_server_change = {
        let fetch_branding = fetch_branding.clone();
        Callback::from(move |e: Event| {
            fetch_branding.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_email_input = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| email.set(input_value(&e)))
    };
    let on_password_input = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| password.set(input_value(&e)))
    };
    let on_remember = {
        let remember = remember.clone();
        Callback::from(move |e: Event| {
            remember.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };

    let on_submit = {
        let server_url = server_url.clone();
        let email = email.clone();
        let password = password.clone();
        let remember = remember.clone();
        let field_errors = field_errors.clone();
        let error = error.clone();
        let busy = busy.clone();
        let on_signed_in = props.on_signed_in.clone();
        let fetch_branding = fetch_branding.clone();
        let refs = [server_ref.clone(), email_ref.clone(), password_ref.clone()];
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut problems = FieldErrors::default();
            let server = server_url.trim().to_owned();
            if server.is_empty() {
                problems.server_url = Some("Enter the address of your vendor's server.".into());
            }
            let parsed = Email::parse(&email);
            if let Err(why) = &parsed {
                problems.email = Some(why.to_string());
            }
            if password.is_empty() {
                problems.password = Some("Enter your password.".into());
            }
            let any = problems.any();
            // Take the user to the first field that needs attention.
            let first_bad = [&problems.server_url, &problems.email, &problems.password]
                .iter()
                .position(|p| p.is_some());
            if let Some(input) = first_bad.and_then(|i| refs[i].cast::<HtmlInputElement>()) {
                let _ = input.focus();
            }
            field_errors.set(problems);
            let Ok(parsed) = parsed else { return };
            if any {
                return;
            }
            error.set(None);
            busy.set(true);
            fetch_branding.emit(server.clone());
            let args = cmd::SignIn {
                server_url: server.clone(),
                email: parsed.as_str().to_owned(),
                password: (*password).clone().into(),
                remember: *remember,
            };
            let error = error.clone();
            let busy = busy.clone();
            let on_signed_in = on_signed_in.clone();
            spawn_local(async move {
                match api::invoke(args).await {
                    Ok(session) => on_signed_in.emit(session),
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(e));
                    }
                }
            });
        })
    };

    let (vendor, portal) = match &*branding {
        Some(b) => (Some(b.vendor_name.clone()), b.portal_name.clone()),
        None => (None, "Partner Portal".to_owned()),
    };
    let initial = vendor
        .as_deref()
        .or(Some(portal.as_str()))
        .and_then(|n| n.chars().next())
        .unwrap_or('P')
        .to_string();

    let field_error = |id: &str, message: &Option<String>| -> Html {
        match message {
            Some(m) => {
                html! { <p class="field-error" id={format!("{id}-error")}>{ m.clone() }</p> }
            }
            None => html! {},
        }
    };
    let described = |id: &str, message: &Option<String>| -> Option<AttrValue> {
        message
            .as_ref()
            .map(|_| AttrValue::from(format!("{id}-error")))
    };
    let invalid = |message: &Option<String>| message.as_ref().map(|_| "true");

    let errors = &*field_errors;
    html! {
        <div class="sign-in-screen">
            <main class="sign-in-card card" aria-labelledby="sign-in-heading">
                <header class="brand-header">
                    <span class="brand-mark brand-mark-lg" aria-hidden="true">{ initial }</span>
                    <div>
                        if let Some(v) = vendor {
                            <p class="brand-vendor" id="brand-vendor">{ v }</p>
                        }
                        <p class="brand-portal" id="brand-portal">{ portal }</p>
                    </div>
                </header>
                <h1 id="sign-in-heading" class="sign-in-title">{ "Sign in" }</h1>
                if let Some(notice) = &props.notice {
                    <div class="banner banner-info" id="sign-in-notice" role="status">
                        { icons::info() }<span>{ notice.clone() }</span>
                    </div>
                }
                if let Some(e) = &*error {
                    <div class="banner banner-error" id="sign-in-error" role="alert"
                        data-kind={e.kind.as_str()}>
                        { icons::alert() }<span>{ error_text(e, server_url.trim()) }</span>
                    </div>
                }
                <form class="form" onsubmit={on_submit} novalidate=true>
                    <div class="field">
                        <label for="server-url">{ "Server address" }</label>
                        <input id="server-url" type="url" ref={server_ref} inputmode="url" autocomplete="url"
                            spellcheck="false"
                            value={(*server_url).clone()}
                            oninput={on_server_input} onchange={on_server_change}
                            aria-invalid={invalid(&errors.server_url)}
                            aria-describedby={described("server-url", &errors.server_url)} />
                        { field_error("server-url", &errors.server_url) }
                    </div>
                    <div class="field">
                        <label for="email">{ "Email" }</label>
                        <input id="email" type="email" autocomplete="username" spellcheck="false"
                            ref={email_ref}
                            value={(*email).clone()} oninput={on_email_input}
                            aria-invalid={invalid(&errors.email)}
                            aria-describedby={described("email", &errors.email)} />
                        { field_error("email", &errors.email) }
                    </div>
                    <div class="field">
                        <label for="password">{ "Password" }</label>
                        <input id="password" type="password" autocomplete="current-password"
                            ref={password_ref}
                            value={(*password).clone()} oninput={on_password_input}
                            aria-invalid={invalid(&errors.password)}
                            aria-describedby={described("password", &errors.password)} />
                        { field_error("password", &errors.password) }
                    </div>
                    <label class="checkbox" for="remember">
                        <input id="remember" type="checkbox" checked={*remember} onchange={on_remember} />
                        <span>{ "Remember me on this computer" }</span>
                    </label>
                    <button id="sign-in" type="submit" class="button button-primary button-block"
                        disabled={*busy} aria-busy={if *busy { "true" } else { "false" }}>
                        if *busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                            { "Signing in…" }
                        } else {
                            { "Sign in" }
                        }
                    </button>
                </form>
            </main>
            <p class="sign-in-footer">{ "Reseller Portal " }{ env!("CARGO_PKG_VERSION") }</p>
        </div>
    }
}
