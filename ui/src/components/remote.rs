//! Data a page reads from the shell: loading, failed, or a snapshot (possibly from the cache).

use super::{CacheBanner, ErrorBanner};
use portal_core::{shell::Snapshot, ApiError};
use std::{future::Future, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Remote<T> {
    Loading,
    Failed(ApiError),
    Ready(Rc<Snapshot<T>>),
}

/// Loads a snapshot once on mount; the returned callback loads it again.
#[hook]
pub fn use_remote<T, F, Fut>(fetch: F) -> (Remote<T>, Callback<()>)
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<Snapshot<T>, ApiError>> + 'static,
{
    let state = use_state(|| Remote::<T>::Loading);
    let generation = use_state(|| 0_u32);
    let fetch = use_memo((), move |_| fetch);
    {
        let state = state.clone();
        use_effect_with(*generation, move |_| {
            state.set(Remote::Loading);
            let pending = (*fetch)();
            spawn_local(async move {
                state.set(match pending.await {
                    Ok(snapshot) => Remote::Ready(Rc::new(snapshot)),
                    Err(e) => Remote::Failed(e),
                });
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    let current = match &*state {
        Remote::Loading => Remote::Loading,
        Remote::Failed(e) => Remote::Failed(e.clone()),
        Remote::Ready(s) => Remote::Ready(s.clone()),
    };
    (current, reload)
}

/// Renders loading and error states, the offline banner, then `ready` for the data.
pub fn show<T>(remote: &Remote<T>, reload: &Callback<()>, ready: impl FnOnce(&T) -> Html) -> Html {
    match remote {
        Remote::Loading => html! {
            <div class="loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <span>{ "Loading…" }</span>
            </div>
        },
        Remote::Failed(e) => html! { <ErrorBanner error={e.clone()} on_retry={reload.clone()} /> },
        Remote::Ready(snapshot) => html! {
            <>
                if snapshot.from_cache {
                    <CacheBanner as_of={snapshot.as_of} />
                }
                { ready(&snapshot.data) }
            </>
        },
    }
}
