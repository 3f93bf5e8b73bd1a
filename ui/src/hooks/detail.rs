//! A record as its detail view reads it, with the answer to the user's own step on top.

use super::{use_fetch, Fetch};
use crate::context::ReloadKey;
use portal_core::ApiError;
use std::{future::Future, rc::Rc};
use yew::prelude::*;

/// A record as its detail view reads it: again whenever `reload` changes, with the answer to the
/// user's own step shown until the next read supersedes it.
pub struct Detail<T: 'static> {
    fetched: Fetch<T>,
    /// Reads the record again.
    pub retry: Callback<()>,
    /// The answer to the user's own step, newer than the read until the next one.
    pub acted: UseStateHandle<Option<Rc<T>>>,
}

impl<T: 'static> Detail<T> {
    /// The record as it stands: the answer to the user's own step, else the last read.
    pub fn current(&self) -> Fetch<T> {
        match &*self.acted {
            Some(d) => Fetch::Ready(d.clone()),
            None => self.fetched.clone(),
        }
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
