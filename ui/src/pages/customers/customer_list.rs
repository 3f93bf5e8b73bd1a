//! Customers: the firm's customers (search as you type by company or domain, sorted by any
//! column, with their users, products and next renewal), and one customer's page.

use super::customer_detail::CustomerDetailView;
use crate::{
    api,
    components::{
        list::{list_body, list_count, Empty},
        Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::{Record, CUSTOMER_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_paged_list, use_sync_state, use_view, PAGE_SIZE,
    },
};
use portal_core::{
    customers::{CustomerQuery, CustomerRow, CustomerSort},
    ids::CustomerId,
    menu::Page,
    shell::commands as cmd,
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(CustomerId),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Customer(id)) => View::Detail(id),
        _ => View::List,
    }
}

#[component]
pub fn CustomersPage() -> Html {
    let (view, show) = use_view(view_for);
    let query = use_state(|| CustomerQuery {
        limit: PAGE_SIZE,
        ..CustomerQuery::default()
    });
    match view {
        View::List => html! {
            <CustomerListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)} />
        },
        View::Detail(id) => html! {
            <CustomerDetailView {id} on_back={show.reform(|()| View::List)} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct CustomerListProps {
    query: CustomerQuery,
    on_query: Callback<CustomerQuery>,
    on_open: Callback<CustomerId>,
}

fn customer_row(c: &CustomerRow, on_open: &Callback<CustomerId>) -> Html {
    let id = c.id;
    // The name is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-customer-id={id.to_string()} class="row-link" {onclick}>
            <td>
                <button type="button" class="row-open cell-strong">{ c.company_name.clone() }</button>
                <span class="cell-sub">{ c.domain.clone() }</span>
            </td>
            <td>{ c.sector.clone() }</td>
            <td class="cell-numeric cell-nowrap" data-field="users">
                { c.users.map(format::count).unwrap_or_else(|| "—".to_owned()) }
            </td>
            <td data-field="products">
                <span class="chips">
                    { for c.products.iter().map(|p| html! { <span class="chip">{ p.clone() }</span> }) }
                </span>
            </td>
            <td class="cell-nowrap">{ format::date_or_dash(c.next_renewal) }</td>
            <td class="cell-nowrap">{ if c.owner_name.is_empty() { "—".to_owned() } else { c.owner_name.clone() } }</td>
        </tr>
    }
}

#[component]
fn CustomerListView(props: &CustomerListProps) -> Html {
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |query: CustomerQuery| {
        api::invoke(cmd::ListCustomers { query })
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut CustomerQuery, v| q.search = v);
    let on_sort = on_sort(q, &props.on_query);
    let filtered = !q.search.trim().is_empty();
    let state = &list.state;
    let columns = vec![
        Column::sortable(CustomerSort::CompanyName, "Company"),
        Column::sortable(CustomerSort::Sector, "Sector"),
        Column::sortable(CustomerSort::Users, "Users").numeric(),
        Column::sortable(CustomerSort::Products, "Products"),
        Column::sortable(CustomerSort::NextRenewal, "Next renewal"),
        Column::sortable(CustomerSort::Owner, "Owner"),
    ];
    let empty = Empty {
        id: "customers-empty",
        filtered,
        no_match: AttrValue::Static("No customers match your search."),
        clear_label: "Clear search",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static(
            "No customers yet. A customer appears here once the vendor provisions an order.",
        ),
        action: html! {},
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="customers-table" caption="Customers" {columns}
                    sort={q.sort.as_str()} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|c| customer_row(c, &props.on_open)) }
                </SortTable>
                <ListFooter id="customers-more" shown={state.rows.len()} total={state.total}
                    one="customer" many="customers" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });
    html! {
        <>
            <PageHeader page={Page::Customers}
                lead="Your customers with the mailboxes and products they subscribe to." />
            <div class="list-toolbar">
                <SearchBox id="customer-search" label="Search customers"
                    placeholder="Search by company or domain"
                    value={q.search.clone()} on_input={on_search} />
                { list_count(state, "customers-count", "customer", "customers") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
