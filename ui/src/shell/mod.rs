//! The signed-in app: toolbar, left-hand menu drawer and the current page. The shell provides the
//! contexts pages read ([`PortalContext`], [`SyncState`]) and is the only module that knows every
//! page ([`page_view`]).

mod connection;
mod main_menu;
mod page_view;
mod profile_menu;
mod toolbar;

use crate::{
    api,
    components::ConfirmDialog,
    context::{PortalContext, Record, Route, SyncState, RESOURCE_ENTITIES},
};
use connection::use_sync;
use main_menu::{external_link, MainMenu};
use page_view::PageView;
use portal_core::{
    menu::{Page, Target},
    pims::app::NewLeads,
    shell::{commands as cmd, events, Preferences, SessionView},
    sync::Entity,
    ErrorKind,
};
use std::rc::Rc;
use toolbar::Toolbar;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub session: Rc<SessionView>,
    pub preferences: Preferences,
    pub on_preferences: Callback<Preferences>,
    /// Back to sign-in, with an optional notice.
    pub on_signed_out: Callback<Option<AttrValue>>,
}

/// Moves focus to the current page's heading, so keyboard and screen-reader users land on it.
fn focus_page_title() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("h1.page-title").ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}

/// How many marketing resources were published since the user last looked at What's New: read
/// at the start and again after each sync that brought resources.
#[hook]
fn use_new_resources(sync: &SyncState) -> UseStateHandle<u32> {
    let count = use_state(|| 0_u32);
    {
        let count = count.clone();
        use_effect_with(sync.data_version(&RESOURCE_ENTITIES), move |_| {
            spawn_local(async move {
                // A failed count leaves the menu as it was; the next sync asks again.
                if let Ok(n) = api::invoke(cmd::CountNewResources {}).await {
                    count.set(n.count);
                }
            });
        });
    }
    count
}

/// How many pending leads the user has not looked at (beside the Lead Inbox in the menu): read at
/// the start, after each sync that brought leads, when the shell announces new ones (the `leads`
/// event) and when a page asks (a lead was opened or decided). Nothing for roles without the inbox.
#[hook]
fn use_new_leads(sync: &SyncState, works_leads: bool) -> (u32, Callback<()>) {
    let count = use_state(|| 0_u32);
    let asked = use_state(|| 0_u32);
    {
        let count = count.clone();
        use_effect_with(
            (sync.data_version(&[Entity::Lead]), *asked, works_leads),
            move |(_, _, works_leads)| {
                if *works_leads {
                    spawn_local(async move {
                        // A failed count leaves the menu as it was; the next sync asks again.
                        if let Ok(n) = api::invoke(cmd::CountNewLeads {}).await {
                            count.set(n.count);
                        }
                    });
                }
            },
        );
    }
    {
        let count = count.clone();
        use_effect_with(works_leads, move |works_leads| {
            let listener = works_leads.then(|| {
                // The event carries the leads just announced; the menu counts every one
                // not opened yet, so it asks again.
                api::listen(events::LEADS, move |_: NewLeads| {
                    let count = count.clone();
                    spawn_local(async move {
                        if let Ok(n) = api::invoke(cmd::CountNewLeads {}).await {
                            count.set(n.count);
                        }
                    });
                })
            });
            move || drop(listener)
        });
    }
    let recount = Callback::from(move |()| asked.set(asked.wrapping_add(1)));
    (*count, recount)
}

#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let route = use_state(|| Route {
        page: Page::Dashboard,
        record: None,
        serial: 0,
    });
    let serial = use_mut_ref(|| 0_u32);
    let menu_open = use_state(|| false);
    let menu_button = use_node_ref();
    let sync = use_sync(props.session.connection);
    let role = props.session.profile.user.role;
    let new_resources = use_new_resources(&sync);
    let (new_leads, recount_leads) = use_new_leads(&sync, portal_core::pims::works_leads(role));

    let close_menu = {
        let menu_open = menu_open.clone();
        let menu_button = menu_button.clone();
        Callback::from(move |()| {
            menu_open.set(false);
            if let Some(b) = menu_button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |()| menu_open.set(!*menu_open))
    };

    let go = {
        let route = route.clone();
        let menu_open = menu_open.clone();
        Callback::from(move |(to, record): (Page, Option<Record>)| {
            if to.allowed_for(role) {
                let mut serial = serial.borrow_mut();
                *serial = serial.wrapping_add(1);
                route.set(Route {
                    page: to,
                    record,
                    serial: *serial,
                });
            }
            menu_open.set(false);
        })
    };
    let navigate = go.reform(|to: Page| (to, None));
    let open = go.reform(|record: Record| (record.page(), Some(record)));
    let page = route.page;
    {
        // After a move the new heading exists; move focus there (not on first show).
        let first = use_mut_ref(|| true);
        use_effect_with(route.serial, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus_page_title();
            }
        });
    }

    let choose = {
        let navigate = navigate.clone();
        let menu_open = menu_open.clone();
        Callback::from(move |target: Target| {
            if let Target::Page(p) = target {
                navigate.emit(p);
            } else if let Some(link) = external_link(target) {
                api::open_external_in_background(link);
                menu_open.set(false);
            }
        })
    };

    let toggle_group = {
        let prefs = props.preferences.clone();
        let on_preferences = props.on_preferences.clone();
        Callback::from(move |label: String| {
            let mut prefs = prefs.clone();
            if let Some(i) = prefs.open_menu_groups.iter().position(|g| *g == label) {
                prefs.open_menu_groups.remove(i);
            } else {
                prefs.open_menu_groups.push(label);
            }
            on_preferences.emit(prefs);
        })
    };

    // Why signing out was held back (changes not yet on the server); the dialog asks what to do.
    let unsynced = use_state(|| None::<AttrValue>);
    let sign_out_with = {
        let on_signed_out = props.on_signed_out.clone();
        let unsynced = unsynced.clone();
        let busy = use_mut_ref(|| false);
        Callback::from(move |force: bool| {
            if std::mem::replace(&mut *busy.borrow_mut(), true) {
                return;
            }
            let on_signed_out = on_signed_out.clone();
            let unsynced = unsynced.clone();
            let busy = busy.clone();
            spawn_local(async move {
                match api::invoke(cmd::SignOut { force }).await {
                    Err(e) if e.kind == ErrorKind::Conflict && !force => {
                        // Still signed in: nothing is discarded unless the user says so.
                        *busy.borrow_mut() = false;
                        unsynced.set(Some(AttrValue::from(e.message)));
                    }
                    // Signing out offline still forgets the session locally; say so only if it failed.
                    outcome => on_signed_out.emit(
                        outcome
                            .err()
                            .map(|e| AttrValue::from(format!("Signed out, but: {}", e.message))),
                    ),
                }
            });
        })
    };
    let sign_out = sign_out_with.reform(|()| false);
    let unsynced_dialog = (*unsynced).clone().map(|message| {
        let keep = {
            let unsynced = unsynced.clone();
            Callback::from(move |()| unsynced.set(None))
        };
        let discard = sign_out_with.reform(|()| true);
        let review = {
            let unsynced = unsynced.clone();
            let navigate = navigate.clone();
            Callback::from(move |_: MouseEvent| {
                unsynced.set(None);
                navigate.emit(Page::PendingChanges);
            })
        };
        html! {
            <ConfirmDialog title="Sign out and discard your changes?"
                confirm_label="Sign out and discard" cancel_label="Stay signed in" danger=true
                on_confirm={discard} on_cancel={keep}>
                <p>{ message }</p>
                <p class="dialog-link">
                    <a href="#" id="review-unsynced" onclick={review}>{ "Review the changes" }</a>
                </p>
            </ConfirmDialog>
        }
    });

    let context = PortalContext {
        session: props.session.clone(),
        preferences: props.preferences.clone(),
        route: *route,
        navigate: navigate.clone(),
        open,
        set_preferences: props.on_preferences.clone(),
        sign_out: sign_out.clone(),
        new_resources: *new_resources,
        set_new_resources: {
            let new_resources = new_resources.clone();
            Callback::from(move |n| new_resources.set(n))
        },
        new_leads,
        recount_leads,
    };

    let on_key = {
        let menu_open = menu_open.clone();
        let close_menu = close_menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu_open && !e.default_prevented() {
                e.prevent_default();
                close_menu.emit(());
            }
        })
    };

    let branding = &props.session.branding;
    html! {
        <ContextProvider<PortalContext> context={context}>
        <ContextProvider<SyncState> context={sync}>
            <div class="app-shell" onkeydown={on_key}>
                <Toolbar
                    menu_open={*menu_open}
                    menu_button={menu_button.clone()}
                    on_toggle_menu={toggle_menu}
                    current={page}
                />
                <div class="app-body">
                    if *menu_open {
                        <div class="scrim" onclick={close_menu.reform(|_: MouseEvent| ())}></div>
                        <MainMenu
                            role={role}
                            community_name={AttrValue::from(branding.community_name.clone())}
                            current={page}
                            open_groups={props.preferences.open_menu_groups.clone()}
                            on_toggle_group={toggle_group}
                            on_choose={choose}
                            on_close={close_menu.clone()}
                            new_resources={*new_resources}
                            {new_leads}
                        />
                    }
                    <main id="content" class="content" data-page={page.slug()}>
                        <div class="page">
                            <PageView page={page} />
                        </div>
                    </main>
                </div>
                { unsynced_dialog }
            </div>
        </ContextProvider<SyncState>>
        </ContextProvider<PortalContext>>
    }
}
