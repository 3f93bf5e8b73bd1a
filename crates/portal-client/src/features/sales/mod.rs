//! The Sales menu group: [`prospects`] (with the domain check), [`deals`] (deal registrations and
//! the price book's product names), [`quotes`] (lists, detail and the price book) with
//! [`quote_edits`] (drafts, steps, revisions), [`quote_pdf`] (a quote printed) and
//! [`customer_picker`] (the quote builder's customers). Its Pending Changes page is
//! [`super::pending`].

pub mod customer_picker;
pub mod deals;
pub mod prospects;
pub mod quote_edits;
pub mod quote_pdf;
pub mod quotes;
