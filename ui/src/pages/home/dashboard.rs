//! The Dashboard page: the partner's figures at a glance — pipeline, deal registrations, orders,
//! customers, renewals, support cases and the latest news — read from the local cache (the figures
//! the server would compute for the same data), each opening the list it summarizes.

use super::amounts::whole;
use super::cards::{deals_card, news_card, orders_card, pipeline_card, renewals_card};
use crate::{
    api,
    components::{icons, ErrorBanner, PageHeader},
    context::Record,
    format,
    hooks::{use_fetch, use_portal, use_sync_state, Fetch},
};
use portal_core::{
    customers::CaseStatus,
    dashboard::Dashboard,
    deal::DealStatus,
    menu::Page,
    money::Money,
    shell::{commands as cmd, Connection},
    sync::Entity,
};
use yew::prelude::*;

/// The kinds of record the figures come from.
const ENTITIES: &[Entity] = &[
    Entity::Quote,
    Entity::Deal,
    Entity::Order,
    Entity::Customer,
    Entity::Subscription,
    Entity::Renewal,
    Entity::SupportCase,
    Entity::News,
    Entity::Lead,
];

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
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(ENTITIES);
    let (fetched, retry) = use_fetch(reload, |_| api::invoke(cmd::GetDashboard {}));
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
            if let Some(n) = f.new_leads {
                <Figure id="figure-new-leads" label="New leads" icon={icons::inbox()}
                    value={format::count(n)}
                    detail={if n == 0 { "None waiting in the Lead Inbox".to_owned() } else { "waiting to be accepted or declined".to_owned() }}
                    opens="Open the Lead Inbox" onclick={go(Page::Leads)} />
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
