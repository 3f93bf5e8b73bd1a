//! Reading from the shell: the one hook every page reads a record, a list's summary or a snapshot
//! of the server's data with.

use super::latest::next;
use portal_core::ApiError;
use std::{future::Future, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Something being read: loading, failed, or there (kept on screen while it reloads).
pub enum Fetch<T> {
    Loading,
    Failed(ApiError),
    Ready(Rc<T>),
}

// By hand: the derive would ask `T: Clone`, and only the `Rc` is cloned.
impl<T> Clone for Fetch<T> {
    fn clone(&self) -> Self {
        match self {
            Fetch::Loading => Fetch::Loading,
            Fetch::Failed(e) => Fetch::Failed(e.clone()),
            Fetch::Ready(v) => Fetch::Ready(v.clone()),
        }
    }
}

/// Loads whenever `deps` change (and when the returned callback asks); an answer to an older
/// request is dropped. A reload keeps the last answer on screen rather than flashing "Loading";
/// a retry after a failure shows "Loading" until the new answer.
#[hook]
pub fn use_fetch<D, T, F, Fut>(deps: D, fetch: F) -> (Fetch<T>, Callback<()>)
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Fetch::<T>::Loading);
    let retry = use_state(|| 0_u32);
    let latest = use_mut_ref(|| 0_u32);
    let fetch = use_memo((), move |_| fetch);
    {
        let state = state.clone();
        use_effect_with((deps, *retry), move |(deps, _)| {
            if matches!(*state, Fetch::Failed(_)) {
                state.set(Fetch::Loading);
            }
            let request = next(&latest);
            let pending = (*fetch)(deps.clone());
            spawn_local(async move {
                let answer = pending.await;
                if *latest.borrow() == request {
                    state.set(match answer {
                        Ok(value) => Fetch::Ready(Rc::new(value)),
                        Err(e) => Fetch::Failed(e),
                    });
                }
            });
        });
    }
    let reload = Callback::from(move |()| retry.set(retry.wrapping_add(1)));
    ((*state).clone(), reload)
}
