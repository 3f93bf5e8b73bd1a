//! Orders: the list in its two sections (pending the customer's approval, and submitted to the
//! vendor), one order, and the form that completes an order's details.

use super::{order_detail::OrderDetailView, order_form::OrderEditor};
use crate::{
    api,
    components::{
        icons,
        list::{filter_select, list_body, list_count, Empty},
        record_badges::{order_badge, pending_badge, waiting_badge},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::{Record, QUOTING_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_paged_list, use_portal, use_sync_state, use_view, PAGE_SIZE,
    },
};
use portal_core::{
    ids::OrderId,
    menu::Page,
    order::OrderStatus,
    quoting::{OrderQuery, OrderRow, OrderSort},
    shell::commands as cmd,
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(OrderId),
    Edit(OrderId),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Order(id)) => View::Detail(id),
        Some(Record::EditOrder(id)) => View::Edit(id),
        _ => View::List,
    }
}

#[component]
pub fn OrdersPage() -> Html {
    let portal = use_portal();
    let (view, show) = use_view(view_for);
    let query = use_state(|| OrderQuery {
        // Opened from a Dashboard figure: the orders in progress, or one status's.
        status: match portal.route.record {
            Some(Record::OrdersIn(status)) => Some(status),
            _ => None,
        },
        in_progress: portal.route.record == Some(Record::OrdersInProgress),
        limit: PAGE_SIZE,
        ..OrderQuery::default()
    });
    match view {
        View::List => html! {
            <OrderListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)} />
        },
        View::Detail(id) => html! {
            <OrderDetailView {id}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))} />
        },
        View::Edit(id) => html! {
            <OrderEditor {id}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))} />
        },
    }
}

// ---------- The list ----------

#[derive(Properties, PartialEq)]
struct OrderListProps {
    query: OrderQuery,
    on_query: Callback<OrderQuery>,
    on_open: Callback<OrderId>,
}

/// The status filter's choice of the orders in progress (pending the customer's approval,
/// submitted or processing, as the Dashboard counts them).
const IN_PROGRESS: &str = "in_progress";

/// The status with what goes with it: "waiting for the server", the vendor's refusal.
fn status_cell(o: &OrderRow) -> Html {
    html! {
        <div class="status-cell">
            <span class="badge-stack">
                { order_badge(o.status, None) }
                if o.waiting_for_server { { waiting_badge() } }
                if o.pending && !o.waiting_for_server { { pending_badge() } }
            </span>
            if o.status == OrderStatus::Refused {
                if let Some(reason) = o.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
                    <span class="status-reason">{ reason.clone() }</span>
                }
            }
        </div>
    }
}

fn order_row(o: &OrderRow, on_open: &Callback<OrderId>) -> Html {
    let id = o.id;
    // The reference is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    let date = o.submitted_on.unwrap_or(o.created_on);
    html! {
        <tr key={id.to_string()} data-order-id={id.to_string()} data-status={o.status.as_str()}
            data-waiting={o.waiting_for_server.then_some("true")}
            data-pending={o.pending.then_some("true")}
            class={classes!("row-link", o.pending.then_some("row-pending"))} {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">{ o.reference.clone() }</button>
                <span class="cell-sub">{ format!("Quote {}", o.quote_reference) }</span>
            </td>
            <td class="cell-strong">{ o.company_name.clone() }</td>
            <td class="cell-nowrap">{ format::date(date) }</td>
            <td class="cell-numeric cell-nowrap">{ o.cost_total.to_string() }</td>
            <td class="cell-numeric cell-nowrap">{ o.rrp_total.to_string() }</td>
            <td>{ status_cell(o) }</td>
        </tr>
    }
}

/// The columns of a section; its date is when the order was started or submitted.
fn columns(date_label: &'static str) -> Vec<Column> {
    vec![
        Column::fixed("Order"),
        Column::sortable(OrderSort::CompanyName, "Company"),
        Column::sortable(OrderSort::Created, date_label),
        Column::fixed("Value at cost").numeric(),
        Column::fixed("Value at RRP").numeric(),
        Column::sortable(OrderSort::Status, "Status"),
    ]
}

#[component]
fn OrderListView(props: &OrderListProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&QUOTING_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |query: OrderQuery| {
        api::invoke(cmd::ListOrders { query })
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut OrderQuery, v| q.search = v);
    let on_status = on_change(q, &props.on_query, |q: &mut OrderQuery, v: String| {
        q.in_progress = v == IN_PROGRESS;
        q.status = OrderStatus::parse(&v);
    });
    let on_sort = on_sort(q, &props.on_query);
    // The date's own order is newest first: its arrow points down until turned round.
    let shown_descending = q.descending != (q.sort == OrderSort::Created);
    let filtered = !q.search.trim().is_empty() || q.status.is_some() || q.in_progress;
    let state = &list.state;
    let (with_vendor, with_us): (Vec<&OrderRow>, Vec<&OrderRow>) =
        state.rows.iter().partition(|o| o.status.is_with_vendor());
    let to_quotes = {
        let navigate = portal.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(Page::Quotes))
    };

    let section = |id: &'static str,
                   title: &'static str,
                   note: &'static str,
                   empty: &'static str,
                   date_label: &'static str,
                   rows: &[&OrderRow]| {
        html! {
            <section class="list-section" id={format!("{id}-section")} aria-labelledby={format!("{id}-title")}>
                <header class="list-section-header">
                    <h2 class="list-section-title" id={format!("{id}-title")}>
                        { title }
                        <span class="segment-count" id={format!("{id}-count")}>{ rows.len() }</span>
                    </h2>
                    <p class="list-section-note">{ note }</p>
                </header>
                if rows.is_empty() {
                    <p class="empty empty-compact" id={format!("{id}-empty")}>{ empty }</p>
                } else {
                    <div class="orders-section-table">
                        <SortTable id={format!("{id}-table")} caption={title} columns={columns(date_label)}
                            sort={q.sort.as_str()} descending={shown_descending} on_sort={on_sort.clone()}
                            busy={state.loading}>
                            { for rows.iter().map(|o| order_row(o, &props.on_open)) }
                        </SortTable>
                    </div>
                }
            </section>
        }
    };
    // No orders yet: they start from accepted quotes.
    let empty = Empty {
        id: "orders-empty",
        filtered,
        no_match: AttrValue::Static("No orders match your search or filter."),
        clear_label: "Clear search and filter",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static(
            "No orders yet. An order starts from a quote your customer accepted.",
        ),
        action: html! {
            <button type="button" class="button button-small" onclick={to_quotes}>
                { icons::chevron_right() }{ "Go to Quotes" }
            </button>
        },
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                { section("orders-pending", "Pending customer approval",
                    "Saved with the customer's details; waiting for their approval and purchase order before you submit them.",
                    if filtered { "No order waiting for the customer matches." } else { "No order is waiting for the customer." },
                    "Started", &with_us) }
                { section("orders-submitted", "Submitted to the vendor",
                    "Sent to the vendor, who processes them and provisions the customer's subscriptions.",
                    if filtered { "No submitted order matches." } else { "No order has been submitted yet." },
                    "Submitted", &with_vendor) }
                <ListFooter id="orders-more" shown={state.rows.len()} total={state.total}
                    one="order" many="orders" loading={state.loading} on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Orders}
                lead="Orders placed from accepted quotes, from the customer's approval to their live subscriptions." />
            <div class="list-toolbar">
                <SearchBox id="order-search" label="Search orders"
                    placeholder="Search by order number, company or PO number"
                    value={q.search.clone()} on_input={on_search} />
                <div class="list-filters">
                    { filter_select("order-status-filter", "Status", "All statuses",
                        std::iter::once((IN_PROGRESS.to_owned(), "In progress".to_owned()))
                            .chain(OrderStatus::ALL.map(|s| (s.as_str().to_owned(), s.label().to_owned()))),
                        if q.in_progress { Some(IN_PROGRESS.to_owned()) } else { q.status.map(|s| s.as_str().to_owned()) },
                        &on_status) }
                </div>
                { list_count(state, "orders-count", "order", "orders") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
