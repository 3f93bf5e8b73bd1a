//! Shared building blocks of every page: header, cards, banners, tables and lists, read-only
//! fields, form fields, status badges, search, an on/off switch, a record picker, a confirmation dialog, a chart,
//! a quote's figures, and what shows while data loads.

pub mod badge;
pub mod banner;
pub mod card;
pub mod chart;
pub mod dialog;
pub mod fields;
pub mod form;
pub mod icons;
pub mod list;
pub mod loading;
pub mod not_built;
pub mod page_header;
pub mod quote_sheet;
pub mod record_badges;
pub mod record_picker;
pub mod search_box;
pub mod switch;
pub mod table;

pub use badge::{StatusBadge, Tone};
pub use banner::{status_banner, CacheBanner, ErrorBanner};
pub use card::Card;
pub use dialog::{ConfirmDialog, FormDialog};
pub use fields::{Field, Fields};
pub use form::{attention_note, FormSection, SelectField, TextField};
pub use loading::{loading, ready};
pub use not_built::NotBuilt;
pub use page_header::PageHeader;
pub use record_picker::{Picked, PickedCustomer, RecordPicker};
pub use search_box::SearchBox;
pub use switch::Switch;
pub use table::{Column, ListFooter, SortTable, Table};
