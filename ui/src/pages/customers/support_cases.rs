//! Support Cases: the firm's open and closed cases (a tab each, search by number, subject or
//! customer), newest first or sorted by a column; one case; and opening a new one ("New case"),
//! which lists at once without a number until the server numbers it.

use super::new_case::NewCaseForm;
use crate::{
    api,
    components::{
        fields::text_or_dash,
        icons,
        list::{list_body, Empty},
        ready,
        record_badges::{case_badge, priority_badge},
        Card, Column, ErrorBanner, Field, Fields, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::{Record, CUSTOMER_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_sort},
        use_detail, use_paged_list, use_portal, use_sync_state, use_view, PAGE_SIZE,
    },
};
use portal_core::{
    customers::{
        CaseStatus, SupportCaseDetail, SupportCaseList, SupportCaseQuery, SupportCaseRow,
        SupportCaseSort,
    },
    ids::SupportCaseId,
    menu::Page,
    shell::commands as cmd,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    New,
    Detail(SupportCaseId),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::SupportCase(id)) => View::Detail(id),
        _ => View::List,
    }
}

#[component]
pub fn SupportCasesPage() -> Html {
    let portal = use_portal();
    let (view, show) = use_view(view_for);
    let query = use_state(|| SupportCaseQuery {
        // Opened from a Dashboard figure: its tab (the open cases).
        status: match portal.route.record {
            Some(Record::SupportCasesIn(status)) => status,
            _ => CaseStatus::default(),
        },
        limit: PAGE_SIZE,
        ..SupportCaseQuery::default()
    });
    match view {
        View::List => html! {
            <CaseListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New)} />
        },
        View::New => html! {
            <NewCaseForm page={Page::SupportCases} on_opened={show.reform(View::Detail)}
                on_cancel={show.reform(|()| View::List)} />
        },
        View::Detail(id) => html! {
            <CaseDetailView {id} on_back={show.reform(|()| View::List)} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct CaseListProps {
    query: SupportCaseQuery,
    on_query: Callback<SupportCaseQuery>,
    on_open: Callback<SupportCaseId>,
    on_new: Callback<()>,
}

/// A case's number, or a note that the server has not numbered it yet (opened here, not synced).
pub fn case_number(number: &str) -> Html {
    if number.is_empty() {
        html! { <span class="badge badge-warning" data-pending="true">{ "Pending" }</span> }
    } else {
        html! { { number.to_owned() } }
    }
}

fn case_row(c: &SupportCaseRow, on_open: &Callback<SupportCaseId>) -> Html {
    let id = c.id;
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-case-id={id.to_string()} data-status={c.status.as_str()}
            class="row-link" {onclick}>
            <td class="cell-nowrap"><button type="button" class="row-open cell-strong">{ case_number(&c.number) }</button></td>
            <td>{ c.subject.clone() }</td>
            <td>{ c.customer_name.clone().unwrap_or_else(|| "—".to_owned()) }</td>
            <td>{ priority_badge(c.priority) }</td>
            <td class="cell-nowrap">{ format::date(c.opened_on) }</td>
            <td class="cell-nowrap">{ format::date_or_dash(c.closed_on) }</td>
        </tr>
    }
}

#[component]
fn CaseListView(props: &CaseListProps) -> Html {
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let counts = use_state(|| (0_u64, 0_u64));
    let list = {
        let counts = counts.clone();
        use_paged_list(
            props.query.clone(),
            reload,
            move |query: SupportCaseQuery| {
                let counts = counts.clone();
                async move {
                    let list: SupportCaseList =
                        api::invoke(cmd::ListSupportCases { query }).await?;
                    counts.set((list.open, list.closed));
                    Ok(list)
                }
            },
        )
    };
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut SupportCaseQuery, v| {
        q.search = v
    });
    let on_sort = on_sort(q, &props.on_query);
    // The date's own order is newest first: its arrow points down until turned round.
    let shown_descending = q.descending != (q.sort == SupportCaseSort::Opened);
    let tabs = [CaseStatus::Open, CaseStatus::Closed].map(|status| {
        let pressed = q.status == status;
        let onclick = on_change(q, &props.on_query, move |q: &mut SupportCaseQuery, ()| {
            q.status = status
        })
        .reform(|_: MouseEvent| ());
        let n = match status {
            CaseStatus::Open => counts.0,
            CaseStatus::Closed => counts.1,
        };
        html! {
            <button type="button" role="tab" aria-selected={pressed.to_string()}
                id={format!("cases-tab-{}", status.as_str())}
                class={classes!("segment", pressed.then_some("selected"))} {onclick}>
                { status.label() }<span class="segment-count">{ n }</span>
            </button>
        }
    });
    let state = &list.state;
    let columns = vec![
        Column::sortable(SupportCaseSort::Number, "Case"),
        Column::sortable(SupportCaseSort::Subject, "Subject"),
        Column::sortable(SupportCaseSort::Customer, "Customer"),
        Column::sortable(SupportCaseSort::Priority, "Priority"),
        Column::sortable(SupportCaseSort::Opened, "Opened"),
        Column::fixed("Closed"),
    ];
    let filtered = !q.search.trim().is_empty();
    // The tab and the sort stay.
    let on_clear = {
        let (status, sort, descending) = (q.status, q.sort, q.descending);
        let on_query = props.on_query.clone();
        Callback::from(move |_: MouseEvent| {
            on_query.emit(SupportCaseQuery {
                status,
                sort,
                descending,
                limit: PAGE_SIZE,
                ..SupportCaseQuery::default()
            })
        })
    };
    let empty = Empty {
        id: "cases-empty",
        filtered,
        no_match: AttrValue::Static("No cases match your search."),
        clear_label: "Clear search",
        on_clear,
        none_yet: AttrValue::Static(if q.status == CaseStatus::Open {
            "No open support cases."
        } else {
            "No closed support cases."
        }),
        action: html! {},
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="cases-table" caption="Support cases" {columns}
                    sort={q.sort.as_str()} descending={shown_descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|c| case_row(c, &props.on_open)) }
                </SortTable>
                <ListFooter id="cases-more" shown={state.rows.len()} total={state.total}
                    one="case" many="cases" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });
    html! {
        <>
            <PageHeader page={Page::SupportCases}
                lead="Support cases opened for your customers, and where each one stands.">
                <button id="new-case" type="button" class="button button-primary"
                    onclick={props.on_new.reform(|_: MouseEvent| ())}>
                    { icons::plus() }{ "New case" }
                </button>
            </PageHeader>
            <div class="list-toolbar">
                <div class="segmented" id="cases-tabs" role="tablist" aria-label="Cases">
                    { for tabs }
                </div>
                <SearchBox id="case-search" label="Search cases"
                    placeholder="Search by case number, subject or customer"
                    value={q.search.clone()} on_input={on_search} />
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CaseDetailProps {
    id: SupportCaseId,
    on_back: Callback<()>,
}

#[component]
fn CaseDetailView(props: &CaseDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let detail = use_detail(props.id, reload, |id| {
        api::invoke(cmd::GetSupportCase { id })
    });
    let back = props.on_back.clone();
    let header =
        html! { <PageHeader page={Page::SupportCases} title="Support case" back={back.clone()} /> };
    let d: Rc<SupportCaseDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let c = &d.case;
    let badges =
        html! { <>{ case_badge(c.status, Some("case-status")) }{ priority_badge(c.priority) }</> };
    let customer = match &d.customer {
        Some(customer) => {
            let id = customer.id;
            let onclick = portal
                .open
                .reform(move |_: MouseEvent| Record::Customer(id));
            html! {
                <button id="case-customer-link" type="button" class="button button-link" {onclick}>
                    { customer.company_name.clone() }
                </button>
            }
        }
        None => text_or_dash(c.customer_name.as_deref().unwrap_or_default()),
    };
    html! {
        <>
            <PageHeader page={Page::SupportCases} title={AttrValue::from(if c.number.is_empty() {
                c.subject.clone()
            } else {
                format!("{} · {}", c.number, c.subject)
            })}
                {back} {badges} />
            <div class="split" id="case-detail" data-case-id={c.id.to_string()}>
                <div class="stack">
                    <Card title="Description">
                        <p class="prose selectable" id="case-description">{ d.description.clone() }</p>
                    </Card>
                </div>
                <div class="stack">
                    <Card title="Case">
                        <Fields>
                            <Field label="Number" name="number"><span class="selectable">{ case_number(&c.number) }</span></Field>
                            <Field label="Customer" name="customer">{ customer }</Field>
                            <Field label="Priority" name="priority">{ c.priority.label() }</Field>
                            <Field label="Status" name="status">{ c.status.label() }</Field>
                            <Field label="Opened" name="opened_on">{ format::date(c.opened_on) }</Field>
                            <Field label="Closed" name="closed_on">{ format::date_or_dash(c.closed_on) }</Field>
                        </Fields>
                    </Card>
                </div>
            </div>
        </>
    }
}
