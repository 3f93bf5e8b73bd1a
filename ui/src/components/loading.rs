//! What a page shows while what it reads is not there: "Loading…", the failure with "Try again",
//! and for a snapshot of the server's data, the notice that it came from the cache.

use super::{CacheBanner, ErrorBanner};
use crate::hooks::Fetch;
use portal_core::shell::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

pub fn loading() -> Html {
    html! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{ "Loading…" }</span>
        </div>
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

/// A snapshot of the server's data: "Loading…" or the failure, else the offline notice when it
/// came from the cache, then `shown` of its data.
pub fn snapshot<T>(
    fetch: &Fetch<Snapshot<T>>,
    retry: &Callback<()>,
    shown: impl FnOnce(&T) -> Html,
) -> Html {
    match fetch {
        Fetch::Loading => loading(),
        Fetch::Failed(e) => html! { <ErrorBanner error={e.clone()} on_retry={retry.clone()} /> },
        Fetch::Ready(snapshot) => html! {
            <>
                if snapshot.from_cache {
                    <CacheBanner as_of={snapshot.as_of} />
                }
                { shown(&snapshot.data) }
            </>
        },
    }
}
