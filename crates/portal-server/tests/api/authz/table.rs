//! The authorization table: every endpoint of the API, who may call it, and what its path names.

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No sign-in needed.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Administrators only.
    Administrator,
    /// Administrators for anyone in their firm; others for their own record only.
    SelfOrAdministrator,
    /// The vendor's staff only (partner users: 403).
    Vendor,
    /// Users who run the firm's marketing (Marketing, Administrator: `portal_core::pims::runs_marketing`).
    Marketing,
    /// Users who work the firm's leads (Marketing, Sales, Administrator: `portal_core::pims::works_leads`).
    Leads,
}

/// What the `{id}` of a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    None,
    User,
    Customer,
    /// A purchase-order file, by its SHA-256.
    Attachment,
    /// Any firm's quote (for the vendor's staff).
    Quote,
    /// Any firm's order (for the vendor's staff).
    Order,
    /// A file of a marketing resource: `{id}` the item, `{sha256}` the file.
    ResourceFile,
    /// One of the firm's logos: `{kind}` web, `{sha256}` the logo.
    Logo,
    /// The firm's (draft) campaign: `{id}`, and `{step}` pause.
    Campaign,
}

/// Every endpoint. Keep in step with the router: `the_table_lists_every_documented_route` fails otherwise.
pub const ENDPOINTS: &[(&str, &str, Access, Target)] = &[
    ("GET", "/health", Access::Public, Target::None),
    ("GET", "/api/v1/openapi.json", Access::Public, Target::None),
    ("GET", "/api/v1/branding", Access::Public, Target::None),
    ("POST", "/api/v1/auth/login", Access::Public, Target::None),
    (
        "POST",
        "/api/v1/auth/logout",
        Access::SignedIn,
        Target::None,
    ),
    ("GET", "/api/v1/me", Access::SignedIn, Target::None),
    ("GET", "/api/v1/partner", Access::SignedIn, Target::None),
    ("GET", "/api/v1/news", Access::SignedIn, Target::None),
    ("GET", "/api/v1/dashboard", Access::SignedIn, Target::None),
    ("GET", "/api/v1/users", Access::Administrator, Target::None),
    (
        "GET",
        "/api/v1/users/{id}",
        Access::SelfOrAdministrator,
        Target::User,
    ),
    (
        "GET",
        "/api/v1/customers",
        Access::Administrator,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/customers/{id}",
        Access::Administrator,
        Target::Customer,
    ),
    // Sync: every role pulls and pushes; what each receives and may change is per record
    // (tests/api/sync.rs).
    (
        "GET",
        "/api/v1/sync/changes",
        Access::SignedIn,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/sync/mutations",
        Access::SignedIn,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/prospects/domain-check",
        Access::SignedIn,
        Target::None,
    ),
    (
        "PUT",
        "/api/v1/attachments/{sha256}",
        Access::SignedIn,
        Target::Attachment,
    ),
    (
        "GET",
        "/api/v1/attachments/{sha256}",
        Access::SignedIn,
        Target::Attachment,
    ),
    // Whether a partner may read a resource's file is the item's audience's to say
    // (tests/api/resources/).
    (
        "GET",
        "/api/v1/resources/{id}/files/{sha256}",
        Access::SignedIn,
        Target::ResourceFile,
    ),
    (
        "POST",
        "/api/v1/vendor/auth/login",
        Access::Public,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/auth/logout",
        Access::Vendor,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/vendor/approvals",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/approvals/{quote_id}",
        Access::Vendor,
        Target::Quote,
    ),
    (
        "POST",
        "/api/v1/vendor/orders/{order_id}/refuse",
        Access::Vendor,
        Target::Order,
    ),
    // The vendor's marketing library (tests/api/resources/vendor.rs).
    ("POST", "/api/v1/vendor/files", Access::Vendor, Target::None),
    (
        "GET",
        "/api/v1/vendor/resources",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/resources",
        Access::Vendor,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/vendor/resources/{id}",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/resources/{id}/versions",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/resources/{id}/withdraw",
        Access::Vendor,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/vendor/resources/usage",
        Access::Vendor,
        Target::None,
    ),
    // PIMS (tests/api/pims/).
    (
        "PUT",
        "/api/v1/pims/profile/logos/{kind}",
        Access::Marketing,
        Target::None,
    ),
    (
        "GET",
        "/api/v1/pims/profile/logos/{kind}/{sha256}",
        Access::SignedIn,
        Target::Logo,
    ),
    (
        "POST",
        "/api/v1/pims/campaigns/{id}/{step}",
        Access::Marketing,
        Target::Campaign,
    ),
    ("GET", "/api/v1/pims/results", Access::Leads, Target::None),
    (
        "GET",
        "/api/v1/pims/lead-owners",
        Access::Leads,
        Target::None,
    ),
    ("GET", "/c/{slug}", Access::Public, Target::None),
    ("POST", "/c/{slug}", Access::Public, Target::None),
    ("GET", "/c/{slug}/logo", Access::Public, Target::None),
    (
        "GET",
        "/api/v1/vendor/campaign-kits",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/campaign-kits",
        Access::Vendor,
        Target::None,
    ),
    (
        "POST",
        "/api/v1/vendor/campaign-kits/{id}/withdraw",
        Access::Vendor,
        Target::None,
    ),
    ("GET", "/api/v1/vendor/leads", Access::Vendor, Target::None),
    ("POST", "/api/v1/vendor/leads", Access::Vendor, Target::None),
    (
        "POST",
        "/api/v1/vendor/leads/{id}/withdraw",
        Access::Vendor,
        Target::None,
    ),
];
