//! The app's pages, one module per menu group, and the switch that shows the current one.

mod account;
mod company;
mod customers;
mod education;
mod home;
mod resources;
mod sales;

use crate::{
    components::{icons, PageHeader},
    shell::PortalContext,
};
use portal_core::menu::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageViewProps {
    pub page: Page,
}

#[component]
pub fn PageView(props: &PageViewProps) -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let page = props.page;
    if !page.allowed_for(portal.session.profile.user.role) {
        return html! {
            <>
                <PageHeader page={page} />
                <div class="banner banner-error" role="alert">
                    { icons::alert() }
                    <span>{ "Your role does not allow this. Ask your firm's administrator." }</span>
                </div>
            </>
        };
    }
    match page {
        Page::Dashboard => home::view(),
        Page::Deals | Page::Prospects | Page::Quotes | Page::PendingChanges => sales::view(page),
        Page::Customers | Page::Orders | Page::SupportCases | Page::Renewals | Page::Invoices => {
            customers::view(page)
        }
        Page::WhatsNew
        | Page::SalesTools
        | Page::Pims
        | Page::BrandingLogos
        | Page::Campaigns
        | Page::CustomerTools => resources::view(page),
        Page::Assessments | Page::BecomeCertified | Page::Academy => education::view(page),
        Page::News | Page::AccountTeam | Page::About | Page::TechnicalSupport => {
            company::view(page)
        }
        Page::MyAccount | Page::PartnerDetails | Page::UserMaintenance => account::view(page),
    }
}
