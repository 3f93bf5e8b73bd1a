//! Invoices: the vendor's invoices to the firm, found by type (customer or consolidated), issue
//! dates, number and customer, newest first or sorted by a column; and one invoice.

use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons,
        list::{list_body, list_count, Empty},
        ready,
        record_badges::invoice_badge,
        Card, Column, ErrorBanner, Field, Fields, ListFooter, PageHeader, SearchBox, SortTable,
    },
    context::{Record, CUSTOMER_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_clear, on_sort},
        use_detail, use_paged_list, use_portal, use_sync_state, use_view, PAGE_SIZE,
    },
};
use chrono::NaiveDate;
use portal_core::{
    customers::{InvoiceDetail, InvoiceKind, InvoiceQuery, InvoiceRow, InvoiceSort},
    ids::InvoiceId,
    menu::Page,
    shell::commands as cmd,
};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(InvoiceId),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Invoice(id)) => View::Detail(id),
        _ => View::List,
    }
}

#[component]
pub fn InvoicesPage() -> Html {
    let (view, show) = use_view(view_for);
    let query = use_state(|| InvoiceQuery {
        limit: PAGE_SIZE,
        ..InvoiceQuery::default()
    });
    match view {
        View::List => html! {
            <InvoiceListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)} />
        },
        View::Detail(id) => html! {
            <InvoiceDetailView {id} on_back={show.reform(|()| View::List)} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct InvoiceListProps {
    query: InvoiceQuery,
    on_query: Callback<InvoiceQuery>,
    on_open: Callback<InvoiceId>,
}

fn invoice_row(i: &InvoiceRow, on_open: &Callback<InvoiceId>) -> Html {
    let id = i.id;
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-invoice-id={id.to_string()} data-kind={i.kind.as_str()}
            class="row-link" {onclick}>
            <td class="cell-nowrap"><button type="button" class="row-open cell-strong">{ i.number.clone() }</button></td>
            <td>{ i.kind.label() }</td>
            <td>{ i.customer_name.clone().unwrap_or_else(|| "All customers".to_owned()) }</td>
            <td class="cell-nowrap">{ format::date(i.issued_on) }</td>
            <td class="cell-nowrap">{ format::date(i.due_on) }</td>
            <td class="cell-numeric cell-nowrap cell-strong">{ i.total.to_string() }</td>
            <td>{ invoice_badge(i.status, None) }</td>
        </tr>
    }
}

/// A date filter of the toolbar: a labelled date input (empty: no bound). An empty date input
/// shows a date anyway (WebKit shows today's, greyed), which reads as a filter that is set: while
/// no date is set and the input is not being typed in, "Any date" shows instead.
fn date_filter(
    id: &'static str,
    label: &'static str,
    value: Option<NaiveDate>,
    on_change: &Callback<Option<NaiveDate>>,
) -> Html {
    let onchange = on_change.reform(|e: Event| {
        let text = e.target_unchecked_into::<HtmlInputElement>().value();
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
    });
    html! {
        <label class="filter">
            <span class="filter-label">{ label }</span>
            <span class="date-filter" data-empty={value.is_none().to_string()}>
                <input type="date" {id} class="filter-date" {onchange}
                    value={value.map(|d| d.to_string()).unwrap_or_default()} />
                if value.is_none() {
                    <span class="date-filter-placeholder" aria-hidden="true">{ "Any date" }</span>
                }
            </span>
        </label>
    }
}

#[component]
fn InvoiceListView(props: &InvoiceListProps) -> Html {
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |query: InvoiceQuery| {
        api::invoke(cmd::ListInvoices { query })
    });
    let q = &props.query;
    let on_number = on_change(q, &props.on_query, |q: &mut InvoiceQuery, v| q.number = v);
    let on_customer = on_change(q, &props.on_query, |q: &mut InvoiceQuery, v| q.customer = v);
    let on_from = on_change(q, &props.on_query, |q: &mut InvoiceQuery, v| {
        q.issued_from = v
    });
    let on_to = on_change(q, &props.on_query, |q: &mut InvoiceQuery, v| {
        q.issued_to = v
    });
    let on_sort = on_sort(q, &props.on_query);
    // The issue date's own order is newest first: its arrow points down until turned round.
    let shown_descending = q.descending != (q.sort == InvoiceSort::Issued);
    let filtered = q.kind.is_some()
        || q.issued_from.is_some()
        || q.issued_to.is_some()
        || !q.number.trim().is_empty()
        || !q.customer.trim().is_empty();
    let kinds = [
        (None, "All"),
        (Some(InvoiceKind::Customer), "Customer"),
        (Some(InvoiceKind::Consolidated), "Consolidated"),
    ]
    .map(|(kind, label)| {
        let pressed = q.kind == kind;
        let onclick = on_change(q, &props.on_query, move |q: &mut InvoiceQuery, ()| {
            q.kind = kind
        })
        .reform(|_: MouseEvent| ());
        html! {
            <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                data-kind={kind.map_or("all", InvoiceKind::as_str)}
                aria-pressed={pressed.to_string()} {onclick}>
                { label }
            </button>
        }
    });
    let state = &list.state;
    let columns = vec![
        Column::sortable(InvoiceSort::Number, "Invoice"),
        Column::fixed("Type"),
        Column::sortable(InvoiceSort::Customer, "Customer"),
        Column::sortable(InvoiceSort::Issued, "Issued"),
        Column::sortable(InvoiceSort::Due, "Due"),
        Column::sortable(InvoiceSort::Total, "Total").numeric(),
        Column::sortable(InvoiceSort::Status, "Status"),
    ];
    let on_clear = on_clear(q, &props.on_query);
    let empty = Empty {
        id: "invoices-empty",
        filtered,
        no_match: AttrValue::Static("No invoices match your search."),
        clear_label: "Clear search and filters",
        on_clear: on_clear.clone(),
        none_yet: AttrValue::Static("No invoices yet."),
        action: html! {},
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="invoices-table" caption="Invoices" {columns}
                    sort={q.sort.as_str()} descending={shown_descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|i| invoice_row(i, &props.on_open)) }
                </SortTable>
                <ListFooter id="invoices-more" shown={state.rows.len()} total={state.total}
                    one="invoice" many="invoices" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });
    html! {
        <>
            <PageHeader page={Page::Invoices}
                lead="The vendor's invoices to your firm: per customer, and consolidated each month." />
            <div class="list-toolbar">
                <SearchBox id="invoice-number-search" label="Invoice number"
                    placeholder="Invoice number" value={q.number.clone()} on_input={on_number} />
                <SearchBox id="invoice-customer-search" label="Customer"
                    placeholder="Customer" value={q.customer.clone()} on_input={on_customer} />
                { list_count(state, "invoices-count", "invoice", "invoices") }
            </div>
            <div class="list-toolbar">
                <div class="segmented" id="invoice-kind" role="group" aria-label="Type">
                    { for kinds }
                </div>
                <div class="list-filters">
                    { date_filter("invoice-issued-from", "Issued from", q.issued_from, &on_from) }
                    { date_filter("invoice-issued-to", "to", q.issued_to, &on_to) }
                </div>
                if filtered {
                    <button type="button" class="button button-small"
                        id="invoice-clear-filters" onclick={on_clear.clone()}>
                        { icons::close() }{ "Clear filters" }
                    </button>
                }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct InvoiceDetailProps {
    id: InvoiceId,
    on_back: Callback<()>,
}

#[component]
fn InvoiceDetailView(props: &InvoiceDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let detail = use_detail(props.id, reload, |id| api::invoke(cmd::GetInvoice { id }));
    let back = props.on_back.clone();
    let header = html! { <PageHeader page={Page::Invoices} title="Invoice" back={back.clone()} /> };
    let d: Rc<InvoiceDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let i = &d.invoice;
    let badges = invoice_badge(i.status, Some("invoice-status"));
    let lead = format!(
        "{} invoice · issued {}",
        i.kind.label(),
        format::date(i.issued_on)
    );
    let customer = match &d.customer {
        Some(c) => {
            let id = c.id;
            let onclick = portal
                .open
                .reform(move |_: MouseEvent| Record::Customer(id));
            html! {
                <Card title="Billed for">
                    <Fields>
                        <Field label="Customer" name="customer">
                            <button id="invoice-customer-link" type="button" class="button button-link" {onclick}>
                                { c.company_name.clone() }
                            </button>
                        </Field>
                        <Field label="Contact" name="contact">{ text_or_dash(&c.contact_name) }</Field>
                        <Field label="Address" name="address">{ address_lines(c.address.lines()) }</Field>
                    </Fields>
                </Card>
            }
        }
        None => html! {
            <Card title="Billed for">
                <p class="card-note" id="invoice-consolidated-note">
                    { "A consolidated invoice: the month's subscriptions of all your customers." }
                </p>
            </Card>
        },
    };
    html! {
        <>
            <PageHeader page={Page::Invoices} title={AttrValue::from(i.number.clone())} {back}
                {badges} lead={AttrValue::from(lead)} />
            // Two even cards side by side: what the invoice is for and what it amounts to, and
            // whom it bills. The record has no lines, so the total heads the invoice's facts.
            <div class="split split-even" id="invoice-detail" data-invoice-id={i.id.to_string()}>
                <Card title="Invoice">
                    <dl class="totals-customer invoice-total">
                        <div class="totals-row totals-row-grand" data-figure="total">
                            <dt>{ "Total" }</dt>
                            <dd><span class="totals-grand">{ i.total.to_string() }</span></dd>
                        </div>
                    </dl>
                    <Fields>
                            <Field label="Number" name="number"><span class="selectable">{ i.number.clone() }</span></Field>
                            <Field label="Type" name="kind">{ i.kind.label() }</Field>
                            <Field label="Issued" name="issued_on">{ format::date(i.issued_on) }</Field>
                            <Field label="Due" name="due_on">{ format::date(i.due_on) }</Field>
                            <Field label="Status" name="status">{ i.status.label() }</Field>
                    </Fields>
                </Card>
                { customer }
            </div>
        </>
    }
}
