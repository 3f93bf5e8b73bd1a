//! One order: the customer's details and purchase order, its value, where it stands with the
//! vendor ("waiting for the server" until it answers, then its answer), and — while it waits for
//! the customer — the way to complete and submit it.

use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons, ready,
        record_badges::{order_badge, pending_badge, waiting_badge},
        status_banner, Card, Field, Fields, PageHeader,
    },
    context::{Record, QUOTING_ENTITIES},
    format,
    hooks::{use_detail, use_portal, use_sync_state},
};
use portal_core::{
    ids::OrderId, menu::Page, money::Money, order::OrderStatus, quoting::OrderDetail,
    shell::commands as cmd, ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrderDetailProps {
    pub id: OrderId,
    pub on_back: Callback<()>,
    pub on_edit: Callback<()>,
}

/// What the status means for the partner, in a sentence.
fn status_note(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingCustomerApproval => "Saved on your side. Submit it once the customer has approved it and sent their purchase order.",
        OrderStatus::Submitted => "Sent to the vendor, who checks it before setting up the subscriptions.",
        OrderStatus::Processing => "The vendor accepted it and is setting up the customer's subscriptions.",
        OrderStatus::Provisioned => "The customer's subscriptions are live.",
        OrderStatus::Refused => "The vendor did not accept it, for the reason shown. Correct it, then submit it again.",
    }
}

#[component]
pub fn OrderDetailView(props: &OrderDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&QUOTING_ENTITIES);
    let detail = use_detail(props.id, reload, |id| api::invoke(cmd::GetOrder { id }));
    // Read again after the user's own step: its answer may have crossed the sync that followed it.
    let refetch = detail.retry.clone();
    let acted = detail.acted.clone();
    let submitting = use_state(|| false);
    let submit_error = use_state(|| None::<ApiError>);
    let back = props.on_back.clone();
    let header = html! { <PageHeader page={Page::Orders} title="Order" back={back.clone()} /> };
    let d: Rc<OrderDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let o = &d.order;
    let id = o.id;
    let status = o.status;
    let waiting = d.waiting_for_server;
    // Pending or refused: the partner may edit it and submit it (again), as the core's life cycle says.
    let with_partner = status.is_with_partner();

    let submit = {
        let (acted, submitting, submit_error) =
            (acted.clone(), submitting.clone(), submit_error.clone());
        let (refresh, refetch) = (sync.refresh.clone(), refetch.clone());
        Callback::from(move |_: MouseEvent| {
            if *submitting {
                return;
            }
            submitting.set(true);
            submit_error.set(None);
            let (acted, submitting, submit_error) =
                (acted.clone(), submitting.clone(), submit_error.clone());
            let (refresh, refetch) = (refresh.clone(), refetch.clone());
            spawn_local(async move {
                let answer = api::invoke(cmd::SubmitOrder { id }).await;
                submitting.set(false);
                match answer {
                    Ok(detail) => {
                        acted.set(Some(Rc::new(detail)));
                        refresh.emit(());
                        refetch.emit(());
                    }
                    Err(e) => submit_error.set(Some(e)),
                }
            });
        })
    };
    let edit = props.on_edit.reform(|_: MouseEvent| ());
    let actions = html! {
        if with_partner && !waiting {
            <button id="edit-order" type="button" class="button" disabled={*submitting} onclick={edit.clone()}>
                { icons::edit() }{ "Edit details" }
            </button>
            <button id="submit-order" type="button" class="button button-primary" disabled={*submitting}
                aria-busy={submitting.to_string()} onclick={submit}>
                if *submitting {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Submitting…" }
                } else {
                    { icons::send() }{ if status == OrderStatus::Refused { "Submit again" } else { "Submit order" } }
                }
            </button>
        }
    };
    let badges = html! {
        <>
            { order_badge(status, Some("order-status")) }
            if waiting { { waiting_badge() } }
            if d.pending && !waiting { { pending_badge() } }
        </>
    };

    let open = portal.open.clone();
    let quote_id = o.quote_id;
    let open_quote = open.reform(move |_: MouseEvent| Record::Quote(quote_id));
    // Shown twice once provisioned (the banner and the Progress card): one id each.
    let customer_button = |id: &'static str| match (o.customer_id, &d.customer_name) {
        (Some(c), Some(name)) => {
            let onclick = open.reform(move |_: MouseEvent| Record::Customer(c));
            Some(html! {
                <button {id} type="button" class="button button-link" {onclick}>
                    { name.clone() }
                </button>
            })
        }
        _ => None,
    };
    let customer_link = match (o.customer_id, customer_button("order-customer-link")) {
        (_, Some(link)) => link,
        (Some(_), None) => html! { <span class="muted">{ "Arrives with the next sync" }</span> },
        (None, _) => html! { <span class="muted">{ "—" }</span> },
    };

    // ---- Banners ----
    let mut banners = Vec::new();
    if let Some(e) = &*submit_error {
        let fix = (e.field.is_some() && with_partner).then(|| {
            html! {
                <button type="button" class="button button-small" id="submit-order-fix" onclick={edit.clone()}>
                    { "Complete the details" }
                </button>
            }
        });
        banners.push(html! {
            <div class="banner banner-error" role="alert" id="order-submit-error">
                { icons::alert() }
                <span class="banner-text">{ e.message.clone() }</span>
                { fix.unwrap_or_default() }
            </div>
        });
    }
    if waiting {
        banners.push(status_banner(
            "banner-info",
            "order-waiting",
            icons::clock(),
            html! { { "Waiting for the server: the vendor's answer shows here once the app has synced." } },
        ));
    }
    match status {
        OrderStatus::Refused => {
            // What happened (the vendor's own words), then what to do, on a line of its own.
            let reason = match o.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
                Some(r) => html! {
                    <>{ "Their reason: “" }<span id="order-status-reason">{ r.clone() }</span>{ "”" }</>
                },
                None => html! { <span id="order-status-reason">{ "No reason was given." }</span> },
            };
            banners.push(status_banner(
                "banner-error",
                "order-refused",
                icons::alert(),
                html! {
                    <>
                        <strong>{ "The vendor refused this order." }</strong>{ " " }{ reason }
                        <span class="banner-next">
                            { "Correct it with " }<strong>{ "Edit details" }</strong>
                            { ", then press " }<strong>{ "Submit again" }</strong>
                            { " to send it back to the vendor." }
                        </span>
                    </>
                },
            ));
        }
        OrderStatus::Provisioned => banners.push(status_banner(
            "banner-success",
            "order-provisioned",
            icons::check_circle(),
            html! {
                <>
                    { format!("Provisioned{}. ", o.provisioned_on.map(|d| format!(" on {}", format::date(d))).unwrap_or_default()) }
                    if let Some(link) = customer_button("order-provisioned-customer-link") {
                        { "Customer: " }{ link }
                    }
                </>
            },
        )),
        OrderStatus::PendingCustomerApproval if !waiting => banners.push(status_banner(
            "banner-info",
            "order-pending-note",
            icons::info(),
            html! { { "Waiting for the customer's approval and purchase order. Complete the details, then submit the order to the vendor." } },
        )),
        _ => {}
    }

    let margin = Money::new(o.total.minor - o.cost_total.minor, o.total.currency);
    let lead = format!("{} · from quote {}", o.company_name, d.quote.reference);
    let po_file = match &o.po_attachment {
        Some(a) => html! {
            <span class="file-inline" id="order-po-file-name">
                { icons::file() }<span class="selectable">{ a.file_name.clone() }</span>
                <span class="muted">{ format!("· {}", format::file_size(a.size)) }</span>
            </span>
        },
        None if with_partner => html! { <span class="muted">{ "Not attached yet" }</span> },
        None => html! { <span class="muted">{ "None" }</span> },
    };

    html! {
        <>
            <PageHeader page={Page::Orders} title={AttrValue::from(o.reference())} {back} {badges}
                lead={AttrValue::from(lead)}>
                { actions }
            </PageHeader>
            // One node however many there are, so the content after keeps its place.
            <>{ for banners }</>
            <div class="split" id="order-detail" data-order-id={id.to_string()} data-status={status.as_str()}
                data-waiting={waiting.then_some("true")}>
                <div class="stack">
                    <Card title="Customer">
                        <Fields>
                            <Field label="Company" name="company_name">{ text_or_dash(&o.company_name) }</Field>
                            <Field label="Sector" name="sector">{ text_or_dash(&o.sector) }</Field>
                            <Field label="Address" name="address">{ address_lines(o.address.lines()) }</Field>
                        </Fields>
                    </Card>
                    <Card title="Purchase order">
                        <Fields>
                            <Field label="PO number" name="po_number">
                                if o.po_number.trim().is_empty() {
                                    <span class="muted">{ "Not given yet" }</span>
                                } else {
                                    <span class="selectable">{ o.po_number.clone() }</span>
                                }
                            </Field>
                            <Field label="PO file" name="po_attachment">{ po_file }</Field>
                        </Fields>
                    </Card>
                </div>
                <div class="stack">
                    <Card title="Value">
                        <dl class="totals-customer">
                            <div class="totals-row totals-row-grand" data-figure="total">
                                <dt>{ "Customer total" }</dt>
                                <dd><span class="totals-grand">{ o.total.to_string() }</span></dd>
                            </div>
                        </dl>
                        <section class="totals-internal" aria-label="Internal figures">
                            <p class="totals-internal-title">
                                { icons::shield() }{ "Internal" }
                                <span class="totals-internal-note">{ "Not shown to the customer" }</span>
                            </p>
                            <dl>
                                <div class="totals-row" data-figure="rrp_total"><dt>{ "Value at RRP" }</dt><dd>{ o.rrp_total.to_string() }</dd></div>
                                <div class="totals-row" data-figure="cost_total"><dt>{ "Value at cost" }</dt><dd>{ o.cost_total.to_string() }</dd></div>
                                <div class={classes!("totals-row", (margin.minor < 0).then_some("figure-negative"))} data-figure="margin">
                                    <dt>{ "Margin" }</dt>
                                    <dd>{ format!("{margin} ({})", format::share(margin, o.total)) }</dd>
                                </div>
                            </dl>
                        </section>
                    </Card>
                    <Card title="Progress">
                        <Fields>
                            <Field label="Status" name="status">{ status.label() }</Field>
                            <Field label="Quote" name="quote">
                                <button id="order-quote-link" type="button" class="button button-link" onclick={open_quote}>
                                    { d.quote.reference.clone() }
                                </button>
                            </Field>
                            <Field label="Started" name="created_on">{ format::date(o.created_on) }</Field>
                            <Field label="Submitted" name="submitted_on">{ format::date_or_dash(o.submitted_on) }</Field>
                            <Field label="Provisioned" name="provisioned_on">{ format::date_or_dash(o.provisioned_on) }</Field>
                            <Field label="Customer" name="customer">{ customer_link }</Field>
                        </Fields>
                        <p class="card-note">{ status_note(status) }</p>
                    </Card>
                </div>
            </div>
        </>
    }
}
