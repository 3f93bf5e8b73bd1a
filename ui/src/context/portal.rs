//! The signed-in session as pages see it, and what they may ask of the shell.

use super::{Record, Route};
use portal_core::{
    menu::Page,
    shell::{Preferences, SessionView},
};
use std::rc::Rc;
use yew::prelude::*;

/// What every page may need from the signed-in shell.
#[derive(Clone, PartialEq)]
pub struct PortalContext {
    pub session: Rc<SessionView>,
    pub preferences: Preferences,
    pub route: Route,
    pub navigate: Callback<Page>,
    /// Opens a record on its page.
    pub open: Callback<Record>,
    pub set_preferences: Callback<Preferences>,
    /// Ends the session and returns to the sign-in screen.
    pub sign_out: Callback<()>,
    /// Marketing resources published since the user last looked at What's New (the menu's count).
    pub new_resources: u32,
    /// The count changed (What's New was looked at).
    pub set_new_resources: Callback<u32>,
    /// Pending leads the user has not looked at (the menu's count beside the Lead Inbox).
    pub new_leads: u32,
    /// Asks for that count again (a lead was opened or decided).
    pub recount_leads: Callback<()>,
}
