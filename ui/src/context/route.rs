//! Where the user is: a page, perhaps opened at one record, and the records a page can be opened at.

use chrono::NaiveDate;
use portal_core::{
    customers::{CaseStatus, RenewalWindow},
    deal::DealStatus,
    ids::{CustomerId, DealId, InvoiceId, OrderId, ProductId, ProspectId, QuoteId, SupportCaseId},
    menu::Page,
    order::OrderStatus,
    quote::{QuoteFor, QuoteStatus},
};

/// One record a page can open straight away, from another page or from a link in its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Prospect(ProspectId),
    Deal(DealId),
    /// A new deal registration, for this prospect when one is given.
    NewDeal(Option<ProspectId>),
    Quote(QuoteId),
    /// A new quote, for this prospect or customer and this deal registration when given.
    NewQuote(Option<QuoteFor>, Option<DealId>),
    Order(OrderId),
    /// An order's details form (Start Order opens it).
    EditOrder(OrderId),
    Customer(CustomerId),
    /// A renewal quote for this customer, its first line this product and number of seats.
    RenewalQuote(CustomerId, ProductId, u32),
    Invoice(InvoiceId),
    SupportCase(SupportCaseId),
    /// The quotes list filtered to one status (a Dashboard figure).
    QuotesIn(QuoteStatus),
    /// The quotes list filtered to the open pipeline (a Dashboard figure).
    QuotesInPipeline,
    /// The deal registrations list filtered to one status (a Dashboard figure).
    DealsIn(DealStatus),
    /// The orders list filtered to the orders in progress (a Dashboard figure).
    OrdersInProgress,
    /// The orders list filtered to one status (a Dashboard figure).
    OrdersIn(OrderStatus),
    /// The renewals due in a window (a Dashboard figure).
    RenewalsIn(RenewalWindow),
    /// The renewals still due in the calendar month that starts on this day (a bar of the
    /// Dashboard's chart).
    RenewalsDueIn(NaiveDate),
    /// The support cases list on its open or closed cases (a Dashboard figure).
    SupportCasesIn(CaseStatus),
}

impl Record {
    /// The page that shows the record.
    pub fn page(self) -> Page {
        match self {
            Record::Prospect(_) => Page::Prospects,
            Record::Deal(_) | Record::NewDeal(_) | Record::DealsIn(_) => Page::Deals,
            Record::Quote(_)
            | Record::NewQuote(..)
            | Record::QuotesIn(_)
            | Record::QuotesInPipeline => Page::Quotes,
            Record::Order(_)
            | Record::EditOrder(_)
            | Record::OrdersInProgress
            | Record::OrdersIn(_) => Page::Orders,
            Record::Customer(_) => Page::Customers,
            Record::RenewalQuote(..) => Page::Quotes,
            Record::RenewalsIn(_) | Record::RenewalsDueIn(_) => Page::Renewals,
            Record::Invoice(_) => Page::Invoices,
            Record::SupportCase(_) | Record::SupportCasesIn(_) => Page::SupportCases,
        }
    }
}

/// Where the user is: a page, perhaps opened at one record. `serial` grows with every move, so a
/// page already showing notices being chosen again (and returns to its list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub record: Option<Record>,
    pub serial: u32,
}
