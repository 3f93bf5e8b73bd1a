//! The menu under the account name: the profile pages the role may open, and Log off.

use crate::{components::icons, hooks::use_portal};
use portal_core::menu::{profile_menu, Page};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProfileMenuProps {
    pub current: Page,
    /// Closes the menu; `true` returns focus to the account button.
    pub on_close: Callback<bool>,
}

fn icon_for(page: Page) -> Html {
    match page {
        Page::MyAccount => icons::user(),
        Page::PartnerDetails => icons::building(),
        _ => icons::users(),
    }
}

/// Moves focus among the menu's items with the arrow keys.
fn move_focus(menu: &Element, step: i32) {
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let len = items.length() as i32;
    if len == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = (0..len).find(|&i| {
        items
            .item(i as u32)
            .zip(active.clone())
            .is_some_and(|(n, a)| n.is_same_node(Some(&a)))
    });
    let next = match current {
        Some(i) => (i + step).rem_euclid(len),
        None if step > 0 => 0,
        None => len - 1,
    };
    if let Some(el) = items
        .item(next as u32)
        .and_then(|n| n.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn ProfileMenu(props: &ProfileMenuProps) -> Html {
    let portal = use_portal();
    let menu_ref = use_node_ref();
    {
        let menu_ref = menu_ref.clone();
        use_effect_with((), move |_| {
            if let Some(menu) = menu_ref.cast::<Element>() {
                move_focus(&menu, 1);
            }
        });
    }
    let user = &portal.session.profile.user;

    let on_key = {
        let menu_ref = menu_ref.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(menu) = menu_ref.cast::<Element>() else {
                return;
            };
            match e.key().as_str() {
                "Escape" => {
                    // Handled here so the shell does not also close the left-hand menu.
                    e.prevent_default();
                    on_close.emit(true);
                }
                "ArrowDown" => {
                    e.prevent_default();
                    move_focus(&menu, 1);
                }
                "ArrowUp" => {
                    e.prevent_default();
                    move_focus(&menu, -1);
                }
                "Tab" => on_close.emit(false),
                _ => {}
            }
        })
    };

    let items = profile_menu(user.role).into_iter().map(|page| {
        let navigate = portal.navigate.clone();
        let on_close = props.on_close.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            on_close.emit(false);
            navigate.emit(page);
        });
        html! {
            <button type="button" role="menuitem" class="menu-item" data-page={page.slug()}
                aria-current={(page == props.current).then_some("page")} {onclick}>
                { icon_for(page) }<span>{ page.title() }</span>
            </button>
        }
    });
    let log_off = {
        let sign_out = portal.sign_out.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            on_close.emit(false);
            sign_out.emit(());
        })
    };
    let dismiss = props.on_close.reform(|_: MouseEvent| false);

    html! {
        <>
            <div class="popover-backdrop" onclick={dismiss}></div>
            <div id="profile-menu" class="popover profile-menu" role="menu" aria-label="Account"
                ref={menu_ref} onkeydown={on_key}>
                <div class="profile-menu-header" role="presentation">
                    <span class="profile-menu-name">{ user.full_name() }</span>
                    <span class="profile-menu-email">{ user.email.clone() }</span>
                    <span class="badge">{ user.role.label() }</span>
                </div>
                { for items }
                <div class="menu-separator" role="separator"></div>
                <button id="logoff" type="button" role="menuitem" class="menu-item" onclick={log_off}>
                    { icons::log_out() }<span>{ "Log off" }</span>
                </button>
            </div>
        </>
    }
}
