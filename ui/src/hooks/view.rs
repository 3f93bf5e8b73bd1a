//! Which view a page shows (a list, a record, a form), as the route and the user change it.

use super::use_portal;
use crate::context::Record;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The view a page shows and a way to show another. The route's record opens its view whenever
/// the page is chosen again from the menu or opened at a record from elsewhere; every later change
/// of view brings the new view's heading into focus.
#[hook]
pub fn use_view<V>(view_for: fn(Option<Record>) -> V) -> (V, Callback<V>)
where
    V: Copy + PartialEq + 'static,
{
    let portal = use_portal();
    let view = use_state(|| view_for(portal.route.record));
    {
        let view = view.clone();
        let record = portal.route.record;
        use_effect_with(portal.route.serial, move |_| view.set(view_for(record)));
    }
    {
        let first = use_mut_ref(|| true);
        use_effect_with(*view, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                show_new_view();
            }
        });
    }
    let show = {
        let view = view.clone();
        Callback::from(move |v: V| view.set(v))
    };
    (*view, show)
}

/// Brings the view's heading into focus and the content back to its top, after the view within
/// a page changed (a list became a record, a record a form).
fn show_new_view() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(content) = document.get_element_by_id("content") {
        content.set_scroll_top(0);
    }
    if let Some(title) = document
        .query_selector("h1.page-title")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = title.focus();
    }
}
