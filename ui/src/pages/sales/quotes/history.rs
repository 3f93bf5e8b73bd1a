//! Around one quote: its revisions (newest first, this one marked) and the order placed from it.

use crate::{
    components::{
        record_badges::{approval_badge, order_badge, pending_badge, quote_badge, waiting_badge},
        Card,
    },
    format,
};
use portal_core::{
    ids::{OrderId, QuoteId},
    quote::Approval,
    quoting::{OrderRow, QuoteRow},
};
use yew::prelude::*;

/// The revisions card (`#quote-revisions`), when there is more than this one.
pub fn revisions_card(
    revisions: &[QuoteRow],
    current: QuoteId,
    on_open: &Callback<QuoteId>,
) -> Option<Html> {
    if revisions.len() <= 1 {
        return None;
    }
    let rows = revisions.iter().map(|r| {
        let id = r.id;
        let this = id == current;
        let onclick = on_open.reform(move |_: MouseEvent| id);
        html! {
            <tr key={id.to_string()} data-quote-id={id.to_string()} data-status={r.status.as_str()}
                class={classes!((!this).then_some("row-link"), this.then_some("row-current"))}
                aria-current={this.then_some("page")}
                onclick={(!this).then_some(onclick)}>
                <td class="cell-nowrap">
                    if this {
                        <span class="cell-strong">{ format!("Revision {}", r.revision) }</span>
                        <span class="cell-sub">{ "This revision" }</span>
                    } else {
                        <button type="button" class="row-open cell-strong">{ format!("Revision {}", r.revision) }</button>
                        <span class="cell-sub">{ format!("Created {}", format::date(r.created_on)) }</span>
                    }
                </td>
                <td class="cell-numeric cell-nowrap">{ r.total.to_string() }</td>
                <td>
                    <span class="badge-stack">
                        { quote_badge(r.status, None) }
                        if r.approval == Approval::Pending || r.approval == Approval::Rejected {
                            { approval_badge(r.approval, None) }
                        }
                    </span>
                </td>
            </tr>
        }
    });
    Some(html! {
        <Card title="Revisions" class={classes!("quote-revisions-card")}>
            <div class="table-wrap table-wrap-flat">
                <table class="table table-compact table-interactive" id="quote-revisions">
                    <caption class="visually-hidden">{ "Revisions of this quote" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Revision" }</th>
                            <th scope="col" class="cell-numeric">{ "Total" }</th>
                            <th scope="col">{ "Status" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </Card>
    })
}

/// The order placed from the quote (`#quote-order`): its reference, status and values; a link to
/// it when the user may open orders.
pub fn order_summary(order: &OrderRow, on_open: Option<Callback<OrderId>>) -> Html {
    let id = order.id;
    let reference = match on_open {
        Some(open) => {
            let onclick = open.reform(move |_: MouseEvent| id);
            html! {
                <button type="button" id="quote-order-link" class="button button-link" {onclick}>
                    { order.reference.clone() }
                </button>
            }
        }
        None => html! { <span class="cell-strong">{ order.reference.clone() }</span> },
    };
    html! {
        <div id="quote-order" class="order-summary" data-order-id={id.to_string()}
            data-status={order.status.as_str()}>
            <div class="order-summary-head">
                { reference }
                <span class="badge-stack">
                    { order_badge(order.status, Some("quote-order-status")) }
                    if order.waiting_for_server { { waiting_badge() } }
                    if order.pending && !order.waiting_for_server { { pending_badge() } }
                </span>
            </div>
            <p class="muted small">
                { match order.submitted_on {
                    Some(on) => format!("{} · submitted {}", order.company_name, format::date(on)),
                    None => format!("{} · started {}", order.company_name, format::date(order.created_on)),
                } }
            </p>
            if let Some(reason) = order.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
                <p class="status-reason">{ reason.clone() }</p>
            }
        </div>
    }
}
