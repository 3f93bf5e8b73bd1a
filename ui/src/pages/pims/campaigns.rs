//! The Campaigns page: the vendor's kits the firm receives, grouped Active, Upcoming and Ended,
//! each with its dates, products, the firm's campaign from it (status, public link, leads); and a
//! kit opened into its campaign's page.

use super::{badges::campaign_badge, campaign::CampaignPage};
use crate::{
    api,
    components::{icons, ready, status_banner, PageHeader},
    context::{Record, PIMS_ENTITIES},
    format,
    hooks::{use_fetch, use_portal, use_sync_state, use_view},
};
use portal_core::{
    ids::CampaignKitId,
    menu::Page,
    pims::{
        app::{KitList, KitRow},
        kit::KitPhase,
    },
    shell::commands as cmd,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Kit(CampaignKitId),
}

fn view_for(_: Option<Record>) -> View {
    View::List
}

#[component]
pub fn CampaignsPage() -> Html {
    let (view, show) = use_view(view_for);
    match view {
        View::List => html! { <KitListView on_open={show.reform(View::Kit)} /> },
        View::Kit(id) => html! {
            <CampaignPage kit_id={id} on_back={show.reform(|()| View::List)} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct KitListProps {
    on_open: Callback<CampaignKitId>,
}

fn kit_row(row: &KitRow, on_open: &Callback<CampaignKitId>) -> Html {
    let id = row.kit_id;
    let onclick = on_open.reform(move |_: MouseEvent| id);
    let dates = format!(
        "{} – {}",
        format::date(row.starts_on),
        format::date(row.ends_on)
    );
    let campaign = match &row.campaign {
        Some(c) => html! {
            <div class="kit-campaign">
                { campaign_badge(c.status, None) }
                <span class="kit-campaign-name">{ c.name.clone() }</span>
                if let Some(url) = &c.public_url {
                    <span class="kit-link selectable" title="The campaign's public landing page">
                        { icons::link() }{ url.clone() }
                    </span>
                }
                if c.leads > 0 {
                    <span class="muted small">{ format::plural(c.leads.into(), "lead", "leads") }</span>
                }
            </div>
        },
        None => html! { <p class="muted small kit-campaign">{ "Not run by your firm yet" }</p> },
    };
    html! {
        <li class="kit-card card" data-kit-id={id.to_string()} data-phase={row.phase.as_str()}
            data-status={row.campaign.as_ref().map(|c| c.status.as_str())}>
            <div class="kit-card-main">
                <h3 class="kit-name">
                    <button type="button" class="row-open kit-open" {onclick}>{ row.name.clone() }</button>
                </h3>
                <p class="kit-summary">{ row.summary.clone() }</p>
                <p class="kit-meta small">
                    <span class="kit-dates">{ icons::clock() }{ dates }</span>
                    if !row.products.is_empty() {
                        <span class="chips">
                            { for row.products.iter().map(|p| html! {
                                <span class="chip" title={p.sku.clone()}>{ p.name.clone() }</span>
                            }) }
                        </span>
                    }
                </p>
            </div>
            { campaign }
        </li>
    }
}

#[component]
fn KitListView(props: &KitListProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let (fetched, retry) = use_fetch(sync.reload_key(&PIMS_ENTITIES), |_| {
        api::invoke(cmd::ListCampaignKits {})
    });
    let header = html! {
        <PageHeader page={Page::Campaigns}
            lead="Ready-made campaigns from the vendor: put your name on them, launch, and the leads come to your Lead Inbox." />
    };
    let list: Rc<KitList> = match ready(fetched, header.clone(), retry) {
        Ok(l) => l,
        Err(page) => return page,
    };
    let incomplete = (list.may_run && !list.profile_missing.is_empty()).then(|| {
        let missing: Vec<&str> = list.profile_missing.iter().map(|m| m.label()).collect();
        let go = portal.navigate.reform(|e: MouseEvent| {
            e.prevent_default();
            Page::MarketingProfile
        });
        status_banner(
            "banner-warning",
            "campaigns-profile-missing",
            icons::alert(),
            html! {
                <>
                    { format!("Campaigns can't be launched until the marketing profile has {}. ",
                        portal_core::words::and_list(&missing)) }
                    <a href="#" id="complete-profile" onclick={go}>{ "Complete the profile" }</a>
                </>
            },
        )
    });
    let groups = [KitPhase::Active, KitPhase::Upcoming, KitPhase::Ended].map(|phase| {
        let rows: Vec<&KitRow> = list.rows.iter().filter(|r| r.phase == phase).collect();
        if rows.is_empty() {
            return html! {};
        }
        let id = format!("kits-{}", phase.as_str());
        html! {
            <section class="kit-group" id={id.clone()} aria-labelledby={format!("{id}-title")}>
                <h2 class="section-title" id={format!("{id}-title")}>
                    { phase.label() }<span class="segment-count">{ rows.len() }</span>
                </h2>
                <ul class="kit-list" role="list">
                    { for rows.iter().map(|r| kit_row(r, &props.on_open)) }
                </ul>
            </section>
        }
    });
    html! {
        <>
            { header }
            { incomplete }
            if list.rows.is_empty() {
                <p class="empty-state" id="kits-empty">
                    { "No campaign kits yet. The vendor's kits show here as they are published." }
                </p>
            }
            <div id="campaign-kits">{ for groups }</div>
        </>
    }
}
