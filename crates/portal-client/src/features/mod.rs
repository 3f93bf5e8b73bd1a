//! The app's commands, by the menu's groups ([`portal_core::menu`]): the only place with
//! `impl Portal` for a feature. Each group is a world of its own; what two groups need lives a
//! layer down ([`crate::lists`], [`crate::replica`]…), never in a sibling.
//!
//! | Menu | Module |
//! |---|---|
//! | Dashboard | [`home`] |
//! | Sales › Deals, Prospects, Quotes | [`sales`] |
//! | Sales › Pending Changes (and syncing) | [`pending`] |
//! | Customers › Customers, Orders, Support Cases, Renewals, Invoices | [`customers`] |
//! | Company › News | [`company`] |
//! | Resources › What's New, the categories, Briefcase | [`resources`] |
//! | PIMS › Campaigns, Lead Inbox, Campaign Results, Marketing Profile | [`pims`] |
//! | My Account, Partner Details, User Maintenance | [`account`] |
//!
//! Signing in and out is [`crate::session`]'s.

pub mod account;
pub mod company;
pub mod customers;
pub mod home;
pub mod pending;
pub mod pims;
pub mod resources;
pub mod sales;
