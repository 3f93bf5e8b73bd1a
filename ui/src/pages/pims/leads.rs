//! The Lead Inbox: leads from the firm's landing pages and from the vendor, newest first,
//! filtered by state (each with its count) and searched as you type; each row with its countdown
//! while pending, where it came from, and a mark while a decision made here waits for the server.
//! A lead opens into its page.

use super::{badges::lead_badge, lead::LeadPage};
use crate::{
    api,
    components::{icons, record_badges::pending_badge, ErrorBanner, PageHeader, SearchBox, Table},
    context::{Record, PIMS_ENTITIES},
    format,
    hooks::{use_fetch, use_portal, use_sync_state, use_view, Fetch},
};
use portal_core::{
    ids::LeadId,
    menu::Page,
    pims::{
        app::{LeadList, LeadQuery, LeadRow},
        lead::LeadState,
    },
    shell::commands as cmd,
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Lead(LeadId),
}

fn view_for(_: Option<Record>) -> View {
    View::List
}

#[component]
pub fn LeadsPage() -> Html {
    let (view, show) = use_view(view_for);
    // Kept while a lead is open, so that Back returns to the same filter and search.
    let query = use_state(|| LeadQuery {
        state: Some(LeadState::Pending),
        search: String::new(),
    });
    match view {
        View::List => html! {
            <LeadListView query={(*query).clone()} on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Lead)} />
        },
        View::Lead(id) => html! { <LeadPage {id} on_back={show.reform(|()| View::List)} /> },
    }
}

#[derive(Properties, PartialEq)]
struct LeadListProps {
    query: LeadQuery,
    on_query: Callback<LeadQuery>,
    on_open: Callback<LeadId>,
}

fn lead_row(row: &LeadRow, on_open: &Callback<LeadId>) -> Html {
    let id = row.id;
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} class={classes!("row-link", row.unsynced.then_some("row-pending"))}
            data-lead-id={id.to_string()} data-state={row.state.as_str()}
            data-unsynced={row.unsynced.then_some("true")} {onclick}>
            <td class="cell-strong">
                <button type="button" class="row-open">{ row.name.clone() }</button>
                <span class="cell-sub">{ row.company.clone() }</span>
            </td>
            <td class="selectable">{ row.email.clone() }</td>
            <td>
                <span class="lead-origin">{ row.origin.clone() }</span>
                <span class="cell-sub">{ row.source.label() }</span>
            </td>
            <td>{ format::local_date_time(row.received_at) }</td>
            <td>
                { lead_badge(row.state, None) }
                if row.unsynced { { pending_badge() } }
                if let Some(c) = &row.countdown {
                    <span class="cell-sub countdown">{ icons::clock() }{ c.clone() }</span>
                }
            </td>
        </tr>
    }
}

#[component]
fn LeadListView(props: &LeadListProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let (fetched, retry) = use_fetch(
        (props.query.clone(), sync.reload_key(&PIMS_ENTITIES)),
        |(query, _)| api::invoke(cmd::ListLeads { query }),
    );
    {
        // Looking at the inbox is what the menu's count waits for.
        let recount = portal.recount_leads.clone();
        use_effect_with((), move |_| recount.emit(()));
    }
    let last = use_state(|| None::<std::rc::Rc<LeadList>>);
    let (list, loading, error) = match &fetched {
        Fetch::Ready(l) => (Some(l.clone()), false, None),
        Fetch::Loading => ((*last).clone(), true, None),
        Fetch::Failed(e) => ((*last).clone(), false, Some(e.clone())),
    };
    {
        let last = last.clone();
        let ready = match &fetched {
            Fetch::Ready(l) => Some(l.clone()),
            _ => None,
        };
        use_effect_with(
            ready.as_ref().map(|l| std::rc::Rc::as_ptr(l) as usize),
            move |_| {
                if ready.is_some() {
                    last.set(ready);
                }
            },
        );
    }
    let q = &props.query;
    let on_search = {
        let (q, on_query) = (q.clone(), props.on_query.clone());
        Callback::from(move |search: String| {
            on_query.emit(LeadQuery {
                search,
                ..q.clone()
            })
        })
    };
    let count_of = |state: Option<LeadState>| -> u32 {
        list.as_ref().map_or(0, |l| match state {
            None => l.counts.iter().map(|(_, n)| n).sum(),
            Some(s) => l
                .counts
                .iter()
                .find(|(st, _)| *st == s)
                .map_or(0, |(_, n)| *n),
        })
    };
    let filters = std::iter::once(None)
        .chain(LeadState::ALL.iter().copied().map(Some))
        .map(|state| {
            let pressed = q.state == state;
            let onclick = {
                let (q, on_query) = (q.clone(), props.on_query.clone());
                Callback::from(move |_: MouseEvent| {
                    on_query.emit(LeadQuery {
                        state,
                        ..q.clone()
                    })
                })
            };
            let key = state.map_or("all", |s| s.as_str());
            html! {
                <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                    data-filter={key} aria-pressed={pressed.to_string()} {onclick}>
                    { state.map_or("All", |s| s.label()) }
                    <span class="segment-count" data-count={count_of(state).to_string()}>{ count_of(state) }</span>
                </button>
            }
        });
    let body = match &list {
        None if error.is_none() => crate::components::loading(),
        None => html! {},
        Some(l) if l.rows.is_empty() => html! {
            <p class="empty-state" id="leads-empty">
                { if q.search.trim().is_empty() && q.state.is_none() {
                    "No leads yet. Leads from your campaigns' landing pages, and those the vendor sends you, arrive here."
                } else {
                    "No leads match."
                } }
            </p>
        },
        Some(l) => html! {
            <div class={classes!(loading.then_some("is-busy"))} aria-busy={loading.to_string()}>
                <Table id="leads-table" caption="Leads" headers={vec![
                    AttrValue::Static("Name"), AttrValue::Static("Email"), AttrValue::Static("From"),
                    AttrValue::Static("Received"), AttrValue::Static("State")]}>
                    { for l.rows.iter().map(|r| lead_row(r, &props.on_open)) }
                </Table>
            </div>
        },
    };
    html! {
        <>
            <PageHeader page={Page::Leads}
                lead="People who asked to hear from you. Accept a lead to make it a prospect, or decline it, before its time runs out." />
            <div class="list-toolbar">
                <SearchBox id="lead-search" label="Search leads" placeholder="Search by name, company, email or campaign"
                    value={q.search.clone()} on_input={on_search} />
                <div class="segmented" role="group" aria-label="Show leads by state" id="lead-filters">
                    { for filters }
                </div>
            </div>
            if let Some(e) = error {
                <ErrorBanner error={e} on_retry={retry} />
            }
            { body }
        </>
    }
}
