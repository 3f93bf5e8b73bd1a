//! About the vendor, from the server's branding.

use crate::{
    components::{fields::text_or_dash, Card, Field, Fields, PageHeader},
    hooks::use_portal,
};
use portal_core::menu::Page;
use yew::prelude::*;

#[component]
pub fn About() -> Html {
    let portal = use_portal();
    let b = &portal.session.branding;
    html! {
        <>
            <PageHeader page={Page::About} />
            <div class="stack">
                <Card title={AttrValue::from(b.vendor_name.clone())} class="about-card">
                    { for b.about.split("\n\n").filter(|p| !p.trim().is_empty())
                        .map(|p| html! { <p class="prose">{ p.trim().to_owned() }</p> }) }
                </Card>
                <Card title="Support contacts">
                    <Fields>
                        <Field label="Email" name="support-email">{ text_or_dash(&b.support_email) }</Field>
                        <Field label="Phone" name="support-phone">{ text_or_dash(&b.support_phone) }</Field>
                    </Fields>
                </Card>
                <p class="muted small">
                    { format!("{} — Reseller Portal {}", b.portal_name, env!("CARGO_PKG_VERSION")) }
                </p>
            </div>
        </>
    }
}
