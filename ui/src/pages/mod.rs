//! The app's pages, a folder per menu group as `portal_core::menu` groups them (Home is the
//! Dashboard; Pending Changes has its own). A group names no other group: what two need is in
//! `components` or `hooks`. The shell shows them (`shell::page_view`).

pub mod account;
pub mod company;
pub mod customers;
pub mod education;
pub mod home;
pub mod pending;
pub mod pims;
pub mod resources;
pub mod sales;
