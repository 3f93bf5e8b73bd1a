//! The Customers menu group (administrators only receive its records): [`customer_pages`] (the
//! list and a customer's page, with [`customer_record`], the customer's own record), [`orders`]
//! (with [`purchase_orders`], the customer's purchase-order file), [`support_cases`],
//! [`renewals`] (with [`renewals_csv`] and the shell's [`reminders`]) and [`invoices`].

pub mod customer_pages;
pub mod customer_record;
pub mod invoices;
pub mod orders;
pub mod purchase_orders;
pub mod reminders;
pub mod renewals;
pub mod renewals_csv;
pub mod support_cases;
