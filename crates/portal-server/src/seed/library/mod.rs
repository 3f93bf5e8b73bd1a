//! The demo's marketing library: two dozen items across Sales Tools, Branding & Logos, Customer
//! Tools and Campaign Assets, with real files made by the seed ([`files`], [`picture`]). Some are
//! for some partners only (a Gold/Platinum deep dive, a Marketing-only brand guide, a pricing guide
//! for Administrators and Sales), one has expired, and the battle card is at version 2 with a note.
//! Products are tagged by the price book's SKUs.

mod files;
pub(crate) mod picture;

use crate::error::Result;
use crate::storage::blobs::Blobs;
use crate::storage::resources::{self, Blob};
use crate::storage::Write;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use files::F;
use portal_core::api::partner::Tier;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{ResourceStatus, VendorResource};
use portal_core::resources::{Audience, Category, ProductTag, Resource, ResourceFile, VersionNote};
use portal_core::Role;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use Category::{
    BrandingLogos as Brand, CampaignAssets as Campaign, CustomerTools as Customer,
    SalesTools as Sales,
};

/// One item of the library.
struct Item {
    category: Category,
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    skus: &'static [&'static str],
    roles: &'static [Role],
    tiers: &'static [Tier],
    files: &'static [F],
    /// Colour index, type label, caption.
    thumb: (u8, &'static str, &'static str),
    /// Days before the seed day it was first published.
    ago: i64,
    /// Days after the seed day it is reviewed; expires (negative: already expired).
    review_in: Option<i64>,
    expires_in: Option<i64>,
    /// A second version: its files, its note, days before the seed day.
    v2: Option<(&'static [F], &'static str, i64)>,
}

const ALL: &[Role] = &[];
const EVERY_TIER: &[Tier] = &[];

const ITEMS: &[Item] = &[
    Item { category: Sales, title: "Email security battle card", summary: "How Bastion wins against the three competitors you meet most, on one page.", description: "The battle card your sales team keeps open during calls: why customers switch, how to answer SecureGate and MailFortress, and the questions that lay landmines for the competition.\n\nUpdated every quarter from win/loss interviews.", skus: &["BM-GW", "BM-ATP"], roles: ALL, tiers: EVERY_TIER, files: &[F::BattleCard], thumb: (4, "PDF", "BATTLE CARD"), ago: 120, review_in: Some(60), expires_in: None, v2: Some((&[F::BattleCardV2], "Added CloudShield's new 36-month pricing and how to answer it.", 2)) },
    Item { category: Sales, title: "Competitive deep dive: enterprise deals", summary: "Win rates, pricing room and references for deals over 2,000 mailboxes.", description: "For Gold and Platinum partners working enterprise opportunities. Not for customers.", skus: &["BM-GW", "BM-ATP", "BM-ARC"], roles: ALL, tiers: &[Tier::Gold, Tier::Platinum], files: &[F::CompetitiveBattleCard], thumb: (2, "PDF", "ENTERPRISE"), ago: 9, review_in: Some(80), expires_in: None, v2: None },
    Item { category: Sales, title: "Advanced Threat Protection sales playbook", summary: "From first call to signed order: who buys ATP and how to run the demo.", description: "A step-by-step playbook for selling Advanced Threat Protection, with the questions for the first call, a 30-minute demo script and when to register the deal.", skus: &["BM-ATP"], roles: ALL, tiers: EVERY_TIER, files: &[F::Playbook], thumb: (1, "PDF", "PLAYBOOK"), ago: 30, review_in: Some(150), expires_in: None, v2: None },
    Item { category: Sales, title: "Handling the ten common objections", summary: "Answers to \"Microsoft already does this\" and nine more.", description: "Short, tested answers to the objections partners hear most.", skus: &[], roles: ALL, tiers: EVERY_TIER, files: &[F::Objections], thumb: (1, "PDF", "OBJECTIONS"), ago: 45, review_in: None, expires_in: None, v2: None },
    Item { category: Sales, title: "Discovery questions", summary: "The questions that qualify an email-security opportunity in one call.", description: "One page to keep beside you on a discovery call.", skus: &[], roles: ALL, tiers: EVERY_TIER, files: &[F::Discovery], thumb: (1, "PDF", "DISCOVERY"), ago: 75, review_in: None, expires_in: None, v2: None },
    Item { category: Sales, title: "ROI calculator", summary: "Turns a customer's incident history into a business case.", description: "A spreadsheet (CSV: opens in any spreadsheet program) that weighs the yearly cost of phishing incidents against Bastion Gateway and ATP at list price.", skus: &["BM-GW", "BM-ATP"], roles: ALL, tiers: EVERY_TIER, files: &[F::RoiCalculator], thumb: (5, "CSV", "ROI"), ago: 60, review_in: Some(30), expires_in: None, v2: None },
    Item { category: Sales, title: "Partner pricing guide", summary: "Margins, volume tiers and when a discount needs approval.", description: "For the people who quote: administrators and sales.", skus: &[], roles: &[Role::Administrator, Role::Sales], tiers: EVERY_TIER, files: &[F::PricingGuide], thumb: (0, "PDF", "PRICING"), ago: 20, review_in: None, expires_in: None, v2: None },
    Item { category: Brand, title: "Bastion Mail logo pack", summary: "Every logo in PNG and SVG, full colour and reverse, in one ZIP.", description: "Everything for co-branded material: the full-colour and reverse logos as PNG and SVG, with the rules for using them.", skus: &[], roles: ALL, tiers: EVERY_TIER, files: &[F::LogoPack, F::LogoPng, F::LogoReversePng, F::LogoSvg], thumb: (0, "ZIP", "LOGO PACK"), ago: 200, review_in: None, expires_in: None, v2: None },
    Item { category: Brand, title: "Bastion Mail logo (PNG)", summary: "The full-colour logo for light backgrounds.", description: "480 × 160 pixels.", skus: &[], roles: ALL, tiers: EVERY_TIER, files: &[F::LogoPng], thumb: (0, "PNG", "LOGO"), ago: 200, review_in: None, expires_in: None, v2: None },
    Item { category: Brand, title: "Bastion Mail logo (SVG)", summary: "The logo as a vector drawing, for print and large formats.", description: "Scales to any size.", skus: &[], roles: ALL, tiers: EVERY_TIER, files: &[F::LogoSvg], thumb: (0, "SVG", "LOGO"), ago: 200, review_in: None, expires_in: None, v2: None },
    Item { category: Brand, title: "Gold partner badge", summary: "Show customers you are a Gold partner.", description: "For Gold partners' websites, proposals and email signatures.", skus: &[], roles: ALL, tiers: &[Tier::Gold], files: &[F::GoldBadge], thumb: (2, "PNG", "GOLD BADGE"), ago: 90, review_in: None, expires_in: None, v2: None },
    Item { category: Brand, title: "Brand guidelines for partners", summary: "Logo use, colours, co-branding and how to write our name.", description: "For your marketing team: how to put our brand beside yours.", skus: &[], roles: &[Role::Marketing], tiers: EVERY_TIER, files: &[F::BrandGuide], thumb: (6, "PDF", "BRAND"), ago: 150, review_in: Some(200), expires_in: None, v2: None },
    Item { category: Customer, title: "Bastion Email Security Gateway data sheet", summary: "Features, licensing and requirements of the Gateway.", description: "Hand it to customers evaluating the Gateway.", skus: &["BM-GW"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(0)], thumb: (0, "PDF", "GATEWAY"), ago: 100, review_in: Some(100), expires_in: None, v2: None },
    Item { category: Customer, title: "Bastion Advanced Threat Protection data sheet", summary: "Sandboxing and time-of-click protection, explained for customers.", description: "Hand it to customers evaluating ATP.", skus: &["BM-ATP"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(1)], thumb: (1, "PDF", "ATP"), ago: 98, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Bastion Archive data sheet", summary: "Ten-year archiving and e-discovery.", description: "For customers with retention rules to meet.", skus: &["BM-ARC"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(2)], thumb: (3, "PDF", "ARCHIVE"), ago: 96, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Bastion Continuity data sheet", summary: "Email that keeps flowing when the mail server is down.", description: "For customers who cannot afford an outage.", skus: &["BM-CON"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(3)], thumb: (5, "PDF", "CONTINUITY"), ago: 94, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Bastion Data Loss Prevention data sheet", summary: "Stops card numbers and confidential files leaving by email.", description: "For customers in finance, health and law.", skus: &["BM-DLP"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(4)], thumb: (6, "PDF", "DLP"), ago: 92, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Security Awareness Training data sheet", summary: "Phishing simulations and short lessons that change habits.", description: "For customers whose people are the weak link.", skus: &["BM-SAT"], roles: ALL, tiers: EVERY_TIER, files: &[F::DataSheet(5)], thumb: (4, "PDF", "TRAINING"), ago: 14, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Phishing readiness assessment", summary: "A checklist to fill in with the customer: people, technology, process.", description: "Use it in the first meeting; it makes the case for ATP and training.", skus: &["BM-ATP", "BM-SAT"], roles: ALL, tiers: EVERY_TIER, files: &[F::ReadinessChecklist], thumb: (5, "PDF", "READINESS"), ago: 40, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Customer onboarding checklist", summary: "What to do before a customer goes live.", description: "Four steps, one page.", skus: &["BM-GW"], roles: ALL, tiers: EVERY_TIER, files: &[F::OnboardingChecklist], thumb: (5, "PDF", "ONBOARDING"), ago: 130, review_in: None, expires_in: None, v2: None },
    Item { category: Customer, title: "Moving from another gateway", summary: "A migration guide for the customer's IT team.", description: "How to run Bastion alongside the old gateway and switch over safely.", skus: &["BM-GW", "BM-ARC"], roles: ALL, tiers: EVERY_TIER, files: &[F::MigrationGuide], thumb: (3, "PDF", "MIGRATION"), ago: 4, review_in: None, expires_in: None, v2: None },
    Item { category: Campaign, title: "Stop the Phish: campaign kit", summary: "An email and a banner for this quarter's phishing campaign.", description: "Put your firm's name and link in the email and send it to your customers; use the banner on your website and social posts.", skus: &["BM-ATP", "BM-SAT"], roles: ALL, tiers: EVERY_TIER, files: &[F::PhishEmail, F::PhishBanner], thumb: (4, "HTML", "STOP THE PHISH"), ago: 6, review_in: None, expires_in: Some(80), v2: None },
    Item { category: Campaign, title: "Archive webinar banner", summary: "Promote next month's e-discovery webinar.", description: "600 × 200 pixels, for websites and newsletters.", skus: &["BM-ARC"], roles: ALL, tiers: EVERY_TIER, files: &[F::WebinarBanner], thumb: (6, "PNG", "WEBINAR"), ago: 2, review_in: None, expires_in: Some(30), v2: None },
    Item { category: Campaign, title: "Compliance season campaign kit", summary: "Last season's archive offer: expired, kept for reference.", description: "The offer ended; do not send it to customers.", skus: &["BM-ARC", "BM-GW"], roles: ALL, tiers: EVERY_TIER, files: &[F::ComplianceKit], thumb: (3, "PDF", "COMPLIANCE"), ago: 210, review_in: None, expires_in: Some(-20), v2: None },
];

/// Titles useful to tests: the item at version 2, the expired one, the Gold/Platinum-only one, the
/// Marketing-only one, the one for Administrators and Sales.
pub const VERSIONED: &str = "Email security battle card";
pub const EXPIRED: &str = "Compliance season campaign kit";
pub const GOLD_AND_PLATINUM: &str = "Competitive deep dive: enterprise deals";
pub const GOLD_ONLY: &str = "Gold partner badge";
pub const MARKETING_ONLY: &str = "Brand guidelines for partners";
pub const QUOTERS_ONLY: &str = "Partner pricing guide";

/// How many items the library has.
pub fn size() -> usize {
    ITEMS.len()
}

/// Stores a made file's bytes and its record; answers it as an item lists it.
async fn store(tx: &mut Write, blobs: &Blobs, f: F, at: DateTime<Utc>) -> Result<ResourceFile> {
    let made = files::get(f);
    let sha256 = blobs.put(&made.bytes).await?;
    resources::keep_blob(
        tx,
        &Blob {
            sha256: sha256.clone(),
            name: Some(made.name.clone()),
            media_type: made.media_type.into(),
            size: made.bytes.len() as u64,
            uploaded_at: at,
        },
    )
    .await?;
    Ok(ResourceFile {
        name: made.name.clone(),
        media_type: made.media_type.into(),
        size: made.bytes.len() as u64,
        sha256,
    })
}

/// Publishes the library, files and all; answers each item's id with its audience, for the
/// change log of each firm the audience admits.
pub async fn publish(
    tx: &mut Write,
    blobs: &Blobs,
    today: NaiveDate,
) -> Result<Vec<(ResourceId, Audience)>> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5EED_0B0C);
    // 2025-03-01T00:00:00Z: the library's own id clock, so its ids stay as they are whatever else
    // the seed makes.
    let mut millis: u64 = 1_740_787_200_000;
    let at = |days: i64| -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &(today - Duration::days(days))
                .and_hms_opt(9, 0, 0)
                .unwrap_or_default(),
        )
    };
    let mut out = Vec::with_capacity(ITEMS.len());
    for item in ITEMS {
        millis += 1;
        let bytes: [u8; 10] = rng.gen();
        let id = ResourceId::from_uuid(
            uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid(),
        );
        let published_at = at(item.ago);
        let mut listed = Vec::new();
        for f in item.files {
            listed.push(store(tx, blobs, *f, published_at).await?);
        }
        let (c, label, caption) = item.thumb;
        let thumbnail = store(tx, blobs, F::Thumb(c, label, caption), published_at).await?;
        let mut versions = vec![VersionNote {
            version: 1,
            published_at,
            note: String::new(),
        }];
        let audience = Audience {
            roles: item.roles.to_vec(),
            tiers: item.tiers.to_vec(),
        };
        let mut resource = Resource {
            id,
            category: item.category,
            title: item.title.into(),
            summary: item.summary.into(),
            description: item.description.into(),
            products: item
                .skus
                .iter()
                .map(|sku| ProductTag {
                    sku: (*sku).into(),
                    name: (*sku).into(),
                })
                .collect(),
            files: listed,
            thumbnail: Some(thumbnail),
            version: 1,
            versions: versions.clone(),
            published_at,
            review_on: item.review_in.map(|d| today + Duration::days(d)),
            expires_on: item.expires_in.map(|d| today + Duration::days(d)),
        };
        let mut stored = VendorResource {
            resource: resource.clone(),
            audience: audience.clone(),
            status: ResourceStatus::Published,
            withdrawn_at: None,
        };
        resources::save(tx, &stored).await?;
        if let Some((next, note, ago)) = item.v2 {
            let mut listed = Vec::new();
            for f in next {
                listed.push(store(tx, blobs, *f, at(ago)).await?);
            }
            versions.push(VersionNote {
                version: 2,
                published_at: at(ago),
                note: note.into(),
            });
            resource.files = listed;
            resource.version = 2;
            resource.versions = versions;
            stored.resource = resource;
            resources::save(tx, &stored).await?;
        }
        out.push((id, audience));
    }
    Ok(out)
}
