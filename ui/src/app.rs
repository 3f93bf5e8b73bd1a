//! The app's top level: Loading → Sign-in → Signed-in shell, and the user's preferences.

use crate::{api, shell::Shell, sign_in::SignIn, theme};
use portal_core::shell::{commands as cmd, Preferences, SessionView};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Where the app stands.
#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    SignIn { notice: Option<AttrValue> },
    Shell(Rc<SessionView>),
}

#[component]
pub fn App() -> Html {
    let phase = use_state(|| Phase::Loading);
    let preferences = use_state(Preferences::default);

    {
        let phase = phase.clone();
        let preferences = preferences.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::invoke(cmd::Start {}).await {
                    Ok(start) => {
                        theme::apply(start.preferences.theme);
                        preferences.set(start.preferences);
                        phase.set(match start.session {
                            Some(session) => Phase::Shell(Rc::new(session)),
                            None => Phase::SignIn {
                                notice: start.notice.map(AttrValue::from),
                            },
                        });
                    }
                    Err(e) => phase.set(Phase::SignIn {
                        notice: Some(e.message.into()),
                    }),
                }
            });
        });
    }

    let on_signed_in = {
        let phase = phase.clone();
        let preferences = preferences.clone();
        Callback::from(move |session: SessionView| {
            // The shell remembers these too; keep our copy in step so later saves do not undo them.
            let mut prefs = (*preferences).clone();
            prefs.server_url = session.server_url.clone();
            prefs.last_email = session.profile.user.email.clone();
            preferences.set(prefs);
            phase.set(Phase::Shell(Rc::new(session)));
        })
    };

    let on_signed_out = {
        let phase = phase.clone();
        Callback::from(move |notice: Option<AttrValue>| phase.set(Phase::SignIn { notice }))
    };

    let on_preferences = {
        let preferences = preferences.clone();
        Callback::from(move |prefs: Preferences| {
            theme::apply(prefs.theme);
            preferences.set(prefs.clone());
            spawn_local(async move {
                if let Err(e) = api::invoke(cmd::SavePreferences { preferences: prefs }).await {
                    web_sys::console::warn_1(&format!("Preferences not saved: {e}").into());
                }
            });
        })
    };

    match &*phase {
        Phase::Loading => html! {
            <div class="app-loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <span>{ "Opening the portal…" }</span>
            </div>
        },
        Phase::SignIn { notice } => html! {
            <SignIn
                server_url={AttrValue::from(preferences.server_url.clone())}
                email={AttrValue::from(preferences.last_email.clone())}
                notice={notice.clone()}
                {on_signed_in}
            />
        },
        Phase::Shell(session) => html! {
            <Shell
                session={session.clone()}
                preferences={(*preferences).clone()}
                {on_preferences}
                {on_signed_out}
            />
        },
    }
}
