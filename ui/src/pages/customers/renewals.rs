//! Renewals: the subscriptions due to renew in a window (30, 60, 90 days, 12 months or all
//! upcoming), by owner and product, with their total value; exported as CSV, and each one quoted
//! in the quote builder with its product and seats filled in.

use super::CUSTOMER_ENTITIES;
use crate::{
    api,
    components::{icons, status_banner, ErrorBanner, ListFooter, PageHeader, Table},
    format,
    pages::sales::{
        list::{use_paged_list, PAGE_SIZE},
        list_view::{filter_select, list_count, on_change},
        loading, use_fetch, Fetch,
    },
    shell::{PortalContext, Record, SyncContext},
};
use portal_core::{
    accounts::{RenewalQuery, RenewalRow, RenewalWindow},
    menu::Page,
    ApiError,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

fn renewal_row(r: &RenewalRow, open: &Callback<Record>) -> Html {
    let (customer, product, seats) = (r.customer_id, r.product_id, r.seats);
    let quote = open.reform(move |_: MouseEvent| Record::RenewalQuote(customer, product, seats));
    let to_customer = open.reform(move |_: MouseEvent| Record::Customer(customer));
    html! {
        <tr key={r.id.to_string()} data-renewal-id={r.id.to_string()} data-due-on={r.due_on.to_string()}>
            <td>
                <button type="button" class="button button-link cell-strong" onclick={to_customer}>
                    { r.customer_name.clone() }
                </button>
            </td>
            <td>{ r.product.clone() }</td>
            <td class="cell-numeric">{ format::count(r.seats) }</td>
            <td class="cell-nowrap">{ format::date(r.due_on) }</td>
            <td class="cell-numeric cell-nowrap cell-strong">{ r.value.to_string() }</td>
            <td class="cell-nowrap">{ if r.owner_name.is_empty() { "—".to_owned() } else { r.owner_name.clone() } }</td>
            <td class="cell-actions">
                <button type="button" class="button button-small start-renewal-quote" onclick={quote}>
                    { icons::plus() }{ "Start renewal quote" }
                </button>
            </td>
        </tr>
    }
}

#[component]
pub fn RenewalsPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let query = use_state(|| RenewalQuery {
        limit: PAGE_SIZE,
        ..RenewalQuery::default()
    });
    let q = (*query).clone();
    let on_query = {
        let query = query.clone();
        Callback::from(move |next| query.set(next))
    };
    let list = use_paged_list(q.clone(), reload, |q: RenewalQuery| async move {
        api::renewals(&q).await
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
        |(q, _)| async move { api::renewals(&q).await },
    );
    let exporting = use_state(|| false);
    let exported = use_state(|| None::<Result<String, ApiError>>);

    let on_window =
        |w: RenewalWindow| on_change(&q, &on_query, move |q: &mut RenewalQuery, ()| q.window = w);
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
                let answer = api::renewals_csv(&q, None).await;
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
        let pressed = q.window == w;
        let onclick = on_window(w).reform(|_: MouseEvent| ());
        html! {
            <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                data-window={w.slug()} aria-pressed={pressed.to_string()} {onclick}>
                { w.label() }
            </button>
        }
    });
    let headers = [
        "Customer",
        "Product",
        "Seats",
        "Renewal date",
        "Value",
        "Owner",
        "",
    ]
    .map(AttrValue::from)
    .to_vec();
    let body = if !state.loaded && state.error.is_none() {
        loading()
    } else if state.loaded && state.rows.is_empty() {
        html! {
            <div class="empty" id="renewals-empty">
                <p>{ "No renewals are due in this window." }</p>
            </div>
        }
    } else if state.loaded {
        html! {
            <>
                <Table id="renewals-table" caption="Renewals" {headers}>
                    { for state.rows.iter().map(|r| renewal_row(r, &portal.open)) }
                </Table>
                <ListFooter id="renewals-more" shown={state.rows.len()} total={state.total}
                    one="renewal" many="renewals" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    } else {
        html! {}
    };

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
                <div class="list-filters">
                    { filter_select("renewal-owner-filter", "Owner", "All owners", owners,
                        q.owner_id.map(|o| o.to_string()), &on_owner) }
                    { filter_select("renewal-product-filter", "Product", "All products", products,
                        q.product_id.map(|p| p.to_string()), &on_product) }
                </div>
                { list_count(state, "renewals-count", "renewal", "renewals") }
            </div>
            if let Some(total) = total_value.filter(|_| state.loaded && !state.rows.is_empty()) {
                <p class="list-summary" id="renewals-total">
                    { "Total value " }<strong id="renewals-total-value">{ total }</strong>
                </p>
            }
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}
