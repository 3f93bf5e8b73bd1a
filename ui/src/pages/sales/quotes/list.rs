//! The quotes list: search as you type by number, prospect or customer, a status filter (with the
//! open pipeline), sorting and "Show more"; each row's total, margin and status.

use crate::{
    api,
    components::{
        icons,
        list::{add_first, filter_select, list_body, list_count, Empty},
        record_badges::{approval_badge, pending_badge, quote_badge, waiting_badge},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::QUOTING_ENTITIES,
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_paged_list, use_sync_state,
    },
};
use portal_core::{
    ids::QuoteId,
    menu::Page,
    money::Money,
    quote::{Approval, QuoteFor, QuoteStatus},
    quoting::{QuoteQuery, QuoteRow, QuoteSort},
    shell::commands as cmd,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuoteListProps {
    pub query: QuoteQuery,
    pub on_query: Callback<QuoteQuery>,
    pub on_open: Callback<QuoteId>,
    pub on_new: Callback<()>,
}

/// The status filter's choice of the open pipeline (draft, sent and accepted quotes, as the
/// Dashboard counts them).
const PIPELINE: &str = "pipeline";

/// The status with what goes with it: the approval, "waiting for the server", not synced.
fn status_cell(r: &QuoteRow) -> Html {
    let approval_matters = matches!(r.approval, Approval::Pending | Approval::Rejected)
        && matches!(r.status, QuoteStatus::Draft | QuoteStatus::Sent);
    html! {
        <span class="badge-stack">
            { quote_badge(r.status, None) }
            if approval_matters { { approval_badge(r.approval, None) } }
            if r.waiting_for_server { { waiting_badge() } }
            if r.pending && !r.waiting_for_server { { pending_badge() } }
        </span>
    }
}

fn quote_row(r: &QuoteRow, on_open: &Callback<QuoteId>) -> Html {
    let id = r.id;
    // The reference is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    let margin = Money::new(r.total.minor - r.cost_total.minor, r.total.currency);
    let negative = margin.minor < 0;
    let kind = match r.quote_for {
        QuoteFor::Prospect(_) => "Prospect",
        QuoteFor::Customer(_) => "Customer",
    };
    html! {
        <tr key={id.to_string()} data-quote-id={id.to_string()} data-status={r.status.as_str()}
            data-approval={r.approval.as_str()}
            data-waiting={r.waiting_for_server.then_some("true")}
            data-pending={r.pending.then_some("true")}
            class={classes!("row-link", r.pending.then_some("row-pending"))} {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">{ r.reference.clone() }</button>
                <span class="cell-sub">{ format!("Created {}", format::date(r.created_on)) }</span>
            </td>
            <td>
                <span class="cell-strong">{ r.for_name.clone() }</span>
                <span class="cell-sub">{ kind }</span>
            </td>
            <td class="cell-numeric cell-nowrap cell-strong">{ r.total.to_string() }</td>
            <td class={classes!("cell-numeric", "cell-nowrap", negative.then_some("figure-negative"))}>
                { margin.to_string() }
                <span class="cell-sub">{ format!("{} · cost {}", format::share(margin, r.total), r.cost_total) }</span>
            </td>
            <td class="cell-nowrap">{ format::date(r.valid_until) }</td>
            <td>{ status_cell(r) }</td>
        </tr>
    }
}

#[component]
pub fn QuoteListView(props: &QuoteListProps) -> Html {
    let sync = use_sync_state();
    let reload = sync.reload_key(&QUOTING_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |query: QuoteQuery| {
        api::invoke(cmd::ListQuotes { query })
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut QuoteQuery, v| q.search = v);
    let on_status = on_change(q, &props.on_query, |q: &mut QuoteQuery, v: String| {
        q.in_pipeline = v == PIPELINE;
        q.status = QuoteStatus::parse(&v);
        // Superseded revisions are listed only when asked for.
        q.include_superseded = q.status == Some(QuoteStatus::Superseded);
    });
    let on_sort = on_sort(q, &props.on_query);
    let filtered = !q.search.trim().is_empty() || q.status.is_some() || q.in_pipeline;
    let new = props.on_new.reform(|_: MouseEvent| ());
    let state = &list.state;
    let columns = vec![
        Column::sortable(QuoteSort::Number, "Quote"),
        Column::sortable(QuoteSort::ForName, "For"),
        Column::sortable(QuoteSort::Total, "Total").numeric(),
        Column::fixed("Margin").numeric(),
        Column::sortable(QuoteSort::ValidUntil, "Valid until"),
        Column::sortable(QuoteSort::Status, "Status"),
    ];
    let empty = Empty {
        id: "quotes-empty",
        filtered,
        no_match: AttrValue::Static("No quotes match your search."),
        clear_label: "Clear search and filters",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static("No quotes yet. Price one from the vendor's price book for a prospect — it works offline too."),
        action: add_first("New quote", new.clone()),
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="quotes-table" caption="Quotes" {columns}
                    sort={q.sort.as_str()} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|r| quote_row(r, &props.on_open)) }
                </SortTable>
                <ListFooter id="quotes-more" shown={state.rows.len()} total={state.total}
                    one="quote" many="quotes" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Quotes}
                lead="Price quotes from the vendor's price book with your margin, volume and term discounts.">
                <button id="new-quote" type="button" class="button button-primary" onclick={new}>
                    { icons::plus() }{ "New quote" }
                </button>
            </PageHeader>
            <div class="list-toolbar">
                <SearchBox id="quote-search" label="Search quotes"
                    placeholder="Search by quote number, prospect or customer"
                    value={q.search.clone()} on_input={on_search} />
                <div class="list-filters">
                    { filter_select("quote-status-filter", "Status", "All current",
                        std::iter::once((PIPELINE.to_owned(), "Open pipeline".to_owned()))
                            .chain(QuoteStatus::ALL.map(|s| (s.as_str().to_owned(), s.label().to_owned()))),
                        if q.in_pipeline { Some(PIPELINE.to_owned()) } else { q.status.map(|s| s.as_str().to_owned()) },
                        &on_status) }
                </div>
                { list_count(state, "quotes-count", "quote", "quotes") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
