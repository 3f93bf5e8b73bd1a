//! The demo's fixed content: the vendor's price book, news, courses, and the
//! word lists that generated customers are made of.

/// (sku, name, description, list price in cents per mailbox per month, discount cap in bp)
pub const PRODUCTS: &[(&str, &str, &str, i64, i64)] = &[
    (
        "BM-GW",
        "Bastion Email Security Gateway",
        "Inbound and outbound filtering of spam, malware and phishing, with a quarantine per user.",
        250,
        3500,
    ),
    (
        "BM-ATP",
        "Bastion Advanced Threat Protection",
        "Sandboxing of attachments and time-of-click URL rewriting against targeted attacks.",
        180,
        3000,
    ),
    (
        "BM-ARC",
        "Bastion Archive",
        "Tamper-proof archiving of every email for ten years, with e-discovery search.",
        120,
        3000,
    ),
    (
        "BM-CON",
        "Bastion Continuity",
        "Keeps email flowing through a standby service when the primary mail server is down.",
        90,
        2500,
    ),
    (
        "BM-DLP",
        "Bastion Data Loss Prevention",
        "Stops card numbers, health records and confidential files from leaving by email.",
        150,
        3000,
    ),
    (
        "BM-SAT",
        "Bastion Security Awareness Training",
        "Monthly training modules and simulated phishing campaigns for every mailbox user.",
        110,
        4000,
    ),
];

/// Volume tiers for every product: (minimum seats, discount in bp).
pub const PRICE_TIERS: &[(i64, i64)] =
    &[(1, 0), (100, 500), (500, 1000), (1000, 1500), (5000, 2000)];

/// Commitment discounts: (term in months, discount in bp).
pub const TERM_DISCOUNTS: &[(i64, i64)] = &[(12, 0), (24, 500), (36, 1000)];

/// (days before the seed day, title, summary, body)
pub const NEWS: &[(i64, &str, &str, &str)] = &[
    (3, "Advanced Threat Protection now scans QR codes",
     "Quishing attacks hide links in images; ATP now decodes QR codes in attachments and bodies.",
     "From this week every Advanced Threat Protection customer is protected against QR-code phishing. \
      The sandbox decodes QR codes found in images, PDFs and message bodies and rewrites their links \
      for time-of-click checks. No configuration is needed."),
    (12, "Partner margins increase for Platinum partners",
     "Platinum partners earn an extra two points of margin on new business from next quarter.",
     "To reward partners who invest in certified staff and joint marketing, the Platinum tier's margin \
      rises from 30% to 32% on new subscriptions booked from the first day of next quarter."),
    (26, "Bastion Archive adds legal hold",
     "Place mailboxes on legal hold so nothing can be purged while a case is open.",
     "Administrators can now place individual mailboxes or whole domains on legal hold. Messages under \
      hold are kept beyond the retention period until the hold is released, with a full audit trail."),
    (41, "Q3 campaign in a box: 'Stop the Phish'",
     "A ready-made campaign with emails, landing page copy and a webinar deck.",
     "The 'Stop the Phish' campaign kit is now in Marketing Resources > Campaign Assets. It includes a \
      three-email nurture sequence, co-brandable landing page copy and a 30-minute webinar deck."),
    (58, "New data centre in Frankfurt",
     "Customers in the EU can now keep their mail data in Germany.",
     "Our new Frankfurt region is live. New customers can choose it at provisioning; existing customers \
      can ask support to migrate. All services are available in the region."),
    (77, "Certification exam refreshed for 2026",
     "The Certified Email Security Partner exam now covers DMARC and continuity planning.",
     "The refreshed exam adds modules on DMARC enforcement and continuity planning. Certificates earned \
      on the previous exam stay valid until they expire."),
    (95, "Welcome to the new Partner Portal",
     "Quotes, deal registrations and renewals now live in one desktop app that works offline.",
     "The Partner Portal app replaces the old web portal. Quote on a plane, register deals from a \
      customer's car park, and let the app sync when you are back online."),
];

/// (title, description, level, minutes, has an assessment)
pub const COURSES: &[(&str, &str, &str, i64, bool)] = &[
    (
        "Email threats today",
        "Phishing, business email compromise and malware: how they work and what stops them.",
        "foundation",
        45,
        false,
    ),
    (
        "Selling email security",
        "Discovery questions, objection handling and building the business case.",
        "foundation",
        60,
        true,
    ),
    (
        "Deploying the Security Gateway",
        "MX changes, policies, quarantine and user onboarding.",
        "intermediate",
        90,
        true,
    ),
    (
        "Archive and e-discovery",
        "Retention policies, legal hold and search for compliance teams.",
        "intermediate",
        75,
        true,
    ),
    (
        "DMARC from monitoring to enforcement",
        "Taking a customer's domain to p=reject without losing mail.",
        "advanced",
        120,
        true,
    ),
    (
        "Certified Email Security Partner exam",
        "The exam for the firm's certification; 60 questions.",
        "advanced",
        90,
        true,
    ),
];

pub const COMPANY_FIRST: &[&str] = &[
    "Harbor",
    "Summit",
    "Cedar",
    "Granite",
    "Riverside",
    "Bright",
    "Oak",
    "Silver",
    "Northgate",
    "Pioneer",
    "Meridian",
    "Lakeside",
    "Redwood",
    "Falcon",
    "Evergreen",
    "Blue Ridge",
    "Ironwood",
    "Crescent",
    "Maple",
    "Highland",
    "Coastal",
    "Sterling",
    "Willow",
    "Beacon",
    "Union",
    "Prairie",
    "Atlas",
    "Kestrel",
    "Orchard",
    "Keystone",
];
pub const COMPANY_SECOND: &[&str] = &[
    "Logistics",
    "Dental",
    "Legal",
    "Engineering",
    "Foods",
    "Health",
    "Capital",
    "Architects",
    "Manufacturing",
    "Realty",
    "Insurance",
    "Accounting",
    "Media",
    "Hotels",
    "Pharmacy",
    "Motors",
    "Construction",
    "Energy",
    "Analytics",
    "Schools",
];
pub const COMPANY_SUFFIX: &[&str] = &["Ltd", "Inc", "LLC", "Group", "& Co", "Partners", "Holdings"];
pub const SECTORS: &[&str] = &[
    "Healthcare",
    "Legal",
    "Financial services",
    "Manufacturing",
    "Education",
    "Retail",
    "Public sector",
    "Hospitality",
    "Construction",
    "Technology",
];
/// (city, region, country)
pub const CITIES: &[(&str, &str, &str)] = &[
    ("Seattle", "WA", "United States"),
    ("Portland", "OR", "United States"),
    ("Denver", "CO", "United States"),
    ("Austin", "TX", "United States"),
    ("Chicago", "IL", "United States"),
    ("Boston", "MA", "United States"),
    ("Atlanta", "GA", "United States"),
    ("Phoenix", "AZ", "United States"),
];
pub const STREETS: &[&str] = &[
    "Main Street",
    "Market Street",
    "Elm Avenue",
    "Park Road",
    "Lake Drive",
    "Commerce Way",
    "Mill Lane",
    "Station Road",
];
pub const CONTACT_FIRST: &[&str] = &[
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
];
pub const CONTACT_LAST: &[&str] = &[
    "Carter", "Nguyen", "Patel", "Garcia", "Kim", "Novak", "Okoro", "Silva", "Walsh", "Larsen",
];
pub const CASE_SUBJECTS: &[&str] = &[
    "Legitimate newsletter quarantined as spam",
    "Users cannot release messages from quarantine",
    "Archive search returns no results for last week",
    "Continuity mode did not activate during outage",
    "DLP policy blocks invoices with account numbers",
    "Request to add a new domain",
    "Training completion report is empty",
    "URL rewriting breaks links in calendar invites",
];
