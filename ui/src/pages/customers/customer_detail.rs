//! One customer: who they are, their subscriptions and when they renew, the orders that
//! provisioned them, their support cases and invoices.

use super::{new_case::NewCaseForm, support_cases::case_number};
use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons, ready,
        record_badges::{case_badge, invoice_badge, order_badge, priority_badge},
        Card, Field, Fields, PageHeader, Table,
    },
    context::{Record, CUSTOMER_ENTITIES},
    format,
    hooks::{use_detail, use_portal, use_sync_state},
};
use portal_core::{customers::CustomerDetail, ids::CustomerId, menu::Page, shell::commands as cmd};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CustomerDetailProps {
    pub id: CustomerId,
    pub on_back: Callback<()>,
}

fn headers<const N: usize>(names: [&'static str; N]) -> Vec<AttrValue> {
    names.map(AttrValue::from).to_vec()
}

fn empty_note(id: &'static str, text: &'static str) -> Html {
    html! { <p class="empty empty-compact" {id}>{ text }</p> }
}

#[component]
pub fn CustomerDetailView(props: &CustomerDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&CUSTOMER_ENTITIES);
    let detail = use_detail(props.id, reload, |id| api::invoke(cmd::GetCustomer { id }));
    let new_case = use_state(|| false);
    let back = props.on_back.clone();
    let header =
        html! { <PageHeader page={Page::Customers} title="Customer" back={back.clone()} /> };
    let d: Rc<CustomerDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let c = &d.customer;
    let open = portal.open.clone();
    if *new_case {
        let on_cancel = {
            let new_case = new_case.clone();
            Callback::from(move |()| new_case.set(false))
        };
        let on_opened = {
            let new_case = new_case.clone();
            open.reform(move |id| {
                new_case.set(false);
                Record::SupportCase(id)
            })
        };
        return html! {
            <NewCaseForm page={Page::Customers}
                customer={Some((c.id, AttrValue::from(c.company_name.clone())))}
                {on_opened} {on_cancel} />
        };
    }
    let on_new_case = {
        let new_case = new_case.clone();
        Callback::from(move |_: MouseEvent| new_case.set(true))
    };
    let lead = [c.domain.as_str(), c.sector.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");

    let subscriptions = if d.subscriptions.is_empty() {
        empty_note("customer-subscriptions-empty", "No subscriptions.")
    } else {
        html! {
            <Table id="customer-subscriptions" caption="Subscriptions"
                headers={headers(["Product", "Seats", "Term", "Started", "Ends"])}>
                { for d.subscriptions.iter().map(|s| html! {
                    <tr key={s.id.to_string()} data-subscription-id={s.id.to_string()}>
                        <td class="cell-strong">{ s.product.clone() }</td>
                        <td class="cell-numeric">{ format::count(s.seats) }</td>
                        <td class="cell-nowrap">{ format::term(s.term_months) }</td>
                        <td class="cell-nowrap">{ format::date(s.starts_on) }</td>
                        <td class="cell-nowrap">{ format::date(s.ends_on) }</td>
                    </tr>
                }) }
            </Table>
        }
    };

    let renewals = if d.renewals.is_empty() {
        empty_note("customer-renewals-empty", "No renewal is coming up.")
    } else {
        html! {
            <Table id="customer-renewals" caption="Renewals"
                headers={headers(["Product", "Seats", "Renewal date", "Value", ""])}>
                { for d.renewals.iter().map(|r| {
                    let (customer, product, seats) = (r.customer_id, r.product_id, r.seats);
                    let quote = open.reform(move |_: MouseEvent| Record::RenewalQuote(customer, product, seats));
                    html! {
                        <tr key={r.id.to_string()} data-renewal-id={r.id.to_string()}>
                            <td class="cell-strong">{ r.product.clone() }</td>
                            <td class="cell-numeric">{ format::count(r.seats) }</td>
                            <td class="cell-nowrap">{ format::date(r.due_on) }</td>
                            <td class="cell-numeric cell-nowrap">{ r.value.to_string() }</td>
                            <td class="cell-actions">
                                <button type="button" class="button button-small" onclick={quote}>
                                    { icons::plus() }{ "Renewal quote" }
                                </button>
                            </td>
                        </tr>
                    }
                }) }
            </Table>
        }
    };

    let orders = if d.orders.is_empty() {
        empty_note("customer-orders-empty", "No orders in this app's cache.")
    } else {
        html! {
            <Table id="customer-orders" caption="Orders"
                headers={headers(["Order", "Submitted", "Total", "Status"])}>
                { for d.orders.iter().map(|o| {
                    let id = o.id;
                    let onclick = open.reform(move |_: MouseEvent| Record::Order(id));
                    html! {
                        <tr key={id.to_string()} class="row-link" {onclick}>
                            <td><button type="button" class="row-open cell-strong">{ o.reference.clone() }</button></td>
                            <td class="cell-nowrap">{ format::date(o.submitted_on.unwrap_or(o.created_on)) }</td>
                            <td class="cell-numeric cell-nowrap">{ o.total.to_string() }</td>
                            <td>{ order_badge(o.status, None) }</td>
                        </tr>
                    }
                }) }
            </Table>
        }
    };

    let cases = if d.support_cases.is_empty() {
        empty_note("customer-cases-empty", "No support cases.")
    } else {
        html! {
            <Table id="customer-cases" caption="Support cases"
                headers={headers(["Case", "Subject", "Priority", "Opened", "Status"])}>
                { for d.support_cases.iter().map(|s| {
                    let id = s.id;
                    let onclick = open.reform(move |_: MouseEvent| Record::SupportCase(id));
                    html! {
                        <tr key={id.to_string()} class="row-link" {onclick}>
                            <td class="cell-nowrap"><button type="button" class="row-open cell-strong">{ case_number(&s.number) }</button></td>
                            <td>{ s.subject.clone() }</td>
                            <td>{ priority_badge(s.priority) }</td>
                            <td class="cell-nowrap">{ format::date(s.opened_on) }</td>
                            <td>{ case_badge(s.status, None) }</td>
                        </tr>
                    }
                }) }
            </Table>
        }
    };

    let invoices = if d.invoices.is_empty() {
        empty_note("customer-invoices-empty", "No invoices.")
    } else {
        html! {
            <Table id="customer-invoices" caption="Invoices"
                headers={headers(["Invoice", "Issued", "Due", "Total", "Status"])}>
                { for d.invoices.iter().map(|i| {
                    let id = i.id;
                    let onclick = open.reform(move |_: MouseEvent| Record::Invoice(id));
                    html! {
                        <tr key={id.to_string()} class="row-link" {onclick}>
                            <td class="cell-nowrap"><button type="button" class="row-open cell-strong">{ i.number.clone() }</button></td>
                            <td class="cell-nowrap">{ format::date(i.issued_on) }</td>
                            <td class="cell-nowrap">{ format::date(i.due_on) }</td>
                            <td class="cell-numeric cell-nowrap">{ i.total.to_string() }</td>
                            <td>{ invoice_badge(i.status, None) }</td>
                        </tr>
                    }
                }) }
            </Table>
        }
    };

    html! {
        <>
            <PageHeader page={Page::Customers} title={AttrValue::from(c.company_name.clone())}
                {back} lead={AttrValue::from(lead)}>
                <button id="customer-new-case" type="button" class="button" onclick={on_new_case}>
                    { icons::plus() }{ "New case" }
                </button>
            </PageHeader>
            <div class="stack" id="customer-detail" data-customer-id={c.id.to_string()}>
                <div class="split">
                    <Card title="Customer">
                        <Fields>
                            <Field label="Domain" name="domain">{ text_or_dash(&c.domain) }</Field>
                            <Field label="Sector" name="sector">{ text_or_dash(&c.sector) }</Field>
                            <Field label="Contact" name="contact">
                                { text_or_dash(&c.contact_name) }
                                if !c.contact_email.is_empty() {
                                    <span class="cell-sub selectable">{ c.contact_email.clone() }</span>
                                }
                            </Field>
                            <Field label="Address" name="address">{ address_lines(c.address.lines()) }</Field>
                        </Fields>
                    </Card>
                    <Card title="At a glance">
                        <Fields>
                            <Field label="Users" name="users">
                                { d.users.map(format::count).unwrap_or_else(|| "—".to_owned()) }
                            </Field>
                            <Field label="Next renewal" name="next_renewal">
                                { format::date_or_dash(d.next_renewal) }
                            </Field>
                            <Field label="Owner" name="owner">{ text_or_dash(&c.owner_name) }</Field>
                        </Fields>
                    </Card>
                </div>
                <Card title="Subscriptions">{ subscriptions }</Card>
                <Card title="Renewals">{ renewals }</Card>
                <Card title="Invoices">{ invoices }</Card>
                <Card title="Support cases">{ cases }</Card>
                <Card title="Orders">{ orders }</Card>
            </div>
        </>
    }
}
