//! Deals: the deal registrations list (search, status filter, sorting), one registration with the
//! steps its status allows the partner, and the form that drafts or edits one.

mod detail;
mod form;
mod list;

use crate::{
    context::Record,
    hooks::{use_portal, use_view, PAGE_SIZE},
};
use detail::DealDetailView;
use form::DealEditor;
use list::DealListView;
use portal_core::{
    ids::{DealId, ProspectId},
    sales::DealQuery,
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(DealId),
    Edit(DealId),
    /// A new registration, perhaps for a prospect chosen elsewhere.
    New(Option<ProspectId>),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Deal(id)) => View::Detail(id),
        Some(Record::NewDeal(prospect)) => View::New(prospect),
        _ => View::List,
    }
}

#[component]
pub fn DealsPage() -> Html {
    let portal = use_portal();
    let (view, show) = use_view(view_for);
    let query = use_state(|| DealQuery {
        // Opened from a Dashboard figure: that status's deal registrations.
        status: match portal.route.record {
            Some(Record::DealsIn(status)) => Some(status),
            _ => None,
        },
        limit: PAGE_SIZE,
        ..DealQuery::default()
    });
    match view {
        View::List => html! {
            <DealListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New(None))} />
        },
        View::Detail(id) => html! {
            <DealDetailView {id}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::Edit(id) => html! {
            <DealEditor id={Some(id)} prospect={None::<ProspectId>}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))} />
        },
        View::New(prospect) => {
            // Started from a prospect: Cancel goes back to it.
            let on_cancel = match prospect {
                Some(p) => portal.open.reform(move |()| Record::Prospect(p)),
                None => show.reform(|()| View::List),
            };
            html! {
                <DealEditor id={None::<DealId>} {prospect} on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
    }
}
