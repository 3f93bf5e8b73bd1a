//! The firm's users, for owners' names, the owner filter and the owner picker.

use crate::{api, context::PortalContext};
use portal_core::{api::user::UserProfile, ids::UserId, shell::commands as cmd, Role};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The firm's users, by last and first name (administrators only).
pub type Users = Option<Rc<Vec<UserProfile>>>;

/// Loads the firm's users once when the signed-in user is an administrator.
#[hook]
pub fn use_users(role: Role) -> Users {
    let users = use_state(|| None::<Rc<Vec<UserProfile>>>);
    {
        let users = users.clone();
        use_effect_with(role, move |role| {
            if role.sees_all_firm_records() {
                spawn_local(async move {
                    // Without the list the page still works: owners show by the names rows carry.
                    if let Ok(snapshot) = api::invoke(cmd::ListUsers {}).await {
                        let mut list = snapshot.data;
                        list.sort_by_key(|u| {
                            (u.last_name.to_lowercase(), u.first_name.to_lowercase())
                        });
                        users.set(Some(Rc::new(list)));
                    }
                });
            }
        });
    }
    (*users).clone()
}

/// A user's name as the firm knows it; the signed-in user is "you".
pub fn owner_name(portal: &PortalContext, users: &Users, id: UserId) -> String {
    let me = &portal.session.profile.user;
    if id == me.id {
        return format!("{} (you)", me.full_name());
    }
    users
        .as_ref()
        .and_then(|list| list.iter().find(|u| u.id == id))
        .map(|u| u.full_name())
        .unwrap_or_else(|| "Another user".to_owned())
}
