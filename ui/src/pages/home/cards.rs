//! The Dashboard's cards: renewals due (by window and by month), the open pipeline, deal
//! registrations and orders by status, and the latest news; each figure opens its list.

use super::amounts::{compact, whole};
use crate::{
    components::{
        chart::{Bar, BarChart},
        Card,
    },
    context::Record,
    format,
};
use chrono::{Datelike, NaiveDate};
use portal_core::words::{month_long, month_short};
use portal_core::{
    customers::RenewalWindow,
    dashboard::{CustomerFigures, Figures},
    menu::Page,
    money::Money,
    order::OrderStatus,
    quote::QuoteStatus,
};
use yew::prelude::*;

pub fn renewals_card(c: &CustomerFigures, f: &Figures, open: &Callback<Record>) -> Html {
    let symbol = f.currency.symbol();
    let bars: Vec<Bar> = c
        .renewals_by_month
        .iter()
        .enumerate()
        .map(|(i, m)| Bar {
            label: month_short(m.month.month0()).into(),
            // The year under the first month and under each January.
            group: (i == 0 || m.month.month0() == 0).then(|| m.month.year().to_string().into()),
            value: m.value.minor,
            title: format!(
                "{} {}: {}, {}",
                month_long(m.month.month0()),
                m.month.year(),
                whole(m.value),
                format::plural(m.count.into(), "renewal", "renewals")
            )
            .into(),
        })
        .collect();
    let total = Money::new(
        c.renewals_by_month.iter().map(|m| m.value.minor).sum(),
        f.currency,
    );
    let due: u32 = c.renewals_by_month.iter().map(|m| m.count).sum();
    let axis = {
        let symbol = symbol.to_owned();
        Callback::from(move |v: i64| compact(v, &symbol))
    };
    // A month's bar opens the renewals still due in that month.
    let to_month = {
        let months: Vec<NaiveDate> = c.renewals_by_month.iter().map(|m| m.month).collect();
        let open = open.clone();
        Callback::from(move |i: usize| {
            if let Some(month) = months.get(i) {
                open.emit(Record::RenewalsDueIn(*month));
            }
        })
    };
    html! {
        <section class="card dashboard-renewals" id="dashboard-renewals">
            <div class="card-head">
                <h2 class="card-title">{ "Renewals due" }</h2>
                <span class="card-aside">{ format!("{} in the next 12 months · {}", whole(total),
                    format::plural(due.into(), "renewal", "renewals")) }</span>
            </div>
            <div class="renewal-windows">
                { for c.renewals_due.iter().map(|r| {
                    // The Renewals page's window of as many days (all upcoming, were there none).
                    let window = RenewalWindow::ALL
                        .into_iter()
                        .find(|w| w.days() == Some(r.within_days))
                        .unwrap_or_default();
                    html! {
                    <button type="button" class="renewal-window"
                        id={format!("renewals-{}", r.within_days)}
                        data-count={r.count.to_string()} data-value-minor={r.value.minor.to_string()}
                        title={format!("Open the renewals due in the next {} days", r.within_days)}
                        onclick={open.reform(move |_: MouseEvent| Record::RenewalsIn(window))}>
                        <span class="figure-label">{ format!("Next {} days", r.within_days) }</span>
                        <span class="figure-value">{ whole(r.value) }</span>
                        <span class="figure-detail">{ if r.count == 0 {
                            "No renewals due".to_owned()
                        } else {
                            format::plural(r.count.into(), "renewal", "renewals")
                        } }</span>
                    </button>
                    }
                }) }
            </div>
            <h3 class="chart-title">{ "Renewal value by month" }</h3>
            if due == 0 {
                <p class="empty empty-compact">{ "No renewals fall due in the next 12 months." }</p>
            } else {
                <BarChart bars={bars} label="Renewal value by month, next 12 months" {axis}
                    on_bar={to_month} />
            }
        </section>
    }
}

pub fn pipeline_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
    let p = &f.pipeline;
    let max = p
        .stages
        .iter()
        .map(|s| s.rrp.minor.max(s.cost.minor))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = |m: Money| format!("width: {:.1}%", m.minor.max(0) as f64 / max as f64 * 100.0);
    html! {
        <Card title="Open pipeline by quote status" class="dashboard-pipeline">
            <dl class="pipeline-totals">
                <div><dt class="figure-label">{ "At RRP" }</dt>
                    <dd class="pipeline-total">{ whole(p.rrp) }</dd></div>
                <div><dt class="figure-label">{ "At your cost" }</dt>
                    <dd class="pipeline-total">{ whole(p.cost) }</dd></div>
                <div><dt class="figure-label">{ "Open quotes" }</dt>
                    <dd class="pipeline-total">{ format::count(p.count) }</dd></div>
            </dl>
            <ul class="hbars">
                { for p.stages.iter().map(|s| {
                    let status: QuoteStatus = s.status;
                    html! {
                        <li>
                            <button type="button" class="hbar" id={format!("pipeline-{}", status.label().to_lowercase())}
                                title={format!("Open the {} quotes", status.label().to_lowercase())}
                                onclick={open(Record::QuotesIn(status)).reform(|_: MouseEvent| ())}>
                                <span class="hbar-label">{ status.label() }
                                    <span class="hbar-count">{ format::plural(s.count.into(), "quote", "quotes") }</span></span>
                                <span class="hbar-track" aria-hidden="true">
                                    <span class="hbar-fill" style={width(s.rrp)}></span>
                                    <span class="hbar-fill hbar-cost" style={width(s.cost)}></span>
                                </span>
                                <span class="hbar-value">{ if s.count == 0 { "—".to_owned() } else { whole(s.rrp) } }
                                    if s.count > 0 {
                                        <span class="hbar-sub">{ format!("{} cost", whole(s.cost)) }</span>
                                    }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <p class="chart-legend" aria-hidden="true">
                <span class="legend-swatch"></span>{ "RRP" }
                <span class="legend-swatch legend-cost"></span>{ "Your cost" }
            </p>
        </Card>
    }
}

/// A table cell's amount: a dash when nothing is counted, so zeros do not read as data.
fn amount_or_dash(count: u32, m: Money) -> String {
    if count == 0 {
        "—".to_owned()
    } else {
        whole(m)
    }
}

pub fn deals_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
    html! {
        <Card title="Deal registrations by status" class="dashboard-deals">
            <table class="figure-table">
                <thead><tr><th>{ "Status" }</th><th class="num">{ "Deals" }</th><th class="num">{ "Estimated value" }</th></tr></thead>
                <tbody>
                { for f.deals.iter().map(|d| {
                    let status = d.status;
                    let onclick = open(Record::DealsIn(status)).reform(|_: MouseEvent| ());
                    html! {
                        <tr class={classes!("figure-link", (d.count == 0).then_some("figure-zero"))}
                            id={format!("deals-{}", status.label().to_lowercase())} {onclick}
                            title={format!("Open the {} deal registrations", status.label().to_lowercase())}>
                            <td>{ status.label() }</td>
                            <td class="num">{ format::count(d.count) }</td>
                            <td class="num">{ amount_or_dash(d.count, d.value) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </Card>
    }
}

pub fn orders_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
    let label = |s: OrderStatus| match s {
        OrderStatus::PendingCustomerApproval => "Awaiting the customer",
        other => other.label(),
    };
    let o = &f.orders_in_progress;
    html! {
        <Card title="Orders in progress" class="dashboard-orders">
            <table class="figure-table">
                <thead><tr><th>{ "Status" }</th><th class="num">{ "Orders" }</th><th class="num">{ "Value" }</th></tr></thead>
                <tbody>
                { for o.by_status.iter().map(|o| html! {
                    <tr class={classes!("figure-link", (o.count == 0).then_some("figure-zero"))}
                        id={format!("orders-{}", o.status.as_str())}
                        onclick={open(Record::OrdersIn(o.status)).reform(|_: MouseEvent| ())}
                        title={format!("Open the {} orders", o.status.label().to_lowercase())}>
                        <td>{ label(o.status) }</td>
                        <td class="num">{ format::count(o.count) }</td>
                        <td class="num">{ amount_or_dash(o.count, o.value) }</td>
                    </tr>
                }) }
                </tbody>
                <tfoot>
                    <tr class="figure-link" id="orders-in-progress"
                        onclick={open(Record::OrdersInProgress).reform(|_: MouseEvent| ())}
                        title="Open the orders in progress">
                        <td>{ "Total" }</td>
                        <td class="num">{ format::count(o.count) }</td>
                        <td class="num">{ amount_or_dash(o.count, o.value) }</td>
                    </tr>
                </tfoot>
            </table>
        </Card>
    }
}

pub fn news_card(f: &Figures, go: &impl Fn(Page) -> Callback<()>) -> Html {
    html! {
        <Card title="Latest company news" class="dashboard-news">
            if f.news.is_empty() {
                <p class="empty empty-compact">{ "There is no news yet." }</p>
            } else {
                <ul class="news-brief" id="dashboard-news">
                    { for f.news.iter().map(|n| html! {
                        <li>
                            <button type="button" class="news-brief-item" title="Open Company News"
                                onclick={go(Page::News).reform(|_: MouseEvent| ())}>
                                <span class="news-brief-date">{ format::date(n.published_on) }</span>
                                <span class="news-brief-title">{ n.title.clone() }</span>
                                <span class="news-brief-summary">{ n.summary.clone() }</span>
                            </button>
                        </li>
                    }) }
                </ul>
            }
        </Card>
    }
}
