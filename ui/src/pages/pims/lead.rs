//! A lead opened in the inbox: its message, the person and company, where it came from and when,
//! its countdown while pending, the clash with an existing prospect before anyone accepts, and
//! Accept and Decline (offline too; the server's answer wins and Pending Changes says so).

use super::{
    badges::lead_badge,
    decide::{AcceptDialog, DeclineDialog},
};
use crate::{
    api,
    components::{
        fields::text_or_dash, icons, ready, record_badges::pending_badge, status_banner, Card,
        Field, Fields, PageHeader,
    },
    context::{Record, PIMS_ENTITIES},
    format,
    hooks::{use_detail, use_portal, use_sync_state},
};
use portal_core::{
    ids::LeadId,
    menu::Page,
    pims::{app::LeadDetail, lead::LeadState},
    shell::commands as cmd,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeadPageProps {
    pub id: LeadId,
    pub on_back: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    Accept,
    Decline,
}

/// Plain text as paragraphs (blank lines apart), line breaks kept.
fn message(text: &str) -> Html {
    if text.trim().is_empty() {
        return html! { <p class="muted">{ "No message." }</p> };
    }
    html! {
        { for text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| html! {
            <p class="prose lead-message-paragraph">{ p.to_owned() }</p>
        }) }
    }
}

#[component]
pub fn LeadPage(props: &LeadPageProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let detail = use_detail(props.id, sync.reload_key(&PIMS_ENTITIES), |id| {
        api::invoke(cmd::GetLead { id })
    });
    let dialog = use_state(|| None::<Dialog>);
    {
        // Opening a lead is looking at it: the menu's count follows.
        let recount = portal.recount_leads.clone();
        use_effect_with(props.id, move |_| recount.emit(()));
    }
    let back = props.on_back.clone();
    let header = html! { <PageHeader page={Page::Leads} title="Lead" back={back.clone()} /> };
    let d: Rc<LeadDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let lead = &d.lead;
    let on_decided = {
        let (acted, dialog) = (detail.acted.clone(), dialog.clone());
        let (refresh, recount) = (sync.refresh.clone(), portal.recount_leads.clone());
        Callback::from(move |d: LeadDetail| {
            acted.set(Some(Rc::new(d)));
            dialog.set(None);
            refresh.emit(());
            recount.emit(());
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };
    let open_dialog = |which: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(Some(which)))
    };
    let badges = html! {
        <>
            { lead_badge(d.state, Some("lead-state")) }
            if d.unsynced { { pending_badge() } }
        </>
    };
    let lead_line = match &d.countdown {
        Some(c) => format!("{} · {}", lead.company, c),
        None => lead.company.clone(),
    };
    let clash = d.clash.as_ref().map(|p| {
        let id = p.id;
        let onclick = portal.open.reform(move |_: MouseEvent| Record::Prospect(id));
        let domain = lead.email.domain().to_owned();
        html! {
            <div class="banner banner-warning" role="status" id="lead-clash">
                { icons::alert() }
                <span class="banner-text">
                    { format!("Your firm already has a prospect with the domain {domain}: ") }
                    <button type="button" class="button button-link" id="lead-clash-prospect" {onclick}>
                        { p.company_name.clone() }
                    </button>
                    { ". Accepting this lead would be refused; decline it as a duplicate, or add the person to that prospect." }
                </span>
            </div>
        }
    });
    let outcome = match d.state {
        LeadState::Accepted => {
            let open_prospect = lead.prospect_id.map(|id| {
                let onclick = portal.open.reform(move |_: MouseEvent| Record::Prospect(id));
                html! {
                    <button type="button" class="button button-small" id="lead-open-prospect" {onclick}>
                        { "Open the prospect" }
                    </button>
                }
            });
            let owner = lead
                .owner_id
                .and_then(|o| d.owners.iter().find(|u| u.id == o))
                .map(|u| u.name.clone())
                .unwrap_or_default();
            html! {
                <Card title="Accepted">
                    <Fields>
                        <Field label="Owner" name="owner">{ text_or_dash(&owner) }</Field>
                        <Field label="Next step" name="next_step">{ text_or_dash(&lead.next_step) }</Field>
                    </Fields>
                    { open_prospect }
                </Card>
            }
        }
        LeadState::Declined => html! {
            <Card title="Declined">
                <Fields>
                    <Field label="Reason" name="decline_reason">
                        { lead.decline_reason.map_or("—", |r| r.label()) }
                    </Field>
                    <Field label="Note" name="decline_note">{ text_or_dash(&lead.decline_note) }</Field>
                </Fields>
            </Card>
        },
        _ => html! {},
    };
    let dialog_view = match *dialog {
        Some(Dialog::Accept) => html! {
            <AcceptDialog detail={d.clone()} on_done={on_decided.clone()} on_cancel={close.clone()} />
        },
        Some(Dialog::Decline) => html! {
            <DeclineDialog id={lead.id} on_done={on_decided.clone()} on_cancel={close.clone()} />
        },
        None => html! {},
    };
    html! {
        <div id="lead-detail" data-lead-id={lead.id.to_string()} data-state={d.state.as_str()}
            data-unsynced={d.unsynced.to_string()}>
            <PageHeader page={Page::Leads} title={AttrValue::from(lead.name.clone())} {back} {badges}
                lead={AttrValue::from(lead_line)}>
                if d.may_decide {
                    <button type="button" id="decline-lead" class="button" onclick={open_dialog(Dialog::Decline)}>
                        { "Decline…" }
                    </button>
                    <button type="button" id="accept-lead" class="button button-primary" onclick={open_dialog(Dialog::Accept)}>
                        { icons::check() }{ "Accept…" }
                    </button>
                }
            </PageHeader>
            if d.unsynced {
                { status_banner("banner-info", "lead-unsynced", icons::clock(), html! {
                    { "Your decision is saved on this computer and reaches the server with the next sync. Should the lead have expired or been withdrawn meanwhile, the server's answer wins and Pending Changes says so." }
                }) }
            }
            if d.may_decide { { clash } }
            <div class="split">
                <div class="stack">
                    <Card title="Message">
                        <div id="lead-message">{ message(&lead.message) }</div>
                    </Card>
                    { outcome }
                </div>
                <div class="stack">
                    <Card title="Contact">
                        <Fields>
                            <Field label="Name" name="name">{ lead.name.clone() }</Field>
                            <Field label="Company" name="company">{ lead.company.clone() }</Field>
                            <Field label="Email" name="email"><span class="selectable">{ lead.email.to_string() }</span></Field>
                            <Field label="Phone" name="phone">{ text_or_dash(&lead.phone) }</Field>
                            <Field label="Mailboxes" name="mailboxes">
                                { lead.mailboxes.map_or_else(|| "—".to_owned(), format::count) }
                            </Field>
                        </Fields>
                    </Card>
                    <Card title="Where it came from">
                        <Fields>
                            <Field label="Source" name="source">{ lead.source.label() }</Field>
                            <Field label="Origin" name="origin">{ lead.origin.clone() }</Field>
                            <Field label="Received" name="received_at">{ format::local_date_time(lead.received_at) }</Field>
                            <Field label="Consent given" name="consent_at">{ format::local_date_time(lead.consent_at) }</Field>
                            <Field label="Decide by" name="expires_at">{ format::local_date_time(lead.expires_at) }</Field>
                        </Fields>
                    </Card>
                </div>
            </div>
            { dialog_view }
        </div>
    }
}
