//! The app's pages and its two-level menu, and which role may open each page.
//!
//! The UI draws the menu from [`main_menu`] and [`profile_menu`]; keeping them here means the rule
//! "a Sales user sees no Customers area" is tested once and holds everywhere.

use crate::role::Role;
use serde::{Deserialize, Serialize};

/// Every page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Page {
    Dashboard,
    Deals,
    Prospects,
    Quotes,
    Customers,
    Orders,
    SupportCases,
    Renewals,
    Invoices,
    WhatsNew,
    SalesTools,
    BrandingLogos,
    CustomerTools,
    /// The files kept for offline use.
    Briefcase,
    /// PIMS: how the firm appears on co-branded campaigns.
    MarketingProfile,
    /// PIMS: the vendor's campaign kits and the firm's campaigns from them.
    Campaigns,
    /// PIMS: leads from landing pages and the vendor.
    Leads,
    /// PIMS: each campaign's funnel.
    CampaignResults,
    Assessments,
    BecomeCertified,
    Academy,
    News,
    AccountTeam,
    About,
    TechnicalSupport,
    MyAccount,
    PartnerDetails,
    UserMaintenance,
    PendingChanges,
}

impl Page {
    pub const ALL: [Page; 29] = [
        Page::Dashboard,
        Page::Deals,
        Page::Prospects,
        Page::Quotes,
        Page::Customers,
        Page::Orders,
        Page::SupportCases,
        Page::Renewals,
        Page::Invoices,
        Page::WhatsNew,
        Page::SalesTools,
        Page::BrandingLogos,
        Page::CustomerTools,
        Page::Briefcase,
        Page::MarketingProfile,
        Page::Campaigns,
        Page::Leads,
        Page::CampaignResults,
        Page::Assessments,
        Page::BecomeCertified,
        Page::Academy,
        Page::News,
        Page::AccountTeam,
        Page::About,
        Page::TechnicalSupport,
        Page::MyAccount,
        Page::PartnerDetails,
        Page::UserMaintenance,
        Page::PendingChanges,
    ];

    /// The page's title, as the menu and the page heading show it.
    pub fn title(self) -> &'static str {
        match self {
            Page::Dashboard => "Dashboard",
            Page::Deals => "Deals",
            Page::Prospects => "Prospects",
            Page::Quotes => "Quotes",
            Page::Customers => "Customers",
            Page::Orders => "Orders",
            Page::SupportCases => "Support Cases",
            Page::Renewals => "Renewals",
            Page::Invoices => "Invoices",
            Page::WhatsNew => "What's New",
            Page::SalesTools => "Sales Tools",
            Page::BrandingLogos => "Branding & Logos",
            Page::Campaigns => "Campaigns",
            Page::MarketingProfile => "Marketing Profile",
            Page::Leads => "Lead Inbox",
            Page::CampaignResults => "Campaign Results",
            Page::CustomerTools => "Customer Tools",
            Page::Briefcase => "Briefcase",
            Page::Assessments => "Assessments",
            Page::BecomeCertified => "Become Certified",
            Page::Academy => "Academy",
            Page::News => "News",
            Page::AccountTeam => "Account Team",
            Page::About => "About",
            Page::TechnicalSupport => "Technical Support",
            Page::MyAccount => "My Account",
            Page::PartnerDetails => "Partner Details",
            Page::UserMaintenance => "User Maintenance",
            Page::PendingChanges => "Pending Changes",
        }
    }

    /// A stable identifier (used in element ids, stored menu state and tests).
    pub fn slug(self) -> &'static str {
        match self {
            Page::Dashboard => "dashboard",
            Page::Deals => "deals",
            Page::Prospects => "prospects",
            Page::Quotes => "quotes",
            Page::Customers => "customers",
            Page::Orders => "orders",
            Page::SupportCases => "support-cases",
            Page::Renewals => "renewals",
            Page::Invoices => "invoices",
            Page::WhatsNew => "whats-new",
            Page::SalesTools => "sales-tools",
            Page::BrandingLogos => "branding-logos",
            Page::Campaigns => "campaigns",
            Page::MarketingProfile => "marketing-profile",
            Page::Leads => "leads",
            Page::CampaignResults => "campaign-results",
            Page::CustomerTools => "customer-tools",
            Page::Briefcase => "briefcase",
            Page::Assessments => "assessments",
            Page::BecomeCertified => "become-certified",
            Page::Academy => "academy",
            Page::News => "news",
            Page::AccountTeam => "account-team",
            Page::About => "about",
            Page::TechnicalSupport => "technical-support",
            Page::MyAccount => "my-account",
            Page::PartnerDetails => "partner-details",
            Page::UserMaintenance => "user-maintenance",
            Page::PendingChanges => "pending-changes",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// The resource category a Resources page lists (What's New and the Briefcase list every
    /// category).
    pub fn resource_category(self) -> Option<crate::resources::Category> {
        use crate::resources::Category;
        match self {
            Page::SalesTools => Some(Category::SalesTools),
            Page::BrandingLogos => Some(Category::BrandingLogos),
            Page::CustomerTools => Some(Category::CustomerTools),
            _ => None,
        }
    }

    /// Whether a user of this role may open the page.
    pub fn allowed_for(self, role: Role) -> bool {
        match self {
            Page::Customers
            | Page::Orders
            | Page::SupportCases
            | Page::Renewals
            | Page::Invoices => role.sees_customers_area(),
            Page::UserMaintenance => role.manages_users(),
            Page::Leads => crate::pims::works_leads(role),
            _ => true,
        }
    }
}

/// Where a menu entry leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A page of the app.
    Page(Page),
    /// The vendor's community site, in the system browser.
    Community,
    /// The vendor's blog, in the system browser.
    Blog,
}

/// One clickable line of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    pub label: String,
    pub target: Target,
}

/// A top-level line: a single item, or a group that opens to its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuEntry {
    Item(MenuItem),
    Group {
        label: &'static str,
        items: Vec<MenuItem>,
    },
}

fn page(p: Page) -> MenuItem {
    MenuItem {
        label: p.title().to_owned(),
        target: Target::Page(p),
    }
}

/// The left-hand menu for a role: groups the role may not open are left out entirely.
/// `community_name` is the vendor's name for its community site (from the server's branding).
pub fn main_menu(role: Role, community_name: &str) -> Vec<MenuEntry> {
    let groups: [(&'static str, Vec<Page>); 6] = [
        (
            "Sales",
            vec![
                Page::Deals,
                Page::Prospects,
                Page::Quotes,
                Page::PendingChanges,
            ],
        ),
        (
            "Customers",
            vec![
                Page::Customers,
                Page::Orders,
                Page::SupportCases,
                Page::Renewals,
                Page::Invoices,
            ],
        ),
        (
            "Resources",
            vec![
                Page::WhatsNew,
                Page::SalesTools,
                Page::BrandingLogos,
                Page::CustomerTools,
                Page::Briefcase,
            ],
        ),
        (
            "PIMS",
            vec![
                Page::Campaigns,
                Page::Leads,
                Page::CampaignResults,
                Page::MarketingProfile,
            ],
        ),
        (
            "Education",
            vec![Page::Assessments, Page::BecomeCertified, Page::Academy],
        ),
        (
            "Company",
            vec![
                Page::News,
                Page::AccountTeam,
                Page::About,
                Page::TechnicalSupport,
            ],
        ),
    ];
    let mut menu = vec![MenuEntry::Item(page(Page::Dashboard))];
    for (label, pages) in groups {
        let items: Vec<MenuItem> = pages
            .into_iter()
            .filter(|p| p.allowed_for(role))
            .map(page)
            .collect();
        if !items.is_empty() {
            menu.push(MenuEntry::Group { label, items });
        }
    }
    menu.push(MenuEntry::Item(MenuItem {
        label: community_name.to_owned(),
        target: Target::Community,
    }));
    menu.push(MenuEntry::Item(MenuItem {
        label: "Blog".to_owned(),
        target: Target::Blog,
    }));
    menu
}

/// The menu under the account name in the toolbar.
pub fn profile_menu(role: Role) -> Vec<Page> {
    [Page::MyAccount, Page::PartnerDetails, Page::UserMaintenance]
        .into_iter()
        .filter(|p| p.allowed_for(role))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_labels(menu: &[MenuEntry]) -> Vec<&str> {
        menu.iter()
            .map(|e| match e {
                MenuEntry::Item(i) => i.label.as_str(),
                MenuEntry::Group { label, .. } => label,
            })
            .collect()
    }

    #[test]
    fn administrator_sees_every_group() {
        let menu = main_menu(Role::Administrator, "Community");
        assert_eq!(
            group_labels(&menu),
            [
                "Dashboard",
                "Sales",
                "Customers",
                "Resources",
                "PIMS",
                "Education",
                "Company",
                "Community",
                "Blog"
            ]
        );
        assert_eq!(profile_menu(Role::Administrator).len(), 3);
    }

    #[test]
    fn sales_user_sees_no_customers_area_nor_user_maintenance() {
        for role in [Role::Sales, Role::Marketing, Role::DealRegistration] {
            let menu = main_menu(role, "Community");
            assert!(!group_labels(&menu).contains(&"Customers"), "{role}");
            assert_eq!(profile_menu(role), [Page::MyAccount, Page::PartnerDetails]);
        }
    }

    #[test]
    fn the_lead_inbox_is_for_marketing_sales_and_administrators() {
        for role in Role::ALL {
            let pims = main_menu(role, "Community")
                .into_iter()
                .find_map(|e| match e {
                    MenuEntry::Group {
                        label: "PIMS",
                        items,
                    } => Some(items),
                    _ => None,
                })
                .expect("every role sees PIMS");
            let has_inbox = pims.iter().any(|i| i.target == Target::Page(Page::Leads));
            assert_eq!(has_inbox, role != Role::DealRegistration, "{role}");
        }
    }

    #[test]
    fn slugs_are_unique_and_round_trip() {
        for p in Page::ALL {
            assert_eq!(Page::from_slug(p.slug()), Some(p));
        }
        let mut slugs: Vec<_> = Page::ALL.iter().map(|p| p.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), Page::ALL.len());
    }
}
