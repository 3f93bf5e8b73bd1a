//! What the signed-in shell gives every page, as the types the layers under the shell name: where
//! the user is ([`Route`], [`Record`]), the session and what a page may ask of the shell
//! ([`PortalContext`]), and how syncing stands ([`SyncState`]). The shell provides them; pages
//! read them through `hooks::use_portal` and `hooks::use_sync_state`.

mod portal;
mod route;
mod sync;

pub use portal::PortalContext;
pub use route::{Record, Route};
pub use sync::{
    ReloadKey, SyncState, CUSTOMER_ENTITIES, PIMS_ENTITIES, QUOTING_ENTITIES, RESOURCE_ENTITIES,
    SALES_ENTITIES,
};
