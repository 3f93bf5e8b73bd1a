//! The deal registrations list: search, status filter, sorting and "Show more"; each row's status
//! with the vendor's reason, the expiry and "waiting for the server".

use crate::{
    api,
    components::{
        icons,
        list::{add_first, filter_select, list_body, list_count, Empty},
        record_badges::{deal_badge, pending_badge, waiting_badge},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::SALES_ENTITIES,
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_paged_list, use_sync_state,
    },
};
use portal_core::{
    deal::DealStatus,
    ids::DealId,
    menu::Page,
    sales::{DealQuery, DealRow, DealSort},
    shell::commands as cmd,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DealListProps {
    pub query: DealQuery,
    pub on_query: Callback<DealQuery>,
    pub on_open: Callback<DealId>,
    pub on_new: Callback<()>,
}

pub fn deal_number(number: &Option<String>) -> Html {
    match number {
        Some(n) => html! { { n.clone() } },
        None => html! { <span class="muted">{ "No number yet" }</span> },
    }
}

/// The status with what goes with it: the server's reason, the expiry, "waiting for the server".
fn status_cell(d: &DealRow) -> Html {
    html! {
        <div class="status-cell">
            <span class="badge-stack">
                { deal_badge(d.status, None) }
                if d.waiting_for_server { { waiting_badge() } }
                if d.pending && !d.waiting_for_server { { pending_badge() } }
            </span>
            if let Some(reason) = d.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
                <span class="status-reason">{ reason.clone() }</span>
            }
            if let (DealStatus::Approved, Some(on)) = (d.status, d.expires_on) {
                <span class="status-expiry">{ format!("Expires {}", format::date(on)) }</span>
            }
        </div>
    }
}

fn deal_row(d: &DealRow, on_open: &Callback<DealId>) -> Html {
    let id = d.id;
    // The number is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-deal-id={id.to_string()} data-status={d.status.as_str()}
            data-waiting={d.waiting_for_server.then_some("true")}
            data-pending={d.pending.then_some("true")}
            class={classes!("row-link", d.pending.then_some("row-pending"))} {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">{ deal_number(&d.number) }</button>
            </td>
            <td>
                <span class="cell-strong">{ d.prospect_name.clone() }</span>
                <span class="cell-sub">{ d.domain.clone() }</span>
            </td>
            <td class="cell-numeric cell-nowrap">{ d.estimated_value.to_string() }</td>
            <td class="cell-nowrap">{ format::date(d.expected_close) }</td>
            <td>{ status_cell(d) }</td>
        </tr>
    }
}

#[component]
pub fn DealListView(props: &DealListProps) -> Html {
    let sync = use_sync_state();
    let reload = sync.reload_key(&SALES_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |query: DealQuery| {
        api::invoke(cmd::ListDeals { query })
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut DealQuery, v| q.search = v);
    let on_status = on_change(q, &props.on_query, |q: &mut DealQuery, v: String| {
        q.status = DealStatus::parse(&v);
    });
    let on_sort = on_sort(q, &props.on_query);
    let filtered = !q.search.trim().is_empty() || q.status.is_some();
    let new = props.on_new.reform(|_: MouseEvent| ());
    let state = &list.state;
    let columns = vec![
        Column::sortable(DealSort::Number, "Number"),
        Column::sortable(DealSort::ProspectName, "Prospect"),
        Column::sortable(DealSort::Value, "Value").numeric(),
        Column::sortable(DealSort::ExpectedClose, "Expected close"),
        Column::sortable(DealSort::Status, "Status"),
    ];
    let empty = Empty {
        id: "deals-empty",
        filtered,
        no_match: AttrValue::Static("No deal registrations match your search."),
        clear_label: "Clear search and filters",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static(
            "No deal registrations yet. Register a deal to protect your work on a prospect.",
        ),
        action: add_first("Register a deal", new.clone()),
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="deals-table" caption="Deal registrations" {columns}
                    sort={q.sort.as_str()} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|d| deal_row(d, &props.on_open)) }
                </SortTable>
                <ListFooter id="deals-more" shown={state.rows.len()} total={state.total}
                    one="deal registration" many="deal registrations" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Deals}
                lead="Register deals with the vendor and follow each one to its decision.">
                <button id="new-deal" type="button" class="button button-primary" onclick={new}>
                    { icons::plus() }{ "Register a deal" }
                </button>
            </PageHeader>
            <div class="list-toolbar">
                <SearchBox id="deal-search" label="Search deal registrations"
                    placeholder="Search by deal number or prospect"
                    value={q.search.clone()} on_input={on_search} />
                <div class="list-filters">
                    { filter_select("deal-status-filter", "Status", "All statuses",
                        DealStatus::ALL.map(|s| (s.as_str().to_owned(), s.label().to_owned())),
                        q.status.map(|s| s.as_str().to_owned()), &on_status) }
                </div>
                { list_count(state, "deals-count", "deal registration", "deal registrations") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
