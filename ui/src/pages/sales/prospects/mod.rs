//! Prospects: the list (search as you type, filters, sorting, "Show more"), one prospect's
//! details with its deal registrations, and the form that creates or edits one.

mod delete;
mod detail;
mod domain_check;
mod form;
mod form_fields;
mod list;

use crate::{
    context::Record,
    hooks::{use_portal, use_users, use_view, PAGE_SIZE},
};
use detail::ProspectDetailView;
use form::ProspectEditor;
use list::ProspectListView;
use portal_core::{ids::ProspectId, sales::ProspectQuery};
use yew::prelude::*;

/// What the Prospects page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(ProspectId),
    Edit(ProspectId),
    New,
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Prospect(id)) => View::Detail(id),
        _ => View::List,
    }
}

#[component]
pub fn ProspectsPage() -> Html {
    let portal = use_portal();
    let users = use_users(portal.session.profile.user.role);
    let (view, show) = use_view(view_for);
    let query = use_state(|| ProspectQuery {
        limit: PAGE_SIZE,
        ..ProspectQuery::default()
    });
    match view {
        View::List => html! {
            <ProspectListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                users={users}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New)} />
        },
        View::Detail(id) => html! {
            <ProspectDetailView {id} {users}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::Edit(id) => html! {
            <ProspectEditor id={Some(id)} {users}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::New => html! {
            <ProspectEditor id={None} {users}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(|()| View::List)}
                on_deleted={show.reform(|()| View::List)} />
        },
    }
}
