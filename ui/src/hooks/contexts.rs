//! The contexts the signed-in shell provides, looked up once here rather than on every page.

use crate::context::{PortalContext, SyncState};
use yew::prelude::*;

const INSIDE_THE_SHELL: &str = "pages and their parts are shown inside the signed-in shell";

/// The signed-in session and what a page may ask of the shell.
#[hook]
pub fn use_portal() -> PortalContext {
    use_context::<PortalContext>().expect(INSIDE_THE_SHELL)
}

/// How syncing stands, and Sync now and refresh.
#[hook]
pub fn use_sync_state() -> SyncState {
    use_context::<SyncState>().expect(INSIDE_THE_SHELL)
}

/// The session when there is one: for parts also shown outside the shell (an error banner).
#[hook]
pub fn use_signed_in() -> Option<PortalContext> {
    use_context::<PortalContext>()
}
