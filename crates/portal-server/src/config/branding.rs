//! The demo vendor's branding, and how the configuration file overrides part of it.

use portal_core::api::branding::Branding;
use serde::Deserialize;

/// The demo vendor's branding, used unless the configuration says otherwise.
pub fn demo_branding() -> Branding {
    Branding {
        vendor_name: "Bastion Mail".into(),
        portal_name: "Partner Portal".into(),
        community_name: "Bastion Central".into(),
        community_url: "https://community.bastionmail.example".into(),
        blog_url: "https://blog.bastionmail.example".into(),
        knowledge_base_url: "https://support.bastionmail.example/kb".into(),
        support_email: "partners@bastionmail.example".into(),
        support_phone: "+1 555 0100 200".into(),
        about: "Bastion Mail protects the inboxes of more than 20,000 organisations against phishing, \
                malware and data loss. Our partner programme gives resellers the training, tools and \
                margins to build a security practice around email, the channel attackers use most."
            .into(),
    }
}

/// The Branding type lives in portal-core without `Default`/`Deserialize` defaults; a partial table
/// in the TOML file overrides only the fields it names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BrandingOverrides {
    vendor_name: Option<String>,
    portal_name: Option<String>,
    community_name: Option<String>,
    community_url: Option<String>,
    blog_url: Option<String>,
    knowledge_base_url: Option<String>,
    support_email: Option<String>,
    support_phone: Option<String>,
    about: Option<String>,
}

impl BrandingOverrides {
    pub(super) fn apply(self, b: &mut Branding) {
        let fields = [
            (self.vendor_name, &mut b.vendor_name),
            (self.portal_name, &mut b.portal_name),
            (self.community_name, &mut b.community_name),
            (self.community_url, &mut b.community_url),
            (self.blog_url, &mut b.blog_url),
            (self.knowledge_base_url, &mut b.knowledge_base_url),
            (self.support_email, &mut b.support_email),
            (self.support_phone, &mut b.support_phone),
            (self.about, &mut b.about),
        ];
        for (value, slot) in fields {
            if let Some(v) = value {
                *slot = v;
            }
        }
    }
}
