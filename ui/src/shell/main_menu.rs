//! The left-hand menu drawer, drawn from `portal_core::menu::main_menu` for the user's role.
//!
//! Keyboard: Up/Down (and Home/End) move between entries, Enter/Space activate, Left/Right close or
//! open a group, Esc closes the drawer and returns focus to the Menu button.

use crate::components::icons;
use portal_core::{
    menu::{main_menu, MenuEntry, MenuItem, Page, Target},
    shell::ExternalLink,
    Role,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MainMenuProps {
    pub role: Role,
    pub community_name: AttrValue,
    pub current: Page,
    /// Labels of the groups shown open.
    pub open_groups: Vec<String>,
    pub on_toggle_group: Callback<String>,
    pub on_choose: Callback<Target>,
    pub on_close: Callback<()>,
    /// Resources published since the user last looked at What's New (shown beside it).
    #[prop_or_default]
    pub new_resources: u32,
    /// Pending leads the user has not looked at (shown beside the Lead Inbox).
    #[prop_or_default]
    pub new_leads: u32,
}

/// The counts the menu shows beside entries.
#[derive(Clone, Copy)]
struct Counts {
    new_resources: u32,
    new_leads: u32,
}

const ENTRY: &str = "[data-menu-entry]";

fn entries(nav: &Element) -> Vec<HtmlElement> {
    let Ok(list) = nav.query_selector_all(ENTRY) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn active_index(items: &[HtmlElement]) -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    items.iter().position(|el| el.is_same_node(Some(&active)))
}

fn focus(el: Option<&HtmlElement>) {
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The count of new items beside What's New (and its group while closed), named for screen readers.
fn new_count(n: u32, id: &'static str) -> Html {
    if n == 0 {
        return html! {};
    }
    html! {
        <span class="nav-count" {id} data-count={n.to_string()}>
            { n }<span class="visually-hidden">{ " new" }</span>
        </span>
    }
}

fn item_view(
    item: &MenuItem,
    current: Page,
    on_choose: &Callback<Target>,
    nested: bool,
    counts: Counts,
) -> Html {
    let target = item.target;
    let onclick = on_choose.reform(move |_: MouseEvent| target);
    let class = classes!("nav-item", nested.then_some("nav-item-nested"));
    match target {
        Target::Page(page) => html! {
            <li>
                <button type="button" data-menu-entry="" data-page={page.slug()} {class}
                    aria-current={(page == current).then_some("page")} {onclick}>
                    if !nested { { icons::home() } }
                    <span class="nav-label">{ item.label.clone() }</span>
                    if page == Page::WhatsNew {
                        { new_count(counts.new_resources, "whats-new-count") }
                    }
                    if page == Page::Leads {
                        { new_count(counts.new_leads, "leads-new-count") }
                    }
                </button>
            </li>
        },
        Target::Community | Target::Blog => {
            let link = external_link(target).map(ExternalLink::as_str);
            html! {
                <li>
                    <button type="button" data-menu-entry="" data-link={link} {class} {onclick}
                        title="Opens in your web browser">
                        { if target == Target::Community { icons::chat() } else { icons::rss() } }
                        <span class="nav-label">{ item.label.clone() }</span>
                        <span class="nav-external">{ icons::external() }</span>
                    </button>
                </li>
            }
        }
    }
}

/// The vendor's site a menu entry opens in the browser, when it is not one of the app's pages.
pub fn external_link(target: Target) -> Option<ExternalLink> {
    match target {
        Target::Page(_) => None,
        Target::Community => Some(ExternalLink::Community),
        Target::Blog => Some(ExternalLink::Blog),
    }
}

fn group_icon(label: &str) -> Html {
    match label {
        "Sales" => icons::trending(),
        "Customers" => icons::users(),
        "Resources" => icons::folder(),
        "Education" => icons::graduation(),
        "PIMS" => icons::megaphone(),
        _ => icons::building(),
    }
}

#[component]
pub fn MainMenu(props: &MainMenuProps) -> Html {
    let nav_ref = use_node_ref();
    {
        let nav_ref = nav_ref.clone();
        use_effect_with((), move |_| {
            if let Some(nav) = nav_ref.cast::<Element>() {
                let current = nav
                    .query_selector("[data-menu-entry][aria-current=page]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                focus(current.as_ref().or(entries(&nav).first()));
            }
        });
    }

    let on_key = {
        let nav_ref = nav_ref.clone();
        let on_close = props.on_close.clone();
        let on_toggle_group = props.on_toggle_group.clone();
        let open_groups = props.open_groups.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(nav) = nav_ref.cast::<Element>() else {
                return;
            };
            let items = entries(&nav);
            let at = active_index(&items);
            let last = items.len().saturating_sub(1);
            let group_here = || {
                at.and_then(|i| items.get(i))
                    .and_then(|el| el.get_attribute("data-group"))
            };
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    focus(items.get(at.map_or(0, |i| if i >= last { 0 } else { i + 1 })));
                }
                "ArrowUp" => {
                    e.prevent_default();
                    focus(items.get(at.map_or(last, |i| if i == 0 { last } else { i - 1 })));
                }
                "Home" => {
                    e.prevent_default();
                    focus(items.first());
                }
                "End" => {
                    e.prevent_default();
                    focus(items.last());
                }
                "ArrowRight" | "ArrowLeft" => {
                    if let Some(group) = group_here() {
                        let open = open_groups.contains(&group);
                        if open == (e.key() == "ArrowLeft") {
                            e.prevent_default();
                            on_toggle_group.emit(group);
                        }
                    }
                }
                "Escape" => {
                    e.prevent_default();
                    on_close.emit(());
                }
                _ => {}
            }
        })
    };

    let menu = main_menu(props.role, &props.community_name);
    let counts = Counts {
        new_resources: props.new_resources,
        new_leads: props.new_leads,
    };
    let mut divider_shown = false;
    let rows = menu.iter().map(|entry| match entry {
        MenuEntry::Item(item) => {
            let external = !matches!(item.target, Target::Page(_));
            let divider = external && !std::mem::replace(&mut divider_shown, true);
            html! {
                <>
                    if divider {
                        <li class="nav-divider" role="separator"></li>
                    }
                    { item_view(item, props.current, &props.on_choose, false, counts) }
                </>
            }
        }
        MenuEntry::Group { label, items } => {
            let open = props.open_groups.iter().any(|g| g == label);
            let has_current = items
                .iter()
                .any(|i| i.target == Target::Page(props.current));
            let label_text = label.to_string();
            let onclick = props
                .on_toggle_group
                .reform(move |_: MouseEvent| label_text.clone());
            let list_id = format!("menu-group-{}", label.to_lowercase());
            html! {
                <li class={classes!("nav-group", open.then_some("open"))}>
                    <button type="button" data-menu-entry="" data-group={*label}
                        class={classes!("nav-group-button", has_current.then_some("has-current"))}
                        aria-expanded={open.to_string()} aria-controls={list_id.clone()} {onclick}>
                        { group_icon(label) }
                        <span class="nav-label">{ *label }</span>
                        if !open && items.iter().any(|i| i.target == Target::Page(Page::WhatsNew)) {
                            { new_count(props.new_resources, "resources-new-count") }
                        }
                        if !open && items.iter().any(|i| i.target == Target::Page(Page::Leads)) {
                            { new_count(props.new_leads, "pims-new-count") }
                        }
                        <span class="nav-chevron">{ icons::chevron_right() }</span>
                    </button>
                    if open {
                        <ul class="nav-sublist" id={list_id} role="list">
                            { for items.iter().map(|i| item_view(i, props.current, &props.on_choose, true, counts)) }
                        </ul>
                    }
                </li>
            }
        }
    });

    html! {
        <nav id="main-menu" class="drawer" aria-label="Main menu" ref={nav_ref} onkeydown={on_key}>
            <ul class="nav-list" role="list">
                { for rows }
            </ul>
        </nav>
    }
}
