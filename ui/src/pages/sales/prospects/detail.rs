//! One prospect: the company, its contacts and notes, its deal registrations, and the steps from
//! it (edit, delete, register a deal, quote).

use super::delete::use_delete_prospect;
use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons, ready,
        record_badges::{deal_badge, pending_badge, prospect_badge, waiting_badge},
        Card, ErrorBanner, Field, Fields, PageHeader,
    },
    context::{Record, SALES_ENTITIES},
    format,
    hooks::{owner_name, use_fetch, use_portal, use_sync_state, Users},
};
use portal_core::{
    ids::ProspectId,
    menu::Page,
    prospect::Contact,
    quote::QuoteFor,
    sales::{DealRow, ProspectDetail},
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProspectDetailProps {
    pub id: ProspectId,
    pub users: Users,
    pub on_back: Callback<()>,
    pub on_edit: Callback<()>,
    pub on_deleted: Callback<()>,
}

fn contact_card(title: &'static str, id: &'static str, c: &Contact) -> Html {
    let empty = c.full_name().is_empty()
        && c.email.trim().is_empty()
        && c.phone.trim().is_empty()
        && c.job_title.trim().is_empty();
    html! {
        <Card title={title} class={classes!("contact-card")}>
            <div id={id}>
                if empty {
                    <p class="muted">{ "No one named yet." }</p>
                } else {
                    <div class="person-text">
                        <span class="person-name">{ text_or_dash(&c.full_name()) }</span>
                        if !c.job_title.trim().is_empty() {
                            <span class="person-role">{ c.job_title.clone() }</span>
                        }
                        if !c.email.trim().is_empty() {
                            <span class="person-contact selectable">{ icons::mail() }{ c.email.clone() }</span>
                        }
                        if !c.phone.trim().is_empty() {
                            <span class="person-contact selectable">{ icons::phone() }{ c.phone.clone() }</span>
                        }
                    </div>
                }
            </div>
        </Card>
    }
}

fn notes_view(text: &str) -> Html {
    if text.trim().is_empty() {
        html! { <span class="muted">{ "—" }</span> }
    } else {
        html! { <p class="notes-text selectable">{ text.to_owned() }</p> }
    }
}

fn deal_line(d: &DealRow, open: &Callback<Record>) -> Html {
    let id = d.id;
    let onclick = open.reform(move |_: MouseEvent| Record::Deal(id));
    html! {
        <tr key={id.to_string()} data-deal-id={id.to_string()} data-status={d.status.as_str()}
            class="row-link" {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">
                    { d.number.clone().unwrap_or_else(|| "No number yet".to_owned()) }
                </button>
            </td>
            <td class="cell-numeric">{ d.estimated_value.to_string() }</td>
            <td class="cell-nowrap">{ format::date(d.expected_close) }</td>
            <td>
                <span class="badge-stack">
                    { deal_badge(d.status, None) }
                    if d.waiting_for_server { { waiting_badge() } }
                </span>
            </td>
        </tr>
    }
}

#[component]
pub fn ProspectDetailView(props: &ProspectDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&SALES_ENTITIES);
    let (detail, retry) = use_fetch((props.id, reload), |(id, _)| {
        api::invoke(cmd::GetProspect { id })
    });
    let delete_error = use_state(|| None::<ApiError>);
    let delete = use_delete_prospect(props.on_deleted.clone(), delete_error.clone());

    let back = props.on_back.clone();
    let header =
        |title: Option<AttrValue>, badges: Option<Html>, lead: Option<AttrValue>, actions: Html| {
            html! {
                <PageHeader page={Page::Prospects} {title} back={back.clone()} {badges} {lead}>
                    { actions }
                </PageHeader>
            }
        };
    let d: Rc<ProspectDetail> = match ready(detail, header(None, None, None, html! {}), retry) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let p = &d.prospect;
    let id = p.id;

    let register = {
        let open = portal.open.clone();
        Callback::from(move |_: MouseEvent| open.emit(Record::NewDeal(Some(id))))
    };
    let new_quote = {
        let open = portal.open.clone();
        Callback::from(move |_: MouseEvent| {
            open.emit(Record::NewQuote(Some(QuoteFor::Prospect(id)), None))
        })
    };
    let edit = props.on_edit.reform(|_: MouseEvent| ());
    let badges = html! {
        <>
            { prospect_badge(p.status, Some("prospect-status-badge")) }
            if d.pending { { pending_badge() } }
        </>
    };
    let actions = html! {
        <>
            <button id="delete-prospect" type="button" class="button button-danger-quiet" onclick={delete.ask.clone()}>
                { icons::trash() }{ "Delete" }
            </button>
            <button id="edit-prospect" type="button" class="button" onclick={edit}>
                { icons::edit() }{ "Edit" }
            </button>
            <button id="new-quote-for-prospect" type="button" class="button" onclick={new_quote}>
                { icons::plus() }{ "New quote" }
            </button>
            <button id="register-deal" type="button" class="button button-primary" onclick={register.clone()}>
                { icons::plus() }{ "Register a deal" }
            </button>
        </>
    };
    let open = portal.open.clone();
    let deals = if d.deals.is_empty() {
        html! {
            <div class="empty empty-compact">
                <p>{ "No deal registrations yet." }</p>
                <button type="button" class="button button-small" onclick={register}>
                    { icons::plus() }{ "Register a deal" }
                </button>
            </div>
        }
    } else {
        html! {
            <div class="table-wrap table-wrap-flat">
                <table class="table table-compact table-interactive" id="prospect-deals-table">
                    <caption class="visually-hidden">{ "Deal registrations on this prospect" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Number" }</th>
                            <th scope="col" class="cell-numeric">{ "Value" }</th>
                            <th scope="col">{ "Close" }</th>
                            <th scope="col">{ "Status" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for d.deals.iter().map(|deal| deal_line(deal, &open)) }</tbody>
                </table>
            </div>
        }
    };

    html! {
        <>
            { header(Some(p.company_name.clone().into()), Some(badges), Some(p.domain.to_string().into()), actions) }
            if let Some(e) = &*delete_error {
                <ErrorBanner error={e.clone()} />
            }
            <div class="split" id="prospect-detail" data-prospect-id={id.to_string()}>
                <div class="stack">
                    <Card title="Company">
                        <Fields>
                            <Field label="Company" name="company_name">{ p.company_name.clone() }</Field>
                            <Field label="Email domain" name="domain"><span class="selectable">{ p.domain.to_string() }</span></Field>
                            <Field label="Sector" name="sector">{ text_or_dash(&p.sector) }</Field>
                            <Field label="Mailboxes" name="mailboxes">{ format::count(p.mailboxes) }</Field>
                            <Field label="Status" name="status">{ p.status.label() }</Field>
                            <Field label="Owner" name="owner">{ owner_name(&portal, &props.users, p.owner_id) }</Field>
                            <Field label="Address" name="address">{ address_lines(p.address.lines()) }</Field>
                        </Fields>
                    </Card>
                    // Beside the company, not in the narrow column: its table needs the width.
                    <Card title="Deal registrations" class={classes!("prospect-deals")}>
                        <div id="prospect-deals">{ deals }</div>
                    </Card>
                    <Card title="Notes">
                        <Fields>
                            <Field label="Infrastructure" name="infrastructure_notes">{ notes_view(&p.infrastructure_notes) }</Field>
                            <Field label="Notes" name="notes">{ notes_view(&p.notes) }</Field>
                        </Fields>
                    </Card>
                </div>
                <div class="stack">
                    { contact_card("Primary contact", "prospect-primary-contact", &p.primary_contact) }
                    { contact_card("Implementation lead", "prospect-implementation-lead", &p.implementation_lead) }
                </div>
            </div>
            { delete.dialog(Some(id), &p.company_name) }
        </>
    }
}
