//! The PIMS rules: escaping, merge fields, logos, completeness, the public form, lead expiry and
//! decisions, campaign steps.

use super::campaign::{refusal, slug, Campaign, CampaignStatus, CampaignStep};
use super::kit::{CampaignKit, Zone};
use super::lead::{
    decision_refusal, FieldErrors, FormVerdict, Lead, LeadForm, LeadSource, LeadState,
};
use super::logo::{inspect, LogoFormat, LogoKind};
use super::profile::{Colour, MarketingProfile, Missing};
use super::template::*;
use crate::api::partner::Address;
use crate::ids::{CampaignKitId, LeadId, PartnerId, ProspectId, UserId};
use crate::pims::logo::Logo;
use crate::resources::Sha256;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn profile() -> MarketingProfile {
    let mut p = MarketingProfile::blank(PartnerId::from_uuid(Uuid::from_u128(1)), "Northwind IT");
    p.address = Address {
        line1: "1 High Street".into(),
        city: "Leeds".into(),
        country: "United Kingdom".into(),
        ..Address::default()
    };
    p.contact_name = "Nora North".into();
    p.email = "hello@northwind.example".into();
    p.phone = "+44 113 496 0000".into();
    p.website = "https://northwind.example".into();
    p.unsubscribe = "unsubscribe@northwind.example".into();
    let logo = Logo {
        sha256: Sha256::from_digest(&[7; 32]),
        format: LogoFormat::Png,
        width: 400,
        height: 100,
        size: 1000,
    };
    p.web_logo = Some(logo.clone());
    p.print_logo = Some(logo);
    p
}

fn kit() -> CampaignKit {
    CampaignKit {
        id: CampaignKitId::from_uuid(Uuid::from_u128(2)),
        name: "Spring Security".into(),
        summary: "s".into(),
        products: vec![],
        starts_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        ends_on: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        email: EmailTemplate {
            subject: "{{company_name}} on spring security".into(),
            preheader: "p".into(),
            blocks: vec![
                Block::Region {
                    name: "intro".into(),
                    label: "Opening paragraph".into(),
                    default: "Hello from {{company_name}}.".into(),
                    max_chars: 50,
                },
                Block::Button {
                    label: "Book a demo".into(),
                    href: Href::LandingPage,
                },
            ],
        },
        landing: LandingTemplate {
            title: "Meet {{company_name}}".into(),
            blocks: vec![Block::Region {
                name: "intro".into(),
                label: "Opening paragraph".into(),
                default: "Hello from {{company_name}}.".into(),
                max_chars: 50,
            }],
            form_heading: "Ask for a demo".into(),
        },
        assets: vec![],
        published_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        audience: Default::default(),
    }
}

#[test]
fn a_script_typed_by_a_partner_or_a_visitor_is_shown_as_text() {
    let p = profile();
    let mut regions = Regions::new();
    regions.insert(
        "intro".into(),
        "<script>alert(1)</script> see https://x.example/a?b=1&c=\"2\".".into(),
    );
    let b = Branding {
        profile: &p,
        logo_src: Some("/c/x/logo"),
        landing_url: Some("https://portal.example/c/x"),
    };
    let k = kit();
    let email = render_email(&k.email, &regions, &b);
    assert!(!email.html.contains("<script>"), "{}", email.html);
    assert!(email.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(email
        .html
        .contains("<a href=\"https://x.example/a?b=1&amp;c=\" rel"));
    assert!(email.html.contains("href=\"https://portal.example/c/x\""));
    assert_eq!(email.subject, "Northwind IT on spring security");
    assert!(email
        .text
        .contains("Unsubscribe: mailto:unsubscribe@northwind.example"));

    let form = LeadForm {
        name: "\"><img src=x onerror=alert(1)>".into(),
        message: "</textarea><script>x()</script>".into(),
        ..LeadForm::default()
    };
    let errors = FieldErrors::new();
    let page = render_landing(
        &k.landing,
        &regions,
        &b,
        &FormState::Open {
            action: "/c/x",
            values: &form,
            errors: &errors,
        },
    );
    assert!(!page.html.contains("<script>"));
    assert!(!page.html.contains("<img src=x"));
    assert!(page
        .html
        .contains("&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;"));
    assert!(
        !page.html.contains(" style=\""),
        "no style attributes under a strict CSP"
    );
    assert_eq!(page.html.matches("<style>").count(), 1);
    assert!(page
        .html
        .contains(&format!("<style>{}</style>", page.style)));
}

#[test]
fn merge_fields_fill_in_and_unknown_ones_are_named() {
    let p = profile();
    assert_eq!(
        merge("Call {{ phone }} or {{nope}}", &p),
        "Call +44 113 496 0000 or {{nope}}"
    );
    assert_eq!(
        unknown_fields("{{company_name}} {{nope}} {{x}}"),
        vec!["nope", "x"]
    );
    assert_eq!(
        merge("{{address}}", &p),
        "1 High Street, Leeds, United Kingdom"
    );
}

#[test]
fn regions_are_checked_against_the_kit() {
    let k = kit();
    let mut r = Regions::new();
    r.insert("intro".into(), "x".repeat(51));
    let e = check_regions(&k.blocks(), &r).unwrap_err();
    assert!(
        e.message.contains("Opening paragraph can be at most 50"),
        "{}",
        e.message
    );
    r.clear();
    r.insert("outro".into(), "x".into());
    assert!(check_regions(&k.blocks(), &r).is_err());
    r.clear();
    r.insert("intro".into(), "Fine.".into());
    assert!(check_regions(&k.blocks(), &r).is_ok());
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0]);
    b
}

#[test]
fn logos_are_checked_for_type_size_and_dimensions() {
    let ok = inspect(LogoKind::Web, &png(400, 100)).unwrap();
    assert_eq!(
        (ok.format, ok.width, ok.height),
        (LogoFormat::Png, 400, 100)
    );
    let small = inspect(LogoKind::Print, &png(400, 100)).unwrap_err();
    assert_eq!(small.field.as_deref(), Some("print_logo"));
    assert!(small.message.contains("too small"), "{}", small.message);
    assert!(inspect(LogoKind::Web, &png(2000, 100))
        .unwrap_err()
        .message
        .contains("narrow"));
    assert!(inspect(LogoKind::Web, b"GIF89a....")
        .unwrap_err()
        .message
        .contains("neither"));
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 80"><rect width="300" height="80"/></svg>"#;
    let facts = inspect(LogoKind::Print, svg).unwrap();
    assert_eq!(
        (facts.format, facts.width, facts.height),
        (LogoFormat::Svg, 300, 80)
    );
    let evil = br#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80" onload="alert(1)"></svg>"#;
    assert!(inspect(LogoKind::Web, evil)
        .unwrap_err()
        .message
        .contains("event handler"));
    let script = br#"<svg viewBox="0 0 10 10"><script>alert(1)</script></svg>"#;
    assert!(inspect(LogoKind::Web, script)
        .unwrap_err()
        .message
        .contains("script"));
    let big = vec![0u8; 2 * 1024 * 1024];
    assert!(inspect(LogoKind::Web, &big)
        .unwrap_err()
        .message
        .contains("too large"));
}

#[test]
fn an_incomplete_profile_says_what_is_missing_and_blocks_a_launch() {
    let mut p = profile();
    assert!(p.is_complete());
    p.web_logo = None;
    p.unsubscribe.clear();
    assert_eq!(p.missing(), vec![Missing::Unsubscribe, Missing::WebLogo]);
    let k = kit();
    let c = Campaign::draft(
        crate::ids::CampaignId::from_uuid(Uuid::from_u128(3)),
        &k,
        UserId::from_uuid(Uuid::from_u128(4)),
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    );
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let why = refusal(CampaignStep::Launch, &c, &k, &p, today).unwrap();
    assert_eq!(
        why,
        "Add an unsubscribe address and a web logo to the marketing profile before launching a campaign."
    );
    assert_eq!(
        refusal(CampaignStep::Launch, &c, &k, &profile(), today),
        None
    );
    let before = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    assert!(refusal(CampaignStep::Launch, &c, &k, &profile(), before)
        .unwrap()
        .contains("starts on 1 March 2026"));
    let mut live = c.clone();
    live.status = CampaignStatus::Live;
    let after = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(live.effective_status(&k, after), CampaignStatus::Ended);
    assert!(refusal(CampaignStep::Pause, &live, &k, &profile(), today).is_none());
    assert!(refusal(CampaignStep::Resume, &live, &k, &profile(), today).is_some());
}

#[test]
fn the_public_form_needs_consent_and_a_real_address_and_traps_bots() {
    let mut f = LeadForm {
        name: "Ada Lovelace".into(),
        company: "Analytical Ltd".into(),
        email: "Ada@Analytical.example".into(),
        mailboxes: "1,200".into(),
        ..LeadForm::default()
    };
    let FormVerdict::Invalid(errors) = f.verdict() else {
        panic!("consent is required")
    };
    assert_eq!(errors.keys().collect::<Vec<_>>(), vec!["consent"]);
    f.consent = true;
    let FormVerdict::Lead(lead) = f.verdict() else {
        panic!("valid")
    };
    assert_eq!(lead.email.as_str(), "ada@analytical.example");
    assert_eq!(lead.mailboxes, Some(1200));
    f.website = "http://spam.example".into();
    assert_eq!(f.verdict(), FormVerdict::Bot);
    let bad = LeadForm {
        email: "not-an-address".into(),
        mailboxes: "lots".into(),
        consent: true,
        ..LeadForm::default()
    };
    let FormVerdict::Invalid(errors) = bad.verdict() else {
        panic!()
    };
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        vec!["company", "email", "mailboxes", "name"]
    );
    let posted: LeadForm =
        serde_json::from_value(serde_json::json!({"name": "A", "consent": "yes"})).unwrap();
    assert!(posted.consent);
}

fn lead(received: chrono::DateTime<Utc>) -> Lead {
    Lead {
        id: LeadId::from_uuid(Uuid::from_u128(9)),
        source: LeadSource::LandingPage,
        campaign_id: None,
        origin: "Spring Security".into(),
        name: "Ada Lovelace".into(),
        company: "Analytical Ltd".into(),
        email: crate::Email::parse("ada@analytical.example").unwrap(),
        phone: String::new(),
        mailboxes: Some(50),
        message: "Call me".into(),
        consent_at: received,
        received_at: received,
        expires_at: received + Duration::days(7),
        state: LeadState::Pending,
        decided_by: None,
        decided_at: None,
        owner_id: None,
        next_step: String::new(),
        prospect_id: None,
        decline_reason: None,
        decline_note: String::new(),
    }
}

#[test]
fn a_lead_counts_down_then_expires_and_the_server_says_so() {
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let l = lead(t0);
    assert_eq!(
        l.countdown(t0 + Duration::hours(20)).unwrap(),
        "6 days 4 hours left"
    );
    assert_eq!(
        l.countdown(t0 + Duration::days(6) + Duration::hours(1))
            .unwrap(),
        "23 hours left"
    );
    assert_eq!(l.countdown(t0 + Duration::days(7)), None);
    assert_eq!(l.state_at(t0 + Duration::days(7)), LeadState::Expired);
    assert!(decision_refusal(&l, t0 + Duration::days(1)).is_none());
    let late = decision_refusal(&l, t0 + Duration::days(8)).unwrap();
    assert!(
        late.message.contains("expired on 8 December 2026"),
        "{}",
        late.message
    );
}

#[test]
fn an_accepted_lead_becomes_a_prospect_on_its_email_domain() {
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let l = lead(t0);
    let p = l
        .prospect(
            ProspectId::from_uuid(Uuid::from_u128(5)),
            UserId::from_uuid(Uuid::from_u128(6)),
            "Call Tuesday",
        )
        .unwrap();
    assert_eq!(p.domain.as_str(), "analytical.example");
    assert_eq!(p.primary_contact.first_name, "Ada");
    assert_eq!(p.primary_contact.last_name, "Lovelace");
    assert_eq!(p.mailboxes, 50);
    assert!(p.notes.contains("Next step: Call Tuesday"));
}

#[test]
fn colours_slugs_and_zones() {
    assert_eq!(Colour::parse("#0B5").unwrap().as_str(), "#00bb55");
    assert!(Colour::parse("blue").is_err());
    assert_eq!(
        Colour::parse("#ffff00").unwrap().text_on().as_str(),
        "#000000"
    );
    assert_eq!(
        Colour::parse("#002060").unwrap().text_on().as_str(),
        "#ffffff"
    );
    assert_eq!(
        slug("Northwind IT Ltd.", "Spring Security: Phish!", "7K2m"),
        "northwind-it-ltd-spring-security-phish-7k2m"
    );
    assert!(super::campaign::is_slug("northwind-it-7k2m"));
    assert!(!super::campaign::is_slug("../etc"));
    let z = Zone {
        x: 700,
        y: 50,
        width: 250,
        height: 100,
    };
    assert!(z.is_valid());
    assert_eq!(z.pixels(2000, 1000), (1400, 50, 500, 100));
    assert_eq!(Zone::fit(400, 100, 500, 100), (400, 100));
    assert_eq!(Zone::fit(400, 100, 200, 100), (200, 50));
}
