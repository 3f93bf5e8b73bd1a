//! The vendor's branding, from the server's configuration: `GET /api/v1/branding` (no sign-in needed).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    /// The software vendor's name, shown in the title bar and sign-in screen.
    pub vendor_name: String,
    /// The name of the portal product, such as "Partner Portal".
    pub portal_name: String,
    /// The vendor's community site, shown as a menu entry.
    pub community_name: String,
    pub community_url: String,
    pub blog_url: String,
    /// Opened by the toolbar's Help button.
    pub knowledge_base_url: String,
    pub support_email: String,
    pub support_phone: String,
    /// A paragraph about the vendor, for Company > About.
    pub about: String,
}
