//! User Maintenance (administrators): the firm's users and their roles.

use super::registered_label;
use crate::{
    api,
    components::{loading::snapshot, PageHeader, Table},
    format,
    hooks::use_fetch,
};
use portal_core::{api::user::UserProfile, menu::Page, shell::commands as cmd};
use yew::prelude::*;

fn row(u: &UserProfile) -> Html {
    html! {
        <tr data-user-id={u.id.to_string()}>
            <td class="cell-strong">{ u.full_name() }</td>
            <td class="selectable">{ u.email.clone() }</td>
            <td><span class="badge">{ u.role.label() }</span></td>
            <td>
                <span class={if u.registered { "status status-ok" } else { "status status-pending" }}>
                    { registered_label(u.registered) }
                </span>
            </td>
            <td class="cell-nowrap">
                { u.last_sign_in.map(format::local_date_time).unwrap_or_else(|| "Never".into()) }
            </td>
        </tr>
    }
}

fn users_table(users: &[UserProfile]) -> Html {
    if users.is_empty() {
        return html! { <p class="empty">{ "Your firm has no users yet." }</p> };
    }
    let mut sorted: Vec<&UserProfile> = users.iter().collect();
    sorted.sort_by(|a, b| {
        (a.last_name.to_lowercase(), a.first_name.to_lowercase())
            .cmp(&(b.last_name.to_lowercase(), b.first_name.to_lowercase()))
    });
    let headers = ["Name", "Email", "Role", "Registered", "Last sign-in"]
        .into_iter()
        .map(AttrValue::from)
        .collect::<Vec<_>>();
    html! {
        <>
            <p class="muted small">{ format!("{} users", users.len()) }</p>
            <Table id="users-table" caption="Your firm's users" {headers}>
                { for sorted.into_iter().map(row) }
            </Table>
        </>
    }
}

#[component]
pub fn UserMaintenance() -> Html {
    let (users, reload) = use_fetch((), |()| api::invoke(cmd::ListUsers {}));
    html! {
        <>
            <PageHeader page={Page::UserMaintenance} lead="The people of your firm who may sign in to the portal." />
            { snapshot(&users, &reload, |u: &Vec<UserProfile>| users_table(u)) }
        </>
    }
}
