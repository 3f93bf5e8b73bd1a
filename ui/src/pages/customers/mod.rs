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

pub use customer_list::CustomersPage;
pub use invoices::InvoicesPage;
pub use orders::OrdersPage;
pub use renewals::RenewalsPage;
pub use support_cases::SupportCasesPage;
