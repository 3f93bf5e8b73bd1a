//! What the record pages share around their views: which view shows (a list, a record, a form) as
//! the route and the user change it, a record read with the answer to the user's own step on top,
//! and a record's view before it is there.

use super::{loading, use_fetch, Fetch};
use crate::{
    components::ErrorBanner,
    shell::{PortalContext, Record, ReloadKey},
};
use portal_core::ApiError;
use std::{future::Future, rc::Rc};
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
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
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

/// The record once it is there; before that, the page to show instead: `header`, then "Loading…"
/// or the error with "Try again".
pub fn ready<T>(fetch: Fetch<T>, header: Html, retry: Callback<()>) -> Result<Rc<T>, Html> {
    match fetch {
        Fetch::Ready(value) => Ok(value),
        Fetch::Loading => Err(html! { <>{ header }{ loading() }</> }),
        Fetch::Failed(e) => Err(html! {
            <>
                { header }
                <ErrorBanner error={e} on_retry={retry} />
            </>
        }),
    }
}

/// A record as its detail view reads it: again whenever `reload` changes, with the answer to the
/// user's own step shown until the next read supersedes it.
pub struct Detail<T: 'static> {
    pub fetched: Fetch<T>,
    /// Reads the record again.
    pub retry: Callback<()>,
    /// The answer to the user's own step, newer than the read until the next one.
    pub acted: UseStateHandle<Option<Rc<T>>>,
}

impl<T: 'static> Detail<T> {
    /// The record as it stands; before it is there, the page to show instead (see [`ready`]).
    pub fn current(&self, header: Html) -> Result<Rc<T>, Html> {
        if let Some(d) = &*self.acted {
            return Ok(d.clone());
        }
        let fetched = match &self.fetched {
            Fetch::Loading => Fetch::Loading,
            Fetch::Failed(e) => Fetch::Failed(e.clone()),
            Fetch::Ready(d) => Fetch::Ready(d.clone()),
        };
        ready(fetched, header, self.retry.clone())
    }
}

/// Reads the record `id` whenever it or `reload` changes; see [`Detail`].
#[hook]
pub fn use_detail<Id, T, F, Fut>(id: Id, reload: ReloadKey, fetch: F) -> Detail<T>
where
    Id: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(Id) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let (fetched, retry) = use_fetch((id, reload), move |(id, _)| fetch(id));
    let acted = use_state(|| None::<Rc<T>>);
    {
        // A fresh answer from the cache supersedes the step's.
        let acted = acted.clone();
        let answer = match &fetched {
            Fetch::Ready(d) => Rc::as_ptr(d) as usize,
            _ => 0,
        };
        use_effect_with(answer, move |_| acted.set(None));
    }
    Detail {
        fetched,
        retry,
        acted,
    }
}
