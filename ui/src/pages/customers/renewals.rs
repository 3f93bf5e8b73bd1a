//! Renewals: the subscriptions due to renew in a window (30, 60, 90 days, 12 months or all
//! upcoming) or in one month, by owner and product, sorted by any column, with their total value;
//! exported as CSV, and each one quoted in the quote builder with its product and seats filled in.

use crate::{
    api,
    components::{
        icons,
        list::{filter_select, list_body, Empty},
        status_banner, Column, ErrorBanner, ListFooter, PageHeader, SortTable,
    },
    context::{Record, CUSTOMER_ENTITIES},
    format,
    hooks::{
        list::{on_change, on_sort},
        use_fetch, use_paged_list, use_portal, use_sync_state, Fetch, PAGE_SIZE,
    },
};
use chrono::NaiveDate;
use portal_core::{
    customers::{RenewalQuery, RenewalRow, RenewalSort, RenewalWindow},
    menu::Page,
    shell::commands as cmd,
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// "December 2026".
fn month_name(month: NaiveDate) -> String {
    month.format("%B %Y").to_string()
}

fn renewal_row(r: &RenewalRow, open: &Callback<Record>) -> Html {
    let (customer, product, seats) = (r.customer_id, r.product_id, r.seats);
    let quote = open.reform(move |_: MouseEvent| Record::RenewalQuote(customer, product, seats));
    let to_customer = open.reform(move |_: MouseEvent| Record::Customer(customer));
    // A short label keeps a row on one line; the full one is the button's name and tooltip.
    let quote_label = format!(
        "Start a renewal quote: {} for {}",
        r.product, r.customer_name
    );
    html! {
        <tr key={r.id.to_string()} data-renewal-id={r.id.to_string()} data-due-on={r.due_on.to_string()}>
            <td>
                <button type="button" class="button button-link cell-strong" onclick={to_customer}>
                    { r.customer_name.clone() }
                </button>
            </td>
            <td class="cell-nowrap">{ r.product.clone() }</td>
            <td class="cell-numeric">{ format::count(r.seats) }</td>
            <td class="cell-nowrap">{ format::date(r.due_on) }</td>
            <td class="cell-numeric cell-nowrap cell-strong">{ r.value.to_string() }</td>
            <td class="cell-nowrap">{ if r.owner_name.is_empty() { "—".to_owned() } else { r.owner_name.clone() } }</td>
            <td class="cell-actions">
                <button type="button" class="button button-small start-renewal-quote" onclick={quote}
                    title={quote_label.clone()} aria-label={quote_label}>
                    { icons::plus() }{ "Quote" }
                </button>
            </td>
        </tr>
    }
}

#[component]
pub fn RenewalsPage() -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let query = use_state(|| RenewalQuery {
        // Opened from a Dashboard figure: its window's renewals, or its month's.
        window: match portal.route.record {
            Some(Record::RenewalsIn(window)) => window,
            _ => RenewalWindow::default(),
        },
        due_in_month: match portal.route.record {
            Some(Record::RenewalsDueIn(month)) => Some(month),
            _ => None,
        },
        limit: PAGE_SIZE,
        ..RenewalQuery::default()
    });
    let q = (*query).clone();
    let on_query = {
        let query = query.clone();
        Callback::from(move |next| query.set(next))
    };
    let list = use_paged_list(q.clone(), reload, |query: RenewalQuery| {
        api::invoke(cmd::ListRenewals { query })
    });
    // The total value and the filters' choices: the same query, one row of it.
    let (summary, _) = use_fetch(
        (
            RenewalQuery {
                offset: 0,
                limit: 1,
                ..q.clone()
            },
            reload,
        ),
        |(query, _)| api::invoke(cmd::ListRenewals { query }),
    );
    let exporting = use_state(|| false);
    let exported = use_state(|| None::<Result<String, ApiError>>);

    // A window and a month are two ways to say when renewals are due: choosing a window
    // replaces the month.
    let on_window = |w: RenewalWindow| {
        on_change(&q, &on_query, move |q: &mut RenewalQuery, ()| {
            q.window = w;
            q.due_in_month = None;
        })
    };
    let clear_month = on_change(&q, &on_query, |q: &mut RenewalQuery, ()| {
        q.due_in_month = None;
    })
    .reform(|_: MouseEvent| ());
    let on_sort = on_sort(&q, &on_query);
    let on_owner = on_change(&q, &on_query, |q: &mut RenewalQuery, v: String| {
        q.owner_id = v.parse().ok();
    });
    let on_product = on_change(&q, &on_query, |q: &mut RenewalQuery, v: String| {
        q.product_id = v.parse().ok();
    });
    let export = {
        let (exporting, exported, q) = (exporting.clone(), exported.clone(), q.clone());
        Callback::from(move |_: MouseEvent| {
            if *exporting {
                return;
            }
            exporting.set(true);
            exported.set(None);
            let (exporting, exported, q) = (exporting.clone(), exported.clone(), q.clone());
            spawn_local(async move {
                let answer = api::invoke(cmd::ExportRenewalsCsv {
                    query: q,
                    path: None,
                })
                .await;
                exporting.set(false);
                match answer {
                    Ok(Some(path)) => exported.set(Some(Ok(path))),
                    Ok(None) => {}
                    Err(e) => exported.set(Some(Err(e))),
                }
            });
        })
    };

    let state = &list.state;
    let (owners, products, total_value) = match &summary {
        Fetch::Ready(s) => (
            s.owners
                .iter()
                .map(|o| (o.id.to_string(), o.name.clone()))
                .collect::<Vec<_>>(),
            s.products
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>(),
            Some(
                s.total_value
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
        ),
        _ => (Vec::new(), Vec::new(), None),
    };
    let windows = RenewalWindow::ALL.map(|w| {
        let pressed = q.window == w && q.due_in_month.is_none();
        let onclick = on_window(w).reform(|_: MouseEvent| ());
        html! {
            <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                data-window={w.as_str()} aria-pressed={pressed.to_string()} {onclick}>
                { w.label() }
            </button>
        }
    });
    let columns = vec![
        Column::sortable(RenewalSort::Customer, "Customer"),
        Column::sortable(RenewalSort::Product, "Product"),
        Column::sortable(RenewalSort::Seats, "Seats").numeric(),
        Column::sortable(RenewalSort::DueOn, "Renewal date"),
        Column::sortable(RenewalSort::Value, "Value").numeric(),
        Column::sortable(RenewalSort::Owner, "Owner"),
        Column::fixed(""),
    ];
    // The window (or month) is always chosen: an empty list is never "filtered" away.
    let empty = Empty {
        id: "renewals-empty",
        filtered: false,
        no_match: AttrValue::default(),
        clear_label: "",
        on_clear: Callback::noop(),
        none_yet: AttrValue::from(match q.due_in_month {
            Some(month) => format!("No renewals are due in {}.", month_name(month)),
            None => "No renewals are due in this window.".to_owned(),
        }),
        action: html! {},
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="renewals-table" caption="Renewals" {columns}
                    sort={q.sort.as_str()} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|r| renewal_row(r, &portal.open)) }
                </SortTable>
                <ListFooter id="renewals-more" shown={state.rows.len()} total={state.total}
                    one="renewal" many="renewals" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Renewals}
                lead="Subscriptions coming up for renewal: quote them in time.">
                <button id="export-renewals" type="button" class="button" disabled={*exporting}
                    aria-busy={exporting.to_string()} onclick={export}>
                    if *exporting {
                        <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Exporting…" }
                    } else {
                        { icons::download() }{ "Export CSV" }
                    }
                </button>
            </PageHeader>
            { match &*exported {
                Some(Ok(path)) => status_banner("banner-success", "renewals-exported", icons::check_circle(),
                    html! { <>{ "Saved as " }<span class="selectable">{ path.clone() }</span></> }),
                Some(Err(e)) => html! { <ErrorBanner error={e.clone()} /> },
                None => html! {},
            } }
            <div class="list-toolbar">
                <div class="segmented" id="renewal-window" role="group" aria-label="Due">
                    { for windows }
                </div>
                if let Some(month) = q.due_in_month {
                    <button type="button" class="filter-chip" id="renewal-month-filter"
                        data-month={month.to_string()} onclick={clear_month}
                        title="Remove this filter: all upcoming renewals"
                        aria-label={format!("Due in {}: remove this filter", month_name(month))}>
                        { format!("Due in {}", month_name(month)) }
                        <span class="filter-chip-remove" aria-hidden="true">{ "×" }</span>
                    </button>
                }
                <div class="list-filters">
                    { filter_select("renewal-owner-filter", "Owner", "All owners", owners,
                        q.owner_id.map(|o| o.to_string()), &on_owner) }
                    { filter_select("renewal-product-filter", "Product", "All products", products,
                        q.product_id.map(|p| p.to_string()), &on_product) }
                </div>
                if state.loaded {
                    // The count and what the renewals are worth, read together.
                    <span class="list-count" id="renewals-total" aria-live="polite">
                        <span id="renewals-count">{ format::plural(state.total, "renewal", "renewals") }</span>
                        if let Some(total) = total_value.filter(|_| !state.rows.is_empty()) {
                            { " · " }<strong id="renewals-total-value" title="Total value">{ total }</strong>
                            { " total value" }
                        }
                    </span>
                }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
