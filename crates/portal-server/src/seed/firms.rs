//! The demo's people and firms: the demo users and the vendor's staff who sign in, the partner
//! firms — Northwind Solutions and Bluefin IT, with their users, tier, certification and account
//! team — and the vendor's account managers.

use portal_core::api::partner::{CertificationStatus, Tier};
use portal_core::Role;

/// The demo users: (email, partner firm, role).
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    (
        "admin@northwind.example",
        "Northwind Solutions",
        Role::Administrator,
    ),
    (
        "sales@northwind.example",
        "Northwind Solutions",
        Role::Sales,
    ),
    (
        "marketing@northwind.example",
        "Northwind Solutions",
        Role::Marketing,
    ),
    (
        "dealreg@northwind.example",
        "Northwind Solutions",
        Role::DealRegistration,
    ),
    ("admin@bluefin.example", "Bluefin IT", Role::Administrator),
    ("sales@bluefin.example", "Bluefin IT", Role::Sales),
];

/// The vendor's demo staff: (email, first name, last name, job title). They sign in at the vendor
/// endpoints with [`super::DEMO_PASSWORD`], not in the partners' app.
pub const DEMO_VENDOR_STAFF: &[(&str, &str, &str, &str)] = &[(
    "channel@vendor.example",
    "Casey",
    "Morgan",
    "Channel Manager",
)];

/// A partner firm of the demo.
pub struct PartnerSpec {
    pub name: &'static str,
    pub tier: Tier,
    pub margin_bp: i64,
    pub domain: &'static str,
    pub phone: &'static str,
    pub address: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    pub certification: (CertificationStatus, Option<&'static str>, Option<i64>, i64),
    /// Indexes into the account managers, in the order the team is shown.
    pub team: &'static [usize],
    /// (local part, first, last, job title, role, registered)
    pub users: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Role,
        bool,
    )],
    pub invoice_prefix: &'static str,
}

pub const ACCOUNT_MANAGERS: &[(&str, &str, &str, &str)] = &[
    (
        "Rachel Moreno",
        "Channel Account Manager",
        "rachel.moreno@bastionmail.example",
        "+1 555 0100 211",
    ),
    (
        "David Chen",
        "Partner Sales Engineer",
        "david.chen@bastionmail.example",
        "+1 555 0100 232",
    ),
    (
        "Emma Lindqvist",
        "Channel Account Manager",
        "emma.lindqvist@bastionmail.example",
        "+1 555 0100 245",
    ),
];

pub const PARTNERS: &[PartnerSpec] = &[
    PartnerSpec {
        name: "Northwind Solutions",
        tier: Tier::Gold,
        margin_bp: 2500,
        domain: "northwind.example",
        phone: "+1 206 555 0142",
        address: (
            "400 Pine Street",
            "Suite 1200",
            "Seattle",
            "WA",
            "98101",
            "United States",
        ),
        // (status, level, certified this many days ago, certified people)
        certification: (
            CertificationStatus::Certified,
            Some("Certified Email Security Partner"),
            Some(200),
            4,
        ),
        team: &[0, 1],
        users: &[
            (
                "admin",
                "Olivia",
                "Bennett",
                "Managing Director",
                Role::Administrator,
                true,
            ),
            (
                "sales",
                "Marcus",
                "Reid",
                "Account Executive",
                Role::Sales,
                true,
            ),
            (
                "marketing",
                "Priya",
                "Shah",
                "Marketing Manager",
                Role::Marketing,
                true,
            ),
            (
                "dealreg",
                "Tom",
                "Okafor",
                "Channel Operations Lead",
                Role::DealRegistration,
                true,
            ),
            (
                "jamie.lee",
                "Jamie",
                "Lee",
                "Account Executive",
                Role::Sales,
                false,
            ),
        ],
        invoice_prefix: "NW",
    },
    PartnerSpec {
        name: "Bluefin IT",
        tier: Tier::Silver,
        margin_bp: 1800,
        domain: "bluefin.example",
        phone: "+1 503 555 0187",
        address: (
            "77 Harbor Way",
            "",
            "Portland",
            "OR",
            "97204",
            "United States",
        ),
        certification: (
            CertificationStatus::InProgress,
            Some("Certified Email Security Partner"),
            None,
            1,
        ),
        team: &[2, 1],
        users: &[
            (
                "admin",
                "Hannah",
                "Fischer",
                "Owner",
                Role::Administrator,
                true,
            ),
            (
                "sales",
                "Lukas",
                "Berger",
                "Sales Consultant",
                Role::Sales,
                true,
            ),
        ],
        invoice_prefix: "BF",
    },
];
