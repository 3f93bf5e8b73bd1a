//! Quotes: the list (search as you type by number or prospect, status filter, sorting, "Show
//! more"), one quote, and the builder that drafts or edits one.

use super::{
    badges::{approval_badge, quote_badge},
    list::{use_paged_list, PAGE_SIZE},
    list_view::{
        add_first, filter_select, list_body, list_count, on_change, on_clear, on_sort, Empty,
    },
    page::use_view,
    pending_badge,
    quote_detail::QuoteDetailView,
    quote_form::QuoteEditor,
    quote_sheet::share_bp,
    waiting_badge, wire_name, QUOTING_ENTITIES,
};
use crate::{
    api,
    components::{icons, Column, ErrorBanner, ListFooter, PageHeader, SearchBox, SortTable},
    format,
    shell::{PortalContext, Record, SyncContext},
};
use portal_core::{
    ids::{CustomerId, DealId, ProductId, QuoteId},
    menu::Page,
    money::{format_signed_bp, Money},
    quote::{Approval, QuoteFor, QuoteStatus},
    quoting::{QuoteQuery, QuoteRow, QuoteSort},
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(QuoteId),
    Edit(QuoteId),
    /// A new quote, perhaps for a prospect (and deal) chosen elsewhere.
    New(Option<QuoteFor>, Option<DealId>),
    /// A customer's renewal: its product and seats on the first line.
    Renewal(CustomerId, ProductId, u32),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Quote(id)) => View::Detail(id),
        Some(Record::NewQuote(quote_for, deal)) => View::New(quote_for, deal),
        Some(Record::RenewalQuote(customer, product, seats)) => {
            View::Renewal(customer, product, seats)
        }
        _ => View::List,
    }
}

#[component]
pub fn QuotesPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let (view, show) = use_view(view_for);
    let query = use_state(|| QuoteQuery {
        // Opened from a Dashboard figure: that status's quotes, or the open pipeline's.
        status: match portal.route.record {
            Some(Record::QuotesIn(status)) => Some(status),
            _ => None,
        },
        in_pipeline: portal.route.record == Some(Record::QuotesInPipeline),
        limit: PAGE_SIZE,
        ..QuoteQuery::default()
    });
    match view {
        View::List => html! {
            <QuoteListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New(None, None))} />
        },
        View::Detail(id) => html! {
            <QuoteDetailView {id}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)}
                on_open={show.reform(View::Detail)}
                on_revised={show.reform(View::Edit)} />
        },
        View::Edit(id) => html! {
            <QuoteEditor id={Some(id)}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))} />
        },
        View::New(quote_for, deal) => {
            // Started from a deal or a prospect: Cancel goes back there.
            let on_cancel = match (deal, quote_for) {
                (Some(d), _) => portal.open.reform(move |()| Record::Deal(d)),
                (None, Some(QuoteFor::Prospect(p))) => {
                    portal.open.reform(move |()| Record::Prospect(p))
                }
                _ => show.reform(|()| View::List),
            };
            html! {
                <QuoteEditor id={None::<QuoteId>} {quote_for} {deal}
                    on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
        View::Renewal(customer, product, seats) => {
            // Started from the Renewals page: Cancel goes back there.
            let navigate = portal.navigate.clone();
            let on_cancel = Callback::from(move |()| navigate.emit(Page::Renewals));
            html! {
                <QuoteEditor id={None::<QuoteId>} quote_for={Some(QuoteFor::Customer(customer))}
                    first_line={Some((product, seats))}
                    on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
    }
}

// ---------- The list ----------

#[derive(Properties, PartialEq)]
struct QuoteListProps {
    query: QuoteQuery,
    on_query: Callback<QuoteQuery>,
    on_open: Callback<QuoteId>,
    on_new: Callback<()>,
}

/// The status filter's choice of the open pipeline (draft, sent and accepted quotes, as the
/// Dashboard counts them).
const PIPELINE: &str = "pipeline";

fn sort_key(sort: QuoteSort) -> &'static str {
    match sort {
        QuoteSort::Created => "created",
        QuoteSort::Number => "number",
        QuoteSort::ForName => "for_name",
        QuoteSort::Total => "total",
        QuoteSort::ValidUntil => "valid_until",
        QuoteSort::Status => "status",
    }
}

fn sort_from_key(key: &str) -> QuoteSort {
    match key {
        "number" => QuoteSort::Number,
        "for_name" => QuoteSort::ForName,
        "total" => QuoteSort::Total,
        "valid_until" => QuoteSort::ValidUntil,
        "status" => QuoteSort::Status,
        _ => QuoteSort::Created,
    }
}

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
        <tr key={id.to_string()} data-quote-id={id.to_string()} data-status={wire_name(r.status)}
            data-approval={wire_name(r.approval)}
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
                <span class="cell-sub">{ format!("{} · cost {}", format_signed_bp(share_bp(margin, r.total)), r.cost_total) }</span>
            </td>
            <td class="cell-nowrap">{ format::date(r.valid_until) }</td>
            <td>{ status_cell(r) }</td>
        </tr>
    }
}

#[component]
fn QuoteListView(props: &QuoteListProps) -> Html {
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(&QUOTING_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |q: QuoteQuery| async move {
        api::quotes(&q).await
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut QuoteQuery, v| q.search = v);
    let on_status = on_change(q, &props.on_query, |q: &mut QuoteQuery, v: String| {
        q.in_pipeline = v == PIPELINE;
        q.status = QuoteStatus::ALL.into_iter().find(|s| wire_name(*s) == v);
        // Superseded revisions are listed only when asked for.
        q.include_superseded = q.status == Some(QuoteStatus::Superseded);
    });
    let on_sort = on_sort(q, &props.on_query, sort_from_key);
    let filtered = !q.search.trim().is_empty() || q.status.is_some() || q.in_pipeline;
    let new = props.on_new.reform(|_: MouseEvent| ());
    let state = &list.state;
    let columns = vec![
        Column::sortable("number", "Quote"),
        Column::sortable("for_name", "For"),
        Column::sortable("total", "Total").numeric(),
        Column {
            sortable: false,
            ..Column::sortable("margin", "Margin").numeric()
        },
        Column::sortable("valid_until", "Valid until"),
        Column::sortable("status", "Status"),
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
                    sort={sort_key(q.sort)} descending={q.descending} {on_sort} busy={state.loading}>
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
                            .chain(QuoteStatus::ALL.map(|s| (wire_name(s), s.label().to_owned()))),
                        if q.in_pipeline { Some(PIPELINE.to_owned()) } else { q.status.map(wire_name) },
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
