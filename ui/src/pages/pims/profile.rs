//! The Marketing Profile page: how the firm appears on every co-branded email, landing page and
//! asset. A checklist says what a launch still needs, each item a link to its field; Marketing and
//! Administrator users edit the form and the logos, the others read it.

use super::{logos::LogoPickers, profile_form::ProfileEditor};
use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        icons, ready, status_banner, Card, Field, Fields, PageHeader,
    },
    context::PIMS_ENTITIES,
    hooks::{use_fetch, use_sync_state},
};
use portal_core::{
    menu::Page,
    pims::{app::ProfileView, profile::Missing},
    shell::commands as cmd,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The element a checklist item leads to: the field's input, the first address line, or a
/// logo's Choose button.
pub fn field_target(m: Missing) -> String {
    match m {
        Missing::Address => "profile-address-line1".to_owned(),
        Missing::WebLogo => "logo-web-choose".to_owned(),
        Missing::PrintLogo => "logo-print-choose".to_owned(),
        other => format!("profile-{}", other.field()),
    }
}

/// Scrolls to the element with `id` and focuses it.
fn go_to_field(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// What a launch still needs, each a link to the field; or that the profile is complete.
fn checklist(view: &ProfileView) -> Html {
    if view.missing.is_empty() {
        return status_banner(
            "banner-success",
            "profile-complete",
            icons::check_circle(),
            html! { { "The profile is complete: campaigns can be launched under your name." } },
        );
    }
    let items = view.missing.iter().map(|m| {
        let target = field_target(*m);
        let link = view.may_edit.then(|| {
            let target = target.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                go_to_field(&target);
            })
        });
        html! {
            <li data-missing={m.field()}>
                { icons::alert() }
                if let Some(onclick) = link {
                    <a href={format!("#{target}")} {onclick}>{ format!("Add {}", m.label()) }</a>
                } else {
                    <span>{ format!("Needs {}", m.label()) }</span>
                }
            </li>
        }
    });
    html! {
        <section class="card checklist" id="profile-checklist" aria-labelledby="profile-checklist-title">
            <h2 class="card-title" id="profile-checklist-title">
                { format!("Before a campaign can be launched ({} to go)", view.missing.len()) }
            </h2>
            <ul class="checklist-items" role="list">{ for items }</ul>
        </section>
    }
}

/// The profile as those who may not edit it see it.
fn read_only(view: &ProfileView) -> Html {
    let p = &view.profile;
    html! {
        <Card title="How your firm appears on campaigns">
            <p class="card-note" id="profile-read-only">
                { "Your firm's Marketing and Administrator users keep this profile up to date." }
            </p>
            <Fields>
                <Field label="Company name" name="company_name">{ text_or_dash(&p.company_name) }</Field>
                <Field label="Address" name="address">{ address_lines(p.address.lines()) }</Field>
                <Field label="Contact" name="contact_name">{ text_or_dash(&p.contact_name) }</Field>
                <Field label="Email" name="email">{ text_or_dash(&p.email) }</Field>
                <Field label="Phone" name="phone">{ text_or_dash(&p.phone) }</Field>
                <Field label="Website" name="website">{ text_or_dash(&p.website) }</Field>
                <Field label="Unsubscribe address" name="unsubscribe">{ text_or_dash(&p.unsubscribe) }</Field>
                <Field label="Brand colour" name="brand_colour">
                    <span class="colour-swatch" style={format!("background: {}", p.brand_colour)} aria-hidden="true"></span>
                    { p.brand_colour.to_string() }
                </Field>
            </Fields>
        </Card>
    }
}

#[component]
pub fn ProfilePage() -> Html {
    let sync = use_sync_state();
    let (fetched, retry) = use_fetch(sync.reload_key(&PIMS_ENTITIES), |_| {
        api::invoke(cmd::GetMarketingProfile {})
    });
    // A logo upload answers the profile: shown until the next read.
    let uploaded = use_state(|| None::<Rc<ProfileView>>);
    let header = html! { <PageHeader page={Page::MarketingProfile} /> };
    let read: Rc<ProfileView> = match ready(fetched, header, retry) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let view = match &*uploaded {
        Some(u) if u.profile.id == read.profile.id => u.clone(),
        _ => read.clone(),
    };
    let on_uploaded = {
        let uploaded = uploaded.clone();
        Callback::from(move |v: ProfileView| uploaded.set(Some(Rc::new(v))))
    };
    html! {
        <div id="marketing-profile" data-may-edit={view.may_edit.to_string()}
            data-missing={view.missing.len().to_string()}>
            <PageHeader page={Page::MarketingProfile}
                lead="How your firm appears on every co-branded email, landing page and asset." />
            if view.unsynced {
                { status_banner("banner-info", "profile-unsynced", icons::clock(), html! {
                    { "Saved on this computer: your latest edits reach the server with the next sync." }
                }) }
            }
            { checklist(&view) }
            <div class="split profile-layout">
                <div class="stack">
                    if view.may_edit {
                        // Read once: a sync never pulls the form from under the user.
                        <ProfileEditor initial={Rc::new(view.profile.clone())} />
                    } else {
                        { read_only(&view) }
                    }
                </div>
                <div class="stack">
                    <LogoPickers view={view.clone()} {on_uploaded} />
                </div>
            </div>
        </div>
    }
}
