//! Shared building blocks of every page: header, cards, banners, tables, read-only fields, remote data.

pub mod banner;
pub mod card;
pub mod fields;
pub mod icons;
pub mod not_built;
pub mod page_header;
pub mod remote;
pub mod table;

pub use banner::{CacheBanner, ErrorBanner};
pub use card::Card;
pub use fields::{Field, Fields};
pub use not_built::NotBuilt;
pub use page_header::PageHeader;
pub use remote::use_remote;
pub use table::Table;
