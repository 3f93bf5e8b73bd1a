//! The Accept and Decline dialogs of a lead. Accept asks who owns the prospect and the next step,
//! and shows first a prospect that already has the lead's domain; Decline asks why (a note is
//! needed for "Other"). Both are checked with the decision's own rules before they are queued.

use crate::{
    api,
    components::{ErrorBanner, FormDialog, SelectField, TextField},
    hooks::{field_errors, use_portal, FieldErrors},
};
use portal_core::{
    ids::{LeadId, ProspectId, UserId},
    pims::{
        app::{AcceptForm, DeclineForm, LeadDetail},
        lead::{Decision, DeclineReason, LeadDecision},
    },
    shell::commands as cmd,
    ApiError, ErrorKind,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The decision's own rules, as the client and the server apply them.
fn checked(lead_id: LeadId, decision: Decision) -> FieldErrors {
    let d = LeadDecision {
        lead_id,
        decision,
        at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
    };
    match d.check() {
        Ok(()) => FieldErrors::new(),
        Err(e) => field_errors(&[e]),
    }
}

/// Sends a decision and hands its answer on; an error about a field shows by it, any other above.
fn send<F>(
    busy: &UseStateHandle<bool>,
    errors: &UseStateHandle<FieldErrors>,
    failed: &UseStateHandle<Option<ApiError>>,
    on_done: &Callback<LeadDetail>,
    call: F,
) where
    F: std::future::Future<Output = Result<LeadDetail, ApiError>> + 'static,
{
    busy.set(true);
    failed.set(None);
    let (busy, errors, failed, on_done) = (
        busy.clone(),
        errors.clone(),
        failed.clone(),
        on_done.clone(),
    );
    spawn_local(async move {
        match call.await {
            Ok(d) => on_done.emit(d),
            Err(e) if e.kind == ErrorKind::InvalidInput && e.field.is_some() => {
                errors.set(field_errors(&[e]))
            }
            Err(e) => failed.set(Some(e)),
        }
        busy.set(false);
    });
}

#[derive(Properties, PartialEq)]
pub struct AcceptProps {
    pub detail: Rc<LeadDetail>,
    pub on_done: Callback<LeadDetail>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn AcceptDialog(props: &AcceptProps) -> Html {
    let portal = use_portal();
    let me = portal.session.profile.user.id;
    let d = &props.detail;
    let default_owner = d
        .owners
        .iter()
        .find(|o| o.id == me)
        .or(d.owners.first())
        .map(|o| o.id);
    let owner = use_state(|| default_owner);
    let next_step = use_state(String::new);
    let tried = use_state(|| false);
    let busy = use_state(|| false);
    let server = use_state(FieldErrors::new);
    let failed = use_state(|| None::<ApiError>);
    let lead_id = d.lead.id;
    let local = {
        let mut e = checked(
            lead_id,
            Decision::Accept {
                prospect_id: ProspectId::from_uuid(Default::default()),
                owner_id: owner.unwrap_or(me),
                next_step: (*next_step).clone(),
            },
        );
        if owner.is_none() {
            e.insert("owner_id".into(), "Choose who works this prospect.".into());
        }
        e
    };
    let message = |field: &str| {
        server
            .get(field)
            .or_else(|| local.get(field).filter(|_| *tried))
            .map(|m| AttrValue::from(m.clone()))
    };
    let on_submit = {
        let (owner, next_step, tried) = (owner.clone(), next_step.clone(), tried.clone());
        let (busy, server, failed, on_done) = (
            busy.clone(),
            server.clone(),
            failed.clone(),
            props.on_done.clone(),
        );
        let valid = local.is_empty();
        Callback::from(move |()| {
            tried.set(true);
            let Some(owner_id) = *owner else { return };
            if !valid {
                return;
            }
            let form = AcceptForm {
                owner_id,
                next_step: next_step.trim().to_owned(),
            };
            send(&busy, &server, &failed, &on_done, async move {
                api::invoke(cmd::AcceptLead { id: lead_id, form }).await
            });
        })
    };
    let options: Vec<(AttrValue, AttrValue)> = d
        .owners
        .iter()
        .map(|o| {
            let label = if o.id == me {
                format!("{} (you)", o.name)
            } else {
                o.name.clone()
            };
            (AttrValue::from(o.id.to_string()), AttrValue::from(label))
        })
        .collect();
    let on_owner = {
        let (owner, server) = (owner.clone(), server.clone());
        Callback::from(move |v: String| {
            owner.set(v.parse::<UserId>().ok());
            server.set(FieldErrors::new());
        })
    };
    let on_next = {
        let (next_step, server) = (next_step.clone(), server.clone());
        Callback::from(move |v: String| {
            next_step.set(v);
            server.set(FieldErrors::new());
        })
    };
    html! {
        <FormDialog id="accept-dialog" title={format!("Accept the lead from {}?", d.lead.name)}
            submit_label="Accept and make a prospect" busy={*busy} {on_submit} on_cancel={props.on_cancel.clone()}>
            if let Some(p) = &d.clash {
                <div class="banner banner-warning" role="alert" id="accept-clash">
                    <span class="banner-text">{ format!(
                        "{} is already a prospect of your firm with the domain {}: the server will refuse this. Decline the lead as a duplicate instead.",
                        p.company_name, d.lead.email.domain()) }</span>
                </div>
            }
            <p>{ format!("{} from {} becomes a prospect, with the lead's story in its notes.", d.lead.name, d.lead.company) }</p>
            if let Some(e) = &*failed {
                <ErrorBanner error={e.clone()} />
            }
            <div class="dialog-fields">
                <SelectField id="accept-owner" field="owner_id" label="Owner" required=true
                    value={owner.map(|o| o.to_string()).unwrap_or_default()} {options}
                    error={message("owner_id")} hint="The salesperson who works the prospect."
                    on_change={on_owner} />
                <TextField id="accept-next-step" field="next_step" label="Next step" required=true multiline=true
                    value={(*next_step).clone()} error={message("next_step")}
                    placeholder="Call on Tuesday to book a demo" on_input={on_next} />
            </div>
        </FormDialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct DeclineProps {
    pub id: LeadId,
    pub on_done: Callback<LeadDetail>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn DeclineDialog(props: &DeclineProps) -> Html {
    let reason = use_state(|| DeclineReason::NotAFit);
    let note = use_state(String::new);
    let tried = use_state(|| false);
    let busy = use_state(|| false);
    let server = use_state(FieldErrors::new);
    let failed = use_state(|| None::<ApiError>);
    let lead_id = props.id;
    let local = checked(
        lead_id,
        Decision::Decline {
            reason: *reason,
            note: (*note).clone(),
        },
    );
    let message = |field: &str| {
        server
            .get(field)
            .or_else(|| local.get(field).filter(|_| *tried))
            .map(|m| AttrValue::from(m.clone()))
    };
    let on_submit = {
        let (reason, note, tried) = (reason.clone(), note.clone(), tried.clone());
        let (busy, server, failed, on_done) = (
            busy.clone(),
            server.clone(),
            failed.clone(),
            props.on_done.clone(),
        );
        let valid = local.is_empty();
        Callback::from(move |()| {
            tried.set(true);
            if !valid {
                return;
            }
            let form = DeclineForm {
                reason: *reason,
                note: note.trim().to_owned(),
            };
            send(&busy, &server, &failed, &on_done, async move {
                api::invoke(cmd::DeclineLead { id: lead_id, form }).await
            });
        })
    };
    let options: Vec<(AttrValue, AttrValue)> = DeclineReason::ALL
        .iter()
        .map(|r| (AttrValue::Static(r.as_str()), AttrValue::Static(r.label())))
        .collect();
    let on_reason = {
        let (reason, server) = (reason.clone(), server.clone());
        Callback::from(move |v: String| {
            if let Some(r) = DeclineReason::parse(&v) {
                reason.set(r);
            }
            server.set(FieldErrors::new());
        })
    };
    let on_note = {
        let (note, server) = (note.clone(), server.clone());
        Callback::from(move |v: String| {
            note.set(v);
            server.set(FieldErrors::new());
        })
    };
    html! {
        <FormDialog id="decline-dialog" title="Decline this lead?" submit_label="Decline" danger=true
            busy={*busy} {on_submit} on_cancel={props.on_cancel.clone()}>
            <p>{ "The lead goes back to the vendor, who may pass it to another partner." }</p>
            if let Some(e) = &*failed {
                <ErrorBanner error={e.clone()} />
            }
            <div class="dialog-fields">
                <SelectField id="decline-reason" field="reason" label="Reason" required=true
                    value={reason.as_str()} {options} error={message("reason")} on_change={on_reason} />
                <TextField id="decline-note" field="note" label="Note" multiline=true required={*reason == DeclineReason::Other}
                    value={(*note).clone()} error={message("note")}
                    hint="For your colleagues and the vendor's channel team." on_input={on_note} />
            </div>
        </FormDialog>
    }
}
