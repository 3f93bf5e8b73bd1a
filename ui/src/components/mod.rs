//! Shared building blocks of every page: header, cards, banners, tables, read-only fields, form
//! fields, badges, search, a confirmation dialog and remote data.

pub mod badge;
pub mod banner;
pub mod card;
pub mod chart;
pub mod dialog;
pub mod fields;
pub mod form;
pub mod icons;
pub mod not_built;
pub mod page_header;
pub mod remote;
pub mod search_box;
pub mod table;

pub use badge::{StatusBadge, Tone};
pub use banner::{status_banner, CacheBanner, ErrorBanner};
pub use card::Card;
pub use dialog::ConfirmDialog;
pub use fields::{Field, Fields};
pub use form::{FormSection, SelectField, TextField};
pub use not_built::NotBuilt;
pub use page_header::PageHeader;
pub use remote::use_remote;
pub use search_box::SearchBox;
pub use table::{Column, ListFooter, SortTable, Table};
