//! The top bar: Menu button, portal name, connection indicator, Help, and the account menu.

use super::{profile_menu::ProfileMenu, PortalContext};
use crate::{api, components::icons};
use portal_core::{
    menu::Page,
    shell::{Connection, ExternalLink},
};
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub menu_open: bool,
    pub menu_button: NodeRef,
    pub on_toggle_menu: Callback<()>,
    pub connection: Connection,
    pub current: Page,
}

/// Up to two initials for the avatar.
fn initials(first: &str, last: &str) -> String {
    first
        .chars()
        .next()
        .into_iter()
        .chain(last.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let portal = use_context::<PortalContext>().expect("toolbar inside the shell");
    let profile_open = use_state(|| false);
    let account_button = use_node_ref();
    let session = &portal.session;
    let user = &session.profile.user;
    let branding = &session.branding;

    let close_profile = {
        let profile_open = profile_open.clone();
        let account_button = account_button.clone();
        Callback::from(move |refocus: bool| {
            profile_open.set(false);
            if refocus {
                if let Some(b) = account_button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let toggle_profile = {
        let profile_open = profile_open.clone();
        Callback::from(move |_: MouseEvent| profile_open.set(!*profile_open))
    };
    let toggle_menu = props.on_toggle_menu.reform(|_: MouseEvent| ());
    let help = Callback::from(|_: MouseEvent| {
        api::open_external_in_background(ExternalLink::KnowledgeBase)
    });

    let (status_class, status_text) = match props.connection {
        Connection::Online => ("connection online", "Online"),
        Connection::Offline => ("connection offline", "Offline — showing saved data"),
    };

    html! {
        <header class="toolbar">
            <div class="toolbar-start">
                <button id="menu-button" type="button" class="icon-button toolbar-menu-button"
                    ref={props.menu_button.clone()}
                    aria-expanded={props.menu_open.to_string()} aria-controls="main-menu"
                    aria-label="Menu" title="Menu" onclick={toggle_menu}>
                    if props.menu_open { { icons::close() } } else { { icons::menu() } }
                    <span class="toolbar-menu-label">{ "Menu" }</span>
                </button>
                <div class="toolbar-brand">
                    <span class="brand-mark" aria-hidden="true">
                        { branding.vendor_name.chars().next().unwrap_or('P').to_string() }
                    </span>
                    <span class="toolbar-brand-text">
                        <span class="toolbar-vendor">{ branding.vendor_name.clone() }</span>
                        <span class="toolbar-portal">{ branding.portal_name.clone() }</span>
                    </span>
                </div>
            </div>
            <div class="toolbar-end">
                <span id="connection-status" class={status_class} role="status"
                    data-connection={if props.connection == Connection::Online { "online" } else { "offline" }}>
                    <span class="connection-dot" aria-hidden="true"></span>
                    { status_text }
                </span>
                <button id="help-button" type="button" class="icon-button" title="Help (opens the knowledge base)"
                    onclick={help}>
                    { icons::help() }<span class="icon-button-label">{ "Help" }</span>
                </button>
                <div class="account">
                    <button id="account-button" type="button" class="account-button"
                        ref={account_button}
                        aria-haspopup="menu" aria-expanded={profile_open.to_string()}
                        aria-controls="profile-menu" onclick={toggle_profile}>
                        <span class="avatar" aria-hidden="true">{ initials(&user.first_name, &user.last_name) }</span>
                        <span class="account-text">
                            <span class="account-name">{ user.full_name() }</span>
                            <span class="account-firm">{ session.profile.partner.name.clone() }</span>
                        </span>
                        { icons::chevron_down() }
                    </button>
                    if *profile_open {
                        <ProfileMenu current={props.current} on_close={close_profile} />
                    }
                </div>
            </div>
        </header>
    }
}
