//! Customers area (administrators): customers with their subscriptions, orders placed from
//! accepted quotes, support cases, renewals and invoices — all read from the local cache.

mod customer_detail;
mod customer_list;
mod invoices;
mod new_case;
mod order_detail;
mod order_form;
mod orders;
mod po_file;
mod renewals;
mod support_cases;

use crate::{
    components::{StatusBadge, Tone},
    pages::sales::list::{page_query, PageQuery, Paged, PAGE_SIZE},
};
use portal_core::{
    customers::{
        CasePriority, CaseStatus, CustomerList, CustomerQuery, CustomerRow, CustomerSort,
        InvoiceList, InvoiceQuery, InvoiceRow, InvoiceSort, InvoiceStatus, RenewalList,
        RenewalQuery, RenewalRow, RenewalSort, SupportCaseList, SupportCaseQuery, SupportCaseRow,
        SupportCaseSort,
    },
    menu::Page,
};
use yew::prelude::*;

pub fn view(page: Page) -> Html {
    match page {
        Page::Orders => html! { <orders::OrdersPage /> },
        Page::SupportCases => html! { <support_cases::SupportCasesPage /> },
        Page::Renewals => html! { <renewals::RenewalsPage /> },
        Page::Invoices => html! { <invoices::InvoicesPage /> },
        _ => html! { <customer_list::CustomersPage /> },
    }
}

/// The kinds of record the Customers area's pages show, as `data-changed` names them.
pub const CUSTOMER_ENTITIES: [&str; 7] = [
    "customer",
    "subscription",
    "renewal",
    "invoice",
    "support_case",
    "order",
    "product",
];

page_query!(
    CustomerQuery => CustomerSort,
    RenewalQuery => RenewalSort,
    InvoiceQuery => InvoiceSort,
    SupportCaseQuery => SupportCaseSort,
);

impl Paged for CustomerList {
    type Row = CustomerRow;
    fn into_parts(self) -> (Vec<CustomerRow>, u64) {
        (self.rows, self.total)
    }
}

impl Paged for RenewalList {
    type Row = RenewalRow;
    fn into_parts(self) -> (Vec<RenewalRow>, u64) {
        (self.rows, self.total)
    }
}

impl Paged for InvoiceList {
    type Row = InvoiceRow;
    fn into_parts(self) -> (Vec<InvoiceRow>, u64) {
        (self.rows, self.total)
    }
}

impl Paged for SupportCaseList {
    type Row = SupportCaseRow;
    fn into_parts(self) -> (Vec<SupportCaseRow>, u64) {
        (self.rows, self.total)
    }
}

pub fn invoice_badge(status: InvoiceStatus, id: Option<&'static str>) -> Html {
    let tone = match status {
        InvoiceStatus::Open => Tone::Info,
        InvoiceStatus::Paid => Tone::Success,
        InvoiceStatus::Overdue => Tone::Danger,
        InvoiceStatus::Void => Tone::Neutral,
    };
    let wire = crate::pages::sales::wire_name(status);
    html! { <StatusBadge label={status.label()} {tone} id={id.map(AttrValue::from)} status={AttrValue::from(wire)} /> }
}

pub fn case_badge(status: CaseStatus, id: Option<&'static str>) -> Html {
    let tone = match status {
        CaseStatus::Open => Tone::Warning,
        CaseStatus::Closed => Tone::Neutral,
    };
    let wire = crate::pages::sales::wire_name(status);
    html! { <StatusBadge label={status.label()} {tone} id={id.map(AttrValue::from)} status={AttrValue::from(wire)} /> }
}

pub fn priority_badge(priority: CasePriority) -> Html {
    let tone = match priority {
        CasePriority::Low => Tone::Neutral,
        CasePriority::Normal => Tone::Info,
        CasePriority::High => Tone::Warning,
        CasePriority::Urgent => Tone::Danger,
    };
    let wire = crate::pages::sales::wire_name(priority);
    html! { <StatusBadge label={priority.label()} {tone} status={AttrValue::from(wire)} /> }
}
