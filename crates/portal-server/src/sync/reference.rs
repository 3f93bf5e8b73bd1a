//! The read-only reference records a pull carries (customers, subscriptions, renewals, invoices,
//! support cases, the price book, news, courses): which of them only the
//! Customers area's roles receive, and their body shapes, which the OpenAPI document lists (they
//! are read, a page at a time, by [`crate::storage::reference`]).

pub use crate::storage::reference::{
    CourseRecord, CustomerRecord, InvoiceRecord, RenewalRecord, SubscriptionRecord,
    SupportCaseRecord,
};
use portal_core::sync::Entity;

/// The kinds of record in the Customers area, which only administrators receive.
pub const CUSTOMER_AREA: [Entity; 5] = [
    Entity::Customer,
    Entity::Subscription,
    Entity::Renewal,
    Entity::Invoice,
    Entity::SupportCase,
];
