//! Verify on the prospect form's domain: where the check stands, and its answer under the field
//! (`#domain-check`): the domain is free, already one of the firm's prospects, or held by another
//! firm's registration — checked with the server, or on this computer only when offline.

use crate::{components::icons, context::Record};
use portal_core::{sales::DomainCheck, ApiError, Domain};
use std::rc::Rc;
use yew::prelude::*;

/// Where a Verify of the domain stands; each answer remembers the text it was for, so editing
/// the domain puts the answer out of date without a reset.
#[derive(Clone, PartialEq)]
pub enum Check {
    Idle,
    Checking(String),
    Done(String, Rc<DomainCheck>),
    Failed(String, ApiError),
}

/// The answer to Verify, under the domain field (`#domain-check`).
pub fn domain_check_view(check: &Check, domain: &str, open: &Callback<Record>) -> Html {
    match check {
        Check::Checking(t) if t == domain => html! {
            <div id="domain-check" class="domain-check" data-result="checking" role="status">
                <span class="spinner spinner-sm" aria-hidden="true"></span>
                <span>
                    { format!("Checking {}…", Domain::parse(domain).map(|d| d.to_string()).unwrap_or_default()) }
                </span>
            </div>
        },
        Check::Failed(t, e) if t == domain => html! {
            <div id="domain-check" class="domain-check domain-check-error" data-result="failed" role="status">
                { icons::alert() }<span>{ e.message.clone() }</span>
            </div>
        },
        Check::Done(t, answer) if t == domain => {
            let server = answer.checked_with_server;
            let result = if answer.existing.is_some() {
                "existing"
            } else if answer.registered_elsewhere {
                "registered-elsewhere"
            } else {
                "available"
            };
            let tone = match result {
                "available" if server => "domain-check-ok",
                "available" => "domain-check-info",
                "existing" => "domain-check-warning",
                _ => "domain-check-error",
            };
            let existing = answer.existing.as_ref().map(|e| {
                let id = e.id;
                let onclick = open.reform(move |_: MouseEvent| Record::Prospect(id));
                html! {
                    <p class="domain-check-line">
                        { format!("{} is already one of your prospects with {}. ", e.company_name, answer.domain) }
                        <button id="domain-check-existing" type="button" class="button button-link"
                            data-prospect-id={id.to_string()} {onclick}>
                            { format!("Open {}", e.company_name) }
                        </button>
                    </p>
                }
            });
            html! {
                <div id="domain-check" class={classes!("domain-check", tone)} role="status"
                    data-result={result} data-domain={answer.domain.clone()}
                    data-existing={answer.existing.is_some().to_string()}
                    data-registered-elsewhere={answer.registered_elsewhere.to_string()}
                    data-checked-with-server={server.to_string()}>
                    { if result == "available" { icons::check_circle() } else { icons::alert() } }
                    <div class="domain-check-text">
                        { existing.unwrap_or_default() }
                        if answer.registered_elsewhere {
                            <p class="domain-check-line">
                                { format!("Another partner firm holds an active deal registration for {}. A deal you register for it would be refused.", answer.domain) }
                            </p>
                        }
                        if result == "available" {
                            <p class="domain-check-line">
                                if server {
                                    { format!("{} is free: none of your prospects has it and no other firm has registered it.", answer.domain) }
                                } else {
                                    { format!("None of your prospects has {}.", answer.domain) }
                                }
                            </p>
                        }
                        <p class="domain-check-source">
                            if server {
                                { "Checked with the vendor's server." }
                            } else {
                                { "Checked on this computer only: you are offline, so other firms' registrations could not be checked." }
                            }
                        </p>
                    </div>
                </div>
            }
        }
        _ => html! {},
    }
}
