//! The Dashboard, the menu's first page: [`dashboard`].

pub mod dashboard;
