//! Sales: prospects, deal registrations, quotes and the user's pending changes.
//!
//! Every list and record comes from the shell's local cache — the server's state with the user's
//! own changes on top — so all of it works offline; pages reload when a sync changes their data.

pub(super) mod badges;
mod deal_form;
mod deals;
pub(super) mod form;
pub(super) mod list;
pub(super) mod list_view;
pub(super) mod page;
mod pdf_export;
mod pending;
mod prospect_delete;
mod prospect_form;
mod prospects;
mod quote_detail;
mod quote_form;
mod quote_history;
mod quote_lines;
mod quote_pricing;
pub(super) mod quote_sheet;
mod quotes;
pub mod record_picker;

use crate::components::{icons, StatusBadge, Tone};
use portal_core::{
    deal::DealStatus,
    ids::{DealId, ProspectId},
    menu::Page,
    pending::ChangeState,
    prospect::ProspectStatus,
    ApiError,
};
use serde::Serialize;
use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet},
    future::Future,
    rc::Rc,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::Prospects => html! { <prospects::ProspectsPage /> },
        Page::Deals => html! { <deals::DealsPage /> },
        Page::PendingChanges => html! { <pending::PendingChangesPage /> },
        _ => html! { <quotes::QuotesPage /> },
    }
}

/// The kinds of record the sales pages show, as `data-changed` names them.
const SALES_ENTITIES: [&str; 2] = ["prospect", "deal"];

/// The kinds of record a quote's or an order's page shows, as `data-changed` names them.
pub const QUOTING_ENTITIES: [&str; 6] =
    ["quote", "order", "prospect", "deal", "customer", "product"];

/// A value as the wire spells it (`mark_won`, `qualified`), for attributes and element ids.
pub fn wire_name(value: impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn prospect_tone(status: ProspectStatus) -> Tone {
    match status {
        ProspectStatus::New => Tone::Info,
        ProspectStatus::Contacted => Tone::Accent,
        ProspectStatus::Qualified => Tone::Success,
        ProspectStatus::Disqualified => Tone::Neutral,
    }
}

pub fn deal_tone(status: DealStatus) -> Tone {
    match status {
        DealStatus::Draft | DealStatus::Withdrawn | DealStatus::Lost => Tone::Neutral,
        DealStatus::Submitted => Tone::Info,
        DealStatus::Approved | DealStatus::Won => Tone::Success,
        DealStatus::Rejected => Tone::Danger,
        DealStatus::Expired => Tone::Warning,
    }
}

pub fn change_tone(state: ChangeState) -> Tone {
    match state {
        ChangeState::Pending => Tone::Info,
        ChangeState::Synced => Tone::Success,
        ChangeState::Conflict => Tone::Warning,
        ChangeState::Refused => Tone::Danger,
    }
}

pub fn prospect_badge(status: ProspectStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={prospect_tone(status)}
            status={status.as_str()} />
    }
}

pub fn deal_badge(status: DealStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={deal_tone(status)}
            status={wire_name(status)} />
    }
}

/// The mark of a record with changes the server has not confirmed.
pub fn pending_badge() -> Html {
    html! {
        <StatusBadge label="Not synced" tone={Tone::Warning} class="pending-badge" icon={icons::clock()}
            title="Saved on this computer; the server has not confirmed it yet." />
    }
}

/// A step (such as a submission) the server has not answered yet.
pub fn waiting_badge() -> Html {
    html! {
        <StatusBadge label="Waiting for the server" tone={Tone::Info} class="waiting-badge" icon={icons::clock()}
            title="Sent or queued: the vendor's server has not answered yet." />
    }
}

/// Field name → the first message about it.
pub type FieldErrors = BTreeMap<String, String>;

pub fn field_errors(errors: &[ApiError]) -> FieldErrors {
    let mut map = FieldErrors::new();
    for e in errors {
        if let Some(field) = &e.field {
            map.entry(field.clone())
                .or_insert_with(|| e.message.clone());
        }
    }
    map
}

/// An id for checking a form that describes a record not born yet.
pub fn unborn_prospect() -> ProspectId {
    ProspectId::from_uuid(Default::default())
}

pub fn unborn_deal() -> DealId {
    DealId::from_uuid(Default::default())
}

/// A form being edited and the fields the user has been at (their messages show).
#[derive(Clone, PartialEq)]
pub struct Editing<F> {
    pub form: F,
    pub touched: BTreeSet<String>,
    /// The user tried to save: every field's message shows.
    pub submitted: bool,
}

impl<F> Editing<F> {
    pub fn new(form: F) -> Self {
        Self {
            form,
            touched: BTreeSet::new(),
            submitted: false,
        }
    }

    /// Whether a field's message should show: once the user has been at it, or tried to save.
    pub fn shows(&self, field: &str) -> bool {
        self.submitted || self.touched.contains(field)
    }
}

/// How one input changes the form.
pub type Apply<F> = Rc<dyn Fn(&mut F, String)>;

/// How one step changes the form and its marks together.
pub type Change<F> = Rc<dyn Fn(&mut Editing<F>)>;

pub enum Edit<F> {
    Set {
        field: String,
        apply: Apply<F>,
        value: String,
    },
    /// A change to the form and to its marks at once (removing a line renumbers the fields after
    /// it), marking `field` as visited.
    Change {
        field: String,
        apply: Change<F>,
    },
    Submitted,
}

impl<F: Clone + 'static> Reducible for Editing<F> {
    type Action = Edit<F>;

    fn reduce(self: Rc<Self>, action: Edit<F>) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Edit::Set {
                field,
                apply,
                value,
            } => {
                apply(&mut next.form, value);
                next.touched.insert(field);
            }
            Edit::Change { field, apply } => {
                apply(&mut next);
                next.touched.insert(field);
            }
            Edit::Submitted => next.submitted = true,
        }
        Rc::new(next)
    }
}

/// A record being read: loading, failed, or there (kept on screen while it reloads).
#[derive(Clone, PartialEq)]
pub enum Fetch<T> {
    Loading,
    Failed(ApiError),
    Ready(Rc<T>),
}

/// Loads whenever `deps` change (and when the returned callback asks); an answer to an older
/// request is dropped. A reload keeps the last answer on screen rather than flashing "Loading".
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
    let current = match &*state {
        Fetch::Loading => Fetch::Loading,
        Fetch::Failed(e) => Fetch::Failed(e.clone()),
        Fetch::Ready(v) => Fetch::Ready(v.clone()),
    };
    (current, reload)
}

/// The next number of a request counter.
pub fn next(counter: &Rc<RefCell<u32>>) -> u32 {
    let mut n = counter.borrow_mut();
    *n = n.wrapping_add(1);
    *n
}

pub fn loading() -> Html {
    html! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{ "Loading…" }</span>
        </div>
    }
}
