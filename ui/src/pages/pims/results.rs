//! The Campaign Results page: each of the firm's campaigns with its funnel, as the server last
//! counted them (fetched when online; the last counts, dated, when offline).

use super::funnel::Funnel;
use crate::{
    api,
    components::{icons, ready, status_banner, PageHeader},
    context::PIMS_ENTITIES,
    format,
    hooks::{use_fetch, use_sync_state},
};
use portal_core::{menu::Page, pims::app::ResultsView, shell::commands as cmd};
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn ResultsPage() -> Html {
    let sync = use_sync_state();
    // Asked again after each sync (a lead accepted, a prospect or a quote made from one).
    let (fetched, retry) = use_fetch(
        (sync.reload_key(&PIMS_ENTITIES), sync.status.last_synced),
        |_| api::invoke(cmd::GetCampaignResults {}),
    );
    let header = html! {
        <PageHeader page={Page::CampaignResults}
            lead="What each campaign brought: page views, leads, and the prospects, deal registrations and quotes made from them." />
    };
    let view: Rc<ResultsView> = match ready(fetched, header.clone(), retry) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let dated = match (view.offline, view.as_of) {
        (true, Some(at)) => status_banner(
            "banner-warning",
            "results-as-of",
            icons::cloud_off(),
            html! { { format!("You are offline. Counts as of {}.", format::local_date_time(at)) } },
        ),
        (true, None) => status_banner(
            "banner-warning",
            "results-as-of",
            icons::cloud_off(),
            html! { { "You are offline, and the counts have not been fetched yet: they show once you are connected." } },
        ),
        (false, Some(at)) => html! {
            <p class="dashboard-as-of" id="results-as-of">
                { icons::clock() }{ format!("Counts as of {}", format::local_date_time(at)) }
            </p>
        },
        (false, None) => html! {},
    };
    html! {
        <>
            { header }
            { dated }
            if view.campaigns.is_empty() {
                <p class="empty-state" id="results-empty">
                    { "No campaigns launched yet. Launch one from Campaigns and its results show here." }
                </p>
            }
            <div class="results-grid" id="campaign-results">
                { for view.campaigns.iter().map(|r| html! {
                    <section class="card result-card" data-campaign-id={r.campaign_id.to_string()}
                        aria-labelledby={format!("result-{}", r.campaign_id)}>
                        <h2 class="card-title" id={format!("result-{}", r.campaign_id)}>{ r.name.clone() }</h2>
                        <Funnel results={r.clone()} />
                    </section>
                }) }
            </div>
        </>
    }
}
