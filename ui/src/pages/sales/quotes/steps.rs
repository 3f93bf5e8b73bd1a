//! The steps a quote's page offers: which ones its status, approval and validity allow (as the
//! core's life cycle says), which is the prominent one, and how each is labelled and confirmed.

use crate::components::icons;
use chrono::NaiveDate;
use portal_core::{
    quote::{QuoteAction, QuoteError, QuoteStatus},
    quoting::QuoteDetail,
};
use yew::prelude::*;

/// A step the user takes from the quote's page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    Action(QuoteAction),
    Revise,
    StartOrder,
    Delete,
}

/// A step as its button offers it: enabled, or not with the reason why.
pub struct Offered {
    pub step: Step,
    pub enabled: bool,
    pub why_not: Option<&'static str>,
    /// The step that moves the quote on.
    pub primary: bool,
}

fn enabled(step: Step) -> Offered {
    Offered {
        step,
        enabled: true,
        why_not: None,
        primary: false,
    }
}

/// The steps the quote's page offers beside Export PDF, Edit and Delete, in the buttons' order.
/// While a step waits for the server's word, the next ones wait too.
pub fn offered(d: &QuoteDetail, today: NaiveDate, can_order: bool) -> Vec<Offered> {
    let q = &d.quote;
    let status = d.status;
    let waiting = d.waiting_for_server;
    let allows = |a: QuoteAction| status.apply(a, q.approval, q.valid_until, today);
    let send_blocked = match allows(QuoteAction::Send) {
        Err(QuoteError::AwaitingApproval) => Some("The vendor has not approved the discount yet."),
        Err(QuoteError::ApprovalRejected) => Some("The vendor did not approve the discount."),
        _ => None,
    };
    let mut steps = Vec::new();
    if status == QuoteStatus::Draft {
        if allows(QuoteAction::Send).is_ok() && !waiting {
            steps.push(enabled(Step::Action(QuoteAction::Send)));
        } else if let Some(why) = send_blocked {
            steps.push(Offered {
                enabled: false,
                why_not: Some(why),
                ..enabled(Step::Action(QuoteAction::Send))
            });
        }
    }
    if !waiting {
        for a in [QuoteAction::Decline, QuoteAction::Accept] {
            if allows(a).is_ok() {
                steps.push(enabled(Step::Action(a)));
            }
        }
    }
    if status.is_revisable() && q.superseded_by.is_none() && !waiting {
        steps.push(enabled(Step::Revise));
    }
    if status == QuoteStatus::Accepted && d.order.is_none() && can_order && !waiting {
        steps.push(enabled(Step::StartOrder));
    }
    // The step that moves the quote on is the prominent one; revising only once it is closed.
    let primary = steps.iter().rev().map(|o| o.step).find(|s| match s {
        Step::Action(QuoteAction::Send | QuoteAction::Accept) | Step::StartOrder => true,
        Step::Revise => matches!(status, QuoteStatus::Declined | QuoteStatus::Expired),
        _ => false,
    });
    for o in &mut steps {
        o.primary = Some(o.step) == primary && o.enabled;
    }
    steps
}

pub fn label(step: Step) -> &'static str {
    match step {
        Step::Action(a) => a.label(),
        Step::Revise => "Revise",
        Step::StartOrder => "Start order",
        Step::Delete => "Delete draft",
    }
}

/// The step's button's id (tests and the page's own links name it).
pub fn button_id(step: Step) -> String {
    match step {
        Step::Action(a) => format!("quote-action-{}", a.as_str()),
        Step::Revise => "revise-quote".to_owned(),
        Step::StartOrder => "start-order".to_owned(),
        Step::Delete => "delete-quote".to_owned(),
    }
}

pub fn icon(step: Step) -> Html {
    match step {
        Step::Action(QuoteAction::Send) => icons::send(),
        Step::Action(QuoteAction::Accept) => icons::check(),
        Step::Action(QuoteAction::Decline) => icons::close(),
        Step::Revise => icons::copy(),
        Step::StartOrder => icons::cart(),
        Step::Delete => icons::trash(),
    }
}

/// The confirmation a step asks for: title, consequence, button, whether it is destructive.
pub fn confirmation(step: Step) -> Option<(&'static str, &'static str, &'static str, bool)> {
    match step {
        Step::Delete => Some((
            "Delete this draft?",
            "The draft quote is removed. This cannot be undone.",
            "Delete draft",
            true,
        )),
        Step::Action(QuoteAction::Decline) => Some((
            "Record that the customer declined?",
            "The quote closes as declined. You can still revise it to offer new terms.",
            "Customer declined",
            true,
        )),
        _ => None,
    }
}
