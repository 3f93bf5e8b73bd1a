//! A campaign's funnel — page views, leads, accepted, prospects, deal registrations, quotes — as
//! horizontal bars in plain HTML: each step's number is text beside its bar (the bar itself is
//! only decoration), so it reads the same to a screen reader and at any zoom.

use crate::format;
use portal_core::pims::results::CampaignResults;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FunnelProps {
    pub results: CampaignResults,
}

/// Each step's key for tests and styles, in the funnel's order.
const KEYS: [&str; 6] = ["views", "leads", "accepted", "prospects", "deals", "quotes"];

#[component]
pub fn Funnel(props: &FunnelProps) -> Html {
    let r = &props.results;
    let steps = r.funnel();
    let widest = steps.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let rows = steps.iter().zip(KEYS).map(|((label, n), key)| {
        let pct = (*n as f64 / widest as f64 * 100.0).max(if *n > 0 { 1.5 } else { 0.0 });
        html! {
            <li class="funnel-step" data-step={key} data-count={n.to_string()}>
                <span class="funnel-label">{ *label }</span>
                <span class="funnel-track" aria-hidden="true">
                    <span class="funnel-bar" style={format!("width: {pct:.1}%")}></span>
                </span>
                <span class="funnel-count">{ format::count(*n) }</span>
            </li>
        }
    });
    html! {
        <figure class="funnel" data-campaign-id={r.campaign_id.to_string()}>
            <ol class="funnel-steps" role="list" aria-label={format!("Funnel of {}", r.name)}>
                { for rows }
            </ol>
            <figcaption class="small muted funnel-caption">
                { match r.conversion() {
                    Some(c) => format!("{c} of page views became leads."),
                    None => "No page views yet.".to_owned(),
                } }
            </figcaption>
        </figure>
    }
}
