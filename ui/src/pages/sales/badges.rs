//! The status badges of quotes and orders, and the vendor's approval of a quote's discounts.

use super::wire_name;
use crate::components::{icons, StatusBadge, Tone};
use portal_core::{
    order::OrderStatus,
    quote::{Approval, QuoteStatus},
};
use yew::prelude::*;

pub fn quote_tone(status: QuoteStatus) -> Tone {
    match status {
        QuoteStatus::Draft | QuoteStatus::Superseded => Tone::Neutral,
        QuoteStatus::Sent => Tone::Info,
        QuoteStatus::Accepted => Tone::Success,
        QuoteStatus::Ordered => Tone::Accent,
        QuoteStatus::Declined => Tone::Danger,
        QuoteStatus::Expired => Tone::Warning,
    }
}

pub fn quote_badge(status: QuoteStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={quote_tone(status)}
            status={wire_name(status)} />
    }
}

/// The approval, when it is worth a badge: needed and not given yet, refused, or given.
pub fn approval_badge(approval: Approval, id: Option<&'static str>) -> Html {
    let (tone, title) = match approval {
        Approval::NotNeeded => return html! {},
        Approval::Pending => (
            Tone::Warning,
            "A discount is above its product's cap: the vendor must approve it before the quote is sent.",
        ),
        Approval::Rejected => (
            Tone::Danger,
            "The vendor did not approve a discount: lower it and save the quote.",
        ),
        Approval::Approved => (Tone::Success, "The vendor approved the discounts."),
    };
    let label = match approval {
        Approval::Approved => "Discount approved",
        other => other.label(),
    };
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} {label} {tone} class="approval-badge"
            status={wire_name(approval)} icon={(approval != Approval::Approved).then(icons::shield)}
            title={title} />
    }
}

pub fn order_tone(status: OrderStatus) -> Tone {
    match status {
        OrderStatus::PendingCustomerApproval => Tone::Warning,
        OrderStatus::Submitted => Tone::Info,
        OrderStatus::Processing => Tone::Accent,
        OrderStatus::Provisioned => Tone::Success,
        OrderStatus::Refused => Tone::Danger,
    }
}

pub fn order_badge(status: OrderStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={order_tone(status)}
            status={wire_name(status)} />
    }
}
