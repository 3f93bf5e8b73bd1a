//! The vendor's people who look after the firm, as cards.

use crate::{
    api,
    components::{icons, loading::snapshot, PageHeader},
    hooks::use_fetch,
};
use portal_core::{
    api::partner::{AccountManager, PartnerDetails},
    menu::Page,
    shell::commands as cmd,
};
use yew::prelude::*;

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

fn member(m: &AccountManager) -> Html {
    html! {
        <li class="card person-card" data-person-id={m.id.to_string()}>
            <span class="avatar avatar-lg" aria-hidden="true">{ initials(&m.name) }</span>
            <div class="person-text">
                <h2 class="person-name">{ m.name.clone() }</h2>
                <p class="person-role">{ m.role.clone() }</p>
                <p class="person-contact">{ icons::mail() }<span class="selectable">{ m.email.clone() }</span></p>
                if !m.phone.is_empty() {
                    <p class="person-contact">{ icons::phone() }<span class="selectable">{ m.phone.clone() }</span></p>
                }
            </div>
        </li>
    }
}

#[component]
pub fn AccountTeam() -> Html {
    let (partner, reload) = use_fetch((), |()| api::invoke(cmd::GetPartnerDetails {}));
    html! {
        <>
            <PageHeader page={Page::AccountTeam} lead="The vendor's people who look after your firm." />
            { snapshot(&partner, &reload, |p: &PartnerDetails| {
                if p.account_team.is_empty() {
                    html! { <p class="empty">{ "No account team has been assigned to your firm yet." }</p> }
                } else {
                    html! {
                        <ul class="card-grid" id="account-team" role="list">
                            { for p.account_team.iter().map(member) }
                        </ul>
                    }
                }
            }) }
        </>
    }
}
