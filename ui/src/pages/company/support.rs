//! Technical support: how to reach the vendor's support team, and the knowledge base.

use crate::{
    api,
    components::{fields::text_or_dash, icons, Card, Field, Fields, PageHeader},
    hooks::use_portal,
};
use portal_core::{menu::Page, shell::ExternalLink};
use yew::prelude::*;

#[component]
pub fn TechnicalSupport() -> Html {
    let portal = use_portal();
    let b = &portal.session.branding;
    let open_kb = Callback::from(|_: MouseEvent| {
        api::open_external_in_background(ExternalLink::KnowledgeBase)
    });
    html! {
        <>
            <PageHeader page={Page::TechnicalSupport}
                lead={AttrValue::from(format!("How to reach {}'s support team.", b.vendor_name))} />
            <div class="card-grid card-grid-wide">
                <Card title="Contact support">
                    <Fields>
                        <Field label="Email" name="support-email">
                            <span class="selectable">{ text_or_dash(&b.support_email) }</span>
                        </Field>
                        <Field label="Phone" name="support-phone">
                            <span class="selectable">{ text_or_dash(&b.support_phone) }</span>
                        </Field>
                    </Fields>
                </Card>
                <Card title="Knowledge base">
                    <p class="prose">
                        { "Answers to common questions, product guides and troubleshooting articles." }
                    </p>
                    <button type="button" id="knowledge-base-button" class="button button-primary"
                        onclick={open_kb}>
                        { icons::help() }<span>{ "Open the knowledge base" }</span>
                    </button>
                </Card>
            </div>
        </>
    }
}
