//! The status badges of PIMS records: a campaign's status and a lead's state.

use crate::components::{StatusBadge, Tone};
use portal_core::pims::{campaign::CampaignStatus, lead::LeadState};
use yew::prelude::*;

fn campaign_tone(status: CampaignStatus) -> Tone {
    match status {
        CampaignStatus::Draft | CampaignStatus::Ended => Tone::Neutral,
        CampaignStatus::Live => Tone::Success,
        CampaignStatus::Paused => Tone::Warning,
    }
}

pub fn campaign_badge(status: CampaignStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={campaign_tone(status)}
            status={status.as_str()} />
    }
}

fn lead_tone(state: LeadState) -> Tone {
    match state {
        LeadState::Pending => Tone::Info,
        LeadState::Accepted => Tone::Success,
        LeadState::Declined => Tone::Neutral,
        LeadState::Expired | LeadState::Withdrawn => Tone::Warning,
    }
}

pub fn lead_badge(state: LeadState, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={state.label()} tone={lead_tone(state)}
            status={state.as_str()} />
    }
}
