//! Dashboard: the partner's figures at a glance — pipeline, deal registrations, orders, customers,
//! renewals, support cases and the latest news — read from the local cache (the figures the server
//! would compute for the same data), each opening the list it summarizes.

use super::sales::{use_fetch, wire_name, Fetch};
use crate::{
    api,
    components::{
        chart::{Bar, BarChart},
        icons, Card, ErrorBanner, PageHeader,
    },
    format,
    shell::{PortalContext, Record, SyncContext},
};
use chrono::{Datelike, NaiveDate};
use portal_core::{
    customers::{CaseStatus, RenewalWindow},
    dashboard::{CustomerFigures, Dashboard, Figures},
    deal::DealStatus,
    menu::Page,
    money::Money,
    order::OrderStatus,
    quote::QuoteStatus,
    shell::Connection,
};
use yew::prelude::*;

/// The kinds of record the figures come from, as `data-changed` names them.
const ENTITIES: &[&str] = &[
    "quote",
    "deal",
    "order",
    "customer",
    "subscription",
    "renewal",
    "support_case",
    "news",
];

/// An amount in whole units: `$12,400`.
fn whole(m: Money) -> String {
    let rounded = Money::new((m.minor + m.minor.signum() * 50) / 100 * 100, m.currency);
    rounded.to_string().trim_end_matches(".00").to_owned()
}

/// An amount for a chart's axis and bars: `$0`, `$800`, `$2.3k`, `$12k`, `$1.5M`.
fn compact(minor: i64, symbol: &str) -> String {
    let units = minor / 100;
    let short = |v: f64, suffix: &str| {
        if v.fract() == 0.0 || v.abs() >= 10.0 {
            format!("{symbol}{v:.0}{suffix}")
        } else {
            format!("{symbol}{v:.1}{suffix}")
        }
    };
    match units.abs() {
        0..=999 => format!("{symbol}{units}"),
        1_000..=999_999 => short(units as f64 / 1_000.0, "k"),
        _ => short(units as f64 / 1_000_000.0, "M"),
    }
}

fn month_short(month0: u32) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][month0 as usize % 12]
}

fn month_long(month0: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][month0 as usize % 12]
}

#[derive(Properties, PartialEq)]
struct FigureProps {
    id: AttrValue,
    label: AttrValue,
    value: AttrValue,
    #[prop_or_default]
    detail: Option<AttrValue>,
    /// Where clicking leads, said for screen readers and as the tooltip.
    opens: AttrValue,
    onclick: Callback<()>,
    #[prop_or_default]
    icon: Html,
}

/// One headline figure: a button that opens the list it summarizes.
#[component]
fn Figure(props: &FigureProps) -> Html {
    let onclick = props.onclick.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="figure" id={props.id.clone()} {onclick}
            title={props.opens.clone()}>
            <span class="figure-label">
                <span class="figure-icon" aria-hidden="true">{ props.icon.clone() }</span>
                { props.label.clone() }
            </span>
            <span class="figure-value">{ props.value.clone() }</span>
            if let Some(d) = &props.detail {
                <span class="figure-detail">{ d.clone() }</span>
            }
        </button>
    }
}

#[component]
pub fn DashboardPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(ENTITIES);
    let (fetched, retry) = use_fetch(reload, |_| api::dashboard());
    let offline = sync.status.connection == Connection::Offline;
    let role = portal.session.profile.user.role;
    // Orders live in the Customers area too: a role without it cannot open their list.
    let sees_orders = Page::Orders.allowed_for(role);

    let lead = if role.sees_customers_area() {
        "Your pipeline, orders, customers and renewals at a glance. Click any figure to open the list behind it."
    } else {
        "Your pipeline and deal registrations at a glance. Click any figure to open the list behind it."
    };
    let header = html! { <PageHeader page={Page::Dashboard} lead={AttrValue::from(lead)} /> };
    let dashboard = match fetched {
        Fetch::Loading => {
            return html! { <>{ header }<p class="loading" role="status">{ "Loading…" }</p></> }
        }
        Fetch::Failed(error) => {
            return html! { <>{ header }<ErrorBanner {error} on_retry={retry} /></> }
        }
        Fetch::Ready(d) => d,
    };
    let Dashboard { figures, as_of } = &*dashboard;
    let go = |page: Page| portal.navigate.reform(move |()| page);
    let open = |record: Record| portal.open.reform(move |()| record);

    let dated = match (offline, as_of) {
        (true, Some(at)) => html! {
            <div class="banner banner-warning offline-banner" role="status" id="dashboard-as-of">
                { icons::cloud_off() }
                <span>{ format!("You are offline. Figures as of {}, the last sync.",
                    format::local_date_time(*at)) }</span>
            </div>
        },
        (true, None) => html! {
            <div class="banner banner-warning offline-banner" role="status" id="dashboard-as-of">
                { icons::cloud_off() }
                <span>{ "You are offline and nothing has been synced yet: the figures will show after the first sync." }</span>
            </div>
        },
        (false, Some(at)) => html! {
            <p class="dashboard-as-of" id="dashboard-as-of">
                { icons::clock() }
                { format!("Figures as of {}", format::local_date_time(*at)) }
            </p>
        },
        (false, None) => html! {},
    };

    let f = figures;
    let pipeline = &f.pipeline;
    let orders = &f.orders_in_progress;
    let approved = f.deal(DealStatus::Approved);
    let submitted = f.deal(DealStatus::Submitted).map_or(0, |d| d.count);

    let kpis = html! {
        <div class="figure-row" id="dashboard-figures">
            <Figure id="figure-pipeline" label="Pipeline (RRP)" icon={icons::trending()}
                value={whole(pipeline.rrp)}
                detail={format!("{} · {} at cost",
                    format::plural(pipeline.count.into(), "open quote", "open quotes"),
                    whole(pipeline.cost))}
                opens="Open the quotes in the pipeline" onclick={open(Record::QuotesInPipeline)} />
            <Figure id="figure-deals" label="Approved deals" icon={icons::shield()}
                value={format::count(approved.map_or(0, |d| d.count))}
                detail={match (approved.map_or(0, |d| d.count), submitted) {
                    (0, 0) => "None approved or awaiting the vendor".to_owned(),
                    (_, 0) => format!("{} estimated",
                        whole(approved.map_or(Money::new(0, f.currency), |d| d.value))),
                    (_, n) => format!("{} estimated · {} awaiting the vendor",
                        whole(approved.map_or(Money::new(0, f.currency), |d| d.value)),
                        format::count(n)),
                }}
                opens="Open the approved deal registrations"
                onclick={open(Record::DealsIn(DealStatus::Approved))} />
            if sees_orders {
                <Figure id="figure-orders" label="Orders in progress" icon={icons::cart()}
                    value={format::count(orders.count)}
                    detail={format!("{} in total", whole(orders.value))}
                    opens="Open the orders in progress" onclick={open(Record::OrdersInProgress)} />
            }
            if let Some(c) = &f.customers {
                <Figure id="figure-customers" label="Customers" icon={icons::building()}
                    value={format::count(c.customers)}
                    detail={format!("{} seats on running subscriptions", format::count(c.seats))}
                    opens="Open the Customers list" onclick={go(Page::Customers)} />
                <Figure id="figure-support" label="Support cases" icon={icons::chat()}
                    value={format::count(c.open_support_cases)} detail="open"
                    opens="Open the open support cases"
                    onclick={open(Record::SupportCasesIn(CaseStatus::Open))} />
            }
        </div>
    };

    let renewals = match &f.customers {
        Some(c) => renewals_card(c, f, &portal.open),
        None => html! {
            <p class="dashboard-note" id="dashboard-no-customers">
                { icons::info() }
                <span>{ format!(
                    "Customers, orders, renewals and support cases are in the Customers area, which the {} role does not include.",
                    role.label()) }</span>
            </p>
        },
    };

    html! {
        <div class="dashboard" id="dashboard">
            { header }
            { dated }
            if f.other_currency > 0 {
                <p class="dashboard-note">{ icons::info() }<span>{ format!(
                    "{} in a currency other than {} are counted but not added to the totals.",
                    format::plural(f.other_currency.into(), "amount", "amounts"),
                    f.currency.code()) }</span></p>
            }
            { kpis }
            { renewals }
            <div class={classes!("dashboard-grid", (!sees_orders).then_some("dashboard-grid-no-orders"))}>
                { pipeline_card(f, &open) }
                { deals_card(f, &open) }
                if sees_orders { { orders_card(f, &open) } }
                { news_card(f, &go) }
            </div>
        </div>
    }
}

fn renewals_card(c: &CustomerFigures, f: &Figures, open: &Callback<Record>) -> Html {
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

fn pipeline_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
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

fn deals_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
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

fn orders_card(f: &Figures, open: &impl Fn(Record) -> Callback<()>) -> Html {
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
                        id={format!("orders-{}", wire_name(o.status))}
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

fn news_card(f: &Figures, go: &impl Fn(Page) -> Callback<()>) -> Html {
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

pub fn view() -> Html {
    html! { <DashboardPage /> }
}
