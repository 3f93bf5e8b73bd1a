//! The status badge of each kind of record (prospects, deals, quotes and their approval, orders,
//! invoices, support cases, the user's changes), and the marks of a change the server has not
//! confirmed or a step it has not answered.

use super::{icons, StatusBadge, Tone};
use portal_core::{
    customers::{CasePriority, CaseStatus, InvoiceStatus},
    deal::DealStatus,
    order::OrderStatus,
    pending::ChangeState,
    prospect::ProspectStatus,
    quote::{Approval, QuoteStatus},
};
use yew::prelude::*;

pub fn prospect_tone(status: ProspectStatus) -> Tone {
    match status {
        ProspectStatus::New => Tone::Info,
        ProspectStatus::Contacted => Tone::Accent,
        ProspectStatus::Qualified => Tone::Success,
        ProspectStatus::Disqualified => Tone::Neutral,
    }
}

pub fn deal_tone(status: DealStatus) -> Tone {
    match status {
        DealStatus::Draft | DealStatus::Withdrawn | DealStatus::Lost => Tone::Neutral,
        DealStatus::Submitted => Tone::Info,
        DealStatus::Approved | DealStatus::Won => Tone::Success,
        DealStatus::Rejected => Tone::Danger,
        DealStatus::Expired => Tone::Warning,
    }
}

pub fn change_tone(state: ChangeState) -> Tone {
    match state {
        ChangeState::Pending => Tone::Info,
        ChangeState::Synced => Tone::Success,
        ChangeState::Conflict => Tone::Warning,
        ChangeState::Refused => Tone::Danger,
    }
}

pub fn prospect_badge(status: ProspectStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={prospect_tone(status)}
            status={status.as_str()} />
    }
}

pub fn deal_badge(status: DealStatus, id: Option<&'static str>) -> Html {
    html! {
        <StatusBadge id={id.map(AttrValue::Static)} label={status.label()} tone={deal_tone(status)}
            status={status.as_str()} />
    }
}

/// The mark of a record with changes the server has not confirmed.
pub fn pending_badge() -> Html {
    html! {
        <StatusBadge label="Not synced" tone={Tone::Warning} class="pending-badge" icon={icons::clock()}
            title="Saved on this computer; the server has not confirmed it yet." />
    }
}

/// A step (such as a submission) the server has not answered yet.
pub fn waiting_badge() -> Html {
    html! {
        <StatusBadge label="Waiting for the server" tone={Tone::Info} class="waiting-badge" icon={icons::clock()}
            title="Sent or queued: the vendor's server has not answered yet." />
    }
}

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
            status={status.as_str()} />
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
            status={approval.as_str()} icon={(approval != Approval::Approved).then(icons::shield)}
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
            status={status.as_str()} />
    }
}

pub fn invoice_badge(status: InvoiceStatus, id: Option<&'static str>) -> Html {
    let tone = match status {
        InvoiceStatus::Open => Tone::Info,
        InvoiceStatus::Paid => Tone::Success,
        InvoiceStatus::Overdue => Tone::Danger,
        InvoiceStatus::Void => Tone::Neutral,
    };
    html! { <StatusBadge label={status.label()} {tone} id={id.map(AttrValue::from)} status={status.as_str()} /> }
}

pub fn case_badge(status: CaseStatus, id: Option<&'static str>) -> Html {
    let tone = match status {
        CaseStatus::Open => Tone::Warning,
        CaseStatus::Closed => Tone::Neutral,
    };
    html! { <StatusBadge label={status.label()} {tone} id={id.map(AttrValue::from)} status={status.as_str()} /> }
}

pub fn priority_badge(priority: CasePriority) -> Html {
    let tone = match priority {
        CasePriority::Low => Tone::Neutral,
        CasePriority::Normal => Tone::Info,
        CasePriority::High => Tone::Warning,
        CasePriority::Urgent => Tone::Danger,
    };
    html! { <StatusBadge label={priority.label()} {tone} status={priority.as_str()} /> }
}
