//! The briefcase (the resources kept for offline use) as the Resources pages show it: read once,
//! then kept current by the shell's `briefcase` event while files download, and by the answers to
//! the user's own steps (keep, stop keeping, empty).

use crate::api;
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{Briefcase, BriefcaseItem, Offline},
        Category,
    },
    shell::{commands as cmd, events},
    ApiError,
};
use std::{cell::Cell, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The briefcase as it stands, and a way to show the answer to a step.
#[derive(Clone, PartialEq)]
pub struct BriefcaseState {
    /// `None` until the first answer.
    pub briefcase: Option<Rc<Briefcase>>,
    /// The first read failed (the event may still bring it).
    pub error: Option<ApiError>,
    /// Shows a newer briefcase (the answer to keeping or emptying).
    pub set: Callback<Briefcase>,
    /// Grows each time a fill has nothing left to download: the lists' thumbnails, fetched by
    /// the same fill, may have arrived (a list reloads on it).
    pub settled: u32,
}

impl BriefcaseState {
    /// An item's place in the briefcase, when it is kept.
    pub fn item(&self, id: ResourceId) -> Option<&BriefcaseItem> {
        self.briefcase
            .as_deref()
            .and_then(|b| b.items.iter().find(|i| i.id == id))
    }

    /// An item's offline state: the briefcase's (live while it downloads), else `fallback` (what
    /// the list or the item's page read).
    pub fn offline_of(&self, id: ResourceId, fallback: &Offline) -> Offline {
        match (self.item(id), &self.briefcase) {
            (Some(item), _) => item.offline.clone(),
            // The briefcase is known and does not hold it: not kept (any more).
            (None, Some(_)) => Offline::default(),
            (None, None) => fallback.clone(),
        }
    }

    /// Whether a whole category is kept.
    pub fn keeps_category(&self, category: Category) -> bool {
        self.briefcase
            .as_deref()
            .is_some_and(|b| b.categories.contains(&category))
    }
}

/// How many fills have settled (a listener made once counts through its dispatcher).
#[derive(Default)]
struct Settled(u32);

impl Reducible for Settled {
    type Action = ();
    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Settled(self.0.wrapping_add(1)))
    }
}

#[hook]
pub fn use_briefcase() -> BriefcaseState {
    let briefcase = use_state(|| None::<Rc<Briefcase>>);
    let error = use_state(|| None::<ApiError>);
    let settled = use_reducer(Settled::default);
    {
        let briefcase = briefcase.clone();
        let error = error.clone();
        let settled = settled.dispatcher();
        use_effect_with((), move |_| {
            // An event newer than the first read's answer wins over it.
            let heard = Rc::new(Cell::new(false));
            let listener = {
                let briefcase = briefcase.clone();
                let heard = heard.clone();
                api::listen(events::BRIEFCASE, move |b: Briefcase| {
                    heard.set(true);
                    if b.bytes_waiting == 0 {
                        settled.dispatch(());
                    }
                    briefcase.set(Some(Rc::new(b)))
                })
            };
            spawn_local(async move {
                match api::invoke(cmd::GetBriefcase {}).await {
                    Ok(_) if heard.get() => {}
                    Ok(b) => briefcase.set(Some(Rc::new(b))),
                    Err(e) => error.set(Some(e)),
                }
            });
            move || drop(listener)
        });
    }
    let set = {
        let briefcase = briefcase.clone();
        Callback::from(move |b: Briefcase| briefcase.set(Some(Rc::new(b))))
    };
    BriefcaseState {
        briefcase: (*briefcase).clone(),
        error: (*error).clone(),
        set,
        settled: settled.0,
    }
}
