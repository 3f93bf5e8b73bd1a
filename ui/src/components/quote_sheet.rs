//! A quote's figures as the Sales and Customers pages show them: the lines table, and the totals block with the
//! customer's total and savings beside the partner's internal view (value at RRP, cost, margin).

use super::icons;
use crate::format;
use portal_core::{
    money::format_signed_bp,
    pricing::{PricedQuote, QuoteLine, QuoteTotals},
};
use yew::prelude::*;

/// The quote's lines (`#{id}`): product, mailboxes, term, discount, unit price and line total.
/// Without `priced` (a product the cached price book no longer has) the figures are left out.
pub fn lines_table(id: &'static str, lines: &[QuoteLine], priced: Option<&PricedQuote>) -> Html {
    let rows = lines.iter().enumerate().map(|(i, l)| {
        let p = priced.and_then(|p| p.lines.get(i));
        let over_cap = p.is_some_and(|p| p.needs_approval);
        html! {
            <tr key={i} data-line={i.to_string()} data-needs-approval={over_cap.then_some("true")}>
                <td>
                    if let Some(p) = p {
                        <span class="cell-strong">{ p.name.clone() }</span>
                        <span class="cell-sub">{ format!("{} · RRP {} per mailbox/month", p.sku, p.list_unit) }</span>
                    } else {
                        <span class="muted">{ "A product no longer in the price book" }</span>
                    }
                </td>
                <td class="cell-numeric">{ format::count(l.quantity) }</td>
                <td class="cell-nowrap">{ format::term(l.term_months) }</td>
                <td class="cell-numeric cell-nowrap">
                    { l.discount.to_string() }
                    if let Some(p) = p.filter(|p| p.needs_approval) {
                        <span class="cell-sub cell-warning" title="Above the product's discount cap: needs the vendor's approval">
                            { format!("above its {} cap", p.discount_cap) }
                        </span>
                    }
                </td>
                <td class="cell-numeric cell-nowrap">
                    { p.map(|p| p.unit_monthly.to_string()).unwrap_or_else(|| "—".to_owned()) }
                </td>
                <td class="cell-numeric cell-nowrap cell-strong">
                    { p.map(|p| p.total.to_string()).unwrap_or_else(|| "—".to_owned()) }
                </td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap table-wrap-flat">
            <table class="table quote-lines-table" {id}>
                <caption class="visually-hidden">{ "The quote's lines" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Product" }</th>
                        <th scope="col" class="cell-numeric">{ "Mailboxes" }</th>
                        <th scope="col">{ "Term" }</th>
                        <th scope="col" class="cell-numeric">{ "Discount" }</th>
                        <th scope="col" class="cell-numeric">
                            { "Unit price" }<span class="th-sub">{ "per mailbox/month" }</span>
                        </th>
                        <th scope="col" class="cell-numeric">{ "Line total" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// One figure of the totals block: `data-figure` names it for tests.
fn figure(name: &'static str, label: &str, value: Html, class: Option<&'static str>) -> Html {
    html! {
        <div class={classes!("totals-row", class)} data-figure={name}>
            <dt>{ label.to_owned() }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TotalsBlockProps {
    /// The block's id.
    pub id: AttrValue,
    pub totals: QuoteTotals,
    /// The figures are of the lines priced so far, not yet of the whole quote.
    #[prop_or_default]
    pub partial: bool,
}

/// What the customer pays and saves, then — set apart, as the partner's own — value at RRP, cost,
/// margin and margin %.
#[component]
pub fn TotalsBlock(props: &TotalsBlockProps) -> Html {
    let t = &props.totals;
    let savings = t.savings();
    let negative = t.margin.minor < 0;
    let margin_class = negative.then_some("figure-negative");
    html! {
        <div class="totals" id={props.id.clone()} aria-live="polite">
            <dl class="totals-customer">
                { figure("total", "Customer total", html! { <span class="totals-grand">{ t.total.to_string() }</span> }, Some("totals-row-grand")) }
                { figure("savings", "Savings vs RRP", html! {
                    <>
                        { savings.to_string() }
                        if savings.minor > 0 {
                            <span class="totals-share">{ format::share(savings, t.rrp_total) }</span>
                        }
                    </>
                }, None) }
            </dl>
            <section class="totals-internal" aria-label="Internal figures">
                <p class="totals-internal-title">
                    { icons::shield() }{ "Internal" }
                    <span class="totals-internal-note">{ "Not shown to the customer" }</span>
                </p>
                <dl>
                    { figure("rrp_total", "Value at RRP", html! { { t.rrp_total.to_string() } }, None) }
                    { figure("cost_total", "Your cost", html! { { t.cost_total.to_string() } }, None) }
                    { figure("margin", "Margin", html! { { t.margin.to_string() } }, margin_class) }
                    { figure("margin_bp", "Margin %", html! { { format_signed_bp(t.margin_bp) } }, margin_class) }
                </dl>
            </section>
            if props.partial {
                <p class="totals-note muted small">{ "Lines still being filled in are not counted yet." }</p>
            }
        </div>
    }
}
