//! Partner Details: the firm's tier, margin, contact details, address and certification.

use crate::{
    api,
    components::{
        fields::{address_lines, text_or_dash},
        loading::snapshot,
        Card, Field, Fields, PageHeader,
    },
    format,
    hooks::use_fetch,
};
use portal_core::{
    api::partner::{CertificationStatus, PartnerDetails},
    menu::Page,
    shell::commands as cmd,
};
use yew::prelude::*;

fn status_class(status: CertificationStatus) -> &'static str {
    match status {
        CertificationStatus::Certified => "badge badge-success",
        CertificationStatus::InProgress => "badge badge-info",
        CertificationStatus::Lapsed => "badge badge-warning",
        CertificationStatus::NotCertified => "badge",
    }
}

fn details(p: &PartnerDetails) -> Html {
    let c = &p.certification;
    html! {
        <div class="card-grid card-grid-wide" id="partner-details">
            <Card title={AttrValue::from(p.name.clone())}>
                <Fields>
                    <Field label="Tier" name="tier">
                        <span class={classes!("badge", "tier", format!("tier-{}", p.tier.label().to_lowercase()))}>
                            { p.tier.label() }
                        </span>
                    </Field>
                    <Field label="Margin" name="margin">{ p.margin.to_string() }</Field>
                    <Field label="Website" name="website"><span class="selectable">{ text_or_dash(&p.website) }</span></Field>
                    <Field label="Phone" name="phone"><span class="selectable">{ text_or_dash(&p.phone) }</span></Field>
                </Fields>
            </Card>
            <Card title="Address">
                { address_lines(p.address.lines()) }
            </Card>
            <Card title="Certification">
                <Fields>
                    <Field label="Status" name="certification-status">
                        <span class={status_class(c.status)}>{ c.status.label() }</span>
                    </Field>
                    <Field label="Level" name="certification-level">
                        { text_or_dash(c.level.as_deref().unwrap_or_default()) }
                    </Field>
                    <Field label="Certified on" name="certified-on">{ format::date_or_dash(c.certified_on) }</Field>
                    <Field label="Expires on" name="expires-on">{ format::date_or_dash(c.expires_on) }</Field>
                    <Field label="Certified people" name="certified-people">{ c.certified_people }</Field>
                </Fields>
            </Card>
        </div>
    }
}

#[component]
pub fn PartnerDetailsPage() -> Html {
    let (partner, reload) = use_fetch((), |()| api::invoke(cmd::GetPartnerDetails {}));
    html! {
        <>
            <PageHeader page={Page::PartnerDetails} lead="Your firm as the vendor's partner programme records it." />
            { snapshot(&partner, &reload, details) }
        </>
    }
}
