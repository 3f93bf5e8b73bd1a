//! The state and behaviour pages share, as hooks: the shell's contexts, reading records (one fetch
//! hook for all), lists read a page at a time, which view of a page shows, forms being edited and
//! saved, the firm's users, and the briefcase of resources kept offline.

pub mod briefcase;
pub mod contexts;
pub mod detail;
pub mod editing;
pub mod fetch;
pub mod form;
pub mod latest;
pub mod list;
pub mod users;
pub mod view;

pub use briefcase::{use_briefcase, BriefcaseState};
pub use contexts::{use_portal, use_signed_in, use_sync_state};
pub use detail::use_detail;
pub use editing::{field_errors, Apply, Edit, Editing, FieldErrors};
pub use fetch::{use_fetch, Fetch};
pub use list::{use_paged_list, ListState, PAGE_SIZE};
pub use users::{owner_name, use_users, Users};
pub use view::use_view;
