//! The current page: every menu page and the group's page that shows it, for the pages the user's
//! role allows.

use crate::{
    components::{icons, PageHeader},
    hooks::use_portal,
    pages::{account, company, customers, education, home, pending, pims, resources, sales},
};
use portal_core::menu::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageViewProps {
    pub page: Page,
}

#[component]
pub fn PageView(props: &PageViewProps) -> Html {
    let portal = use_portal();
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
        Page::Dashboard => html! { <home::DashboardPage /> },
        Page::Prospects => html! { <sales::ProspectsPage /> },
        Page::Deals => html! { <sales::DealsPage /> },
        Page::Quotes => html! { <sales::QuotesPage /> },
        Page::PendingChanges => html! { <pending::PendingChangesPage /> },
        Page::Customers => html! { <customers::CustomersPage /> },
        Page::Orders => html! { <customers::OrdersPage /> },
        Page::SupportCases => html! { <customers::SupportCasesPage /> },
        Page::Renewals => html! { <customers::RenewalsPage /> },
        Page::Invoices => html! { <customers::InvoicesPage /> },
        Page::WhatsNew
        | Page::SalesTools
        | Page::BrandingLogos
        | Page::CustomerTools
        | Page::Briefcase => resources::view(page),
        Page::Campaigns | Page::Leads | Page::CampaignResults | Page::MarketingProfile => {
            pims::view(page)
        }
        Page::Assessments | Page::BecomeCertified | Page::Academy => education::view(page),
        Page::News => html! { <company::News /> },
        Page::AccountTeam => html! { <company::AccountTeam /> },
        Page::About => html! { <company::About /> },
        Page::TechnicalSupport => html! { <company::TechnicalSupport /> },
        Page::MyAccount => html! { <account::MyAccount /> },
        Page::PartnerDetails => html! { <account::PartnerDetailsPage /> },
        Page::UserMaintenance => html! { <account::UserMaintenance /> },
    }
}
