//! The demo library's files, made once per process (the test suite seeds many servers): PDF data
//! sheets, battle cards and guides (`portal_pdf::leaflet`), PNG and SVG logos, a ZIP logo pack, a
//! CSV calculator and a campaign email. Each is deterministic: the same bytes every time.

use super::picture::{self, Picture, CORAL, GOLD, GREEN, NAVY, PURPLE, SLATE, TEAL, WHITE};
use crate::seed::content::PRODUCTS;
use portal_pdf::leaflet::{self, Leaflet, Section};
use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

/// Every distinct file of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum F {
    /// The data sheet of the price book's product at this index.
    DataSheet(usize),
    BattleCard,
    BattleCardV2,
    CompetitiveBattleCard,
    Playbook,
    Objections,
    Discovery,
    PricingGuide,
    RoiCalculator,
    LogoPng,
    LogoReversePng,
    LogoSvg,
    LogoPack,
    GoldBadge,
    BrandGuide,
    ReadinessChecklist,
    OnboardingChecklist,
    MigrationGuide,
    PhishEmail,
    PhishBanner,
    ComplianceKit,
    WebinarBanner,
    /// A list thumbnail: its colour's index, its label and caption.
    Thumb(u8, &'static str, &'static str),
}

/// A made file: its name, media type and bytes.
pub struct Made {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

const VENDOR: &str = "Bastion Mail · Partner Programme";
const COLOURS: [picture::Rgb; 7] = [NAVY, TEAL, GOLD, SLATE, CORAL, GREEN, PURPLE];

fn section(heading: &str, paragraphs: &[&str]) -> Section {
    Section {
        heading: heading.into(),
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        new_page: false,
    }
}

/// A section on a page of its own.
fn page(heading: &str, paragraphs: &[&str]) -> Section {
    Section {
        new_page: true,
        ..section(heading, paragraphs)
    }
}

fn pdf(
    name: &str,
    title: &str,
    subtitle: &str,
    accent: (f32, f32, f32),
    sections: Vec<Section>,
) -> Made {
    Made {
        name: name.into(),
        media_type: "application/pdf",
        bytes: leaflet::render(&Leaflet {
            title: title.into(),
            subtitle: subtitle.into(),
            accent: Some(accent),
            footer: VENDOR.into(),
            sections,
        }),
    }
}

fn png(name: &str, p: &Picture) -> Made {
    Made {
        name: name.into(),
        media_type: "image/png",
        bytes: p.png(),
    }
}

fn logo_svg(fill: &str, text: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160" viewBox="0 0 480 160">
  <title>Bastion Mail</title>
  <path d="M28 24 h96 v56 q0 40 -48 56 q-48 -16 -48 -56 z" fill="{fill}"/>
  <rect x="28" y="69" width="96" height="11" fill="#c99700"/>
  <text x="148" y="86" font-family="Noto Sans, Arial, sans-serif" font-size="56" font-weight="700" fill="{text}">BASTION</text>
  <text x="150" y="128" font-family="Noto Sans, Arial, sans-serif" font-size="30" letter-spacing="6" fill="#c99700">MAIL</text>
</svg>
"##
    )
}

fn zip(name: &str, entries: &[(&str, &[u8])]) -> Made {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default());
        for (path, bytes) in entries {
            // Writing to memory cannot fail.
            w.start_file(*path, options).expect("a ZIP entry");
            w.write_all(bytes).expect("a ZIP entry's bytes");
        }
        w.finish().expect("the ZIP's directory");
    }
    Made {
        name: name.into(),
        media_type: "application/zip",
        bytes: out.into_inner(),
    }
}

const NAVY_F: (f32, f32, f32) = (0.09, 0.16, 0.29);
const TEAL_F: (f32, f32, f32) = (0.0, 0.42, 0.45);
const CORAL_F: (f32, f32, f32) = (0.70, 0.24, 0.17);
const PURPLE_F: (f32, f32, f32) = (0.35, 0.18, 0.55);

fn data_sheet(i: usize) -> Made {
    let (sku, name, description, price, _) = PRODUCTS[i];
    let slug = name.replace("Bastion ", "").replace(' ', "-");
    let price = format!(
        "List price: ${}.{:02} per mailbox per month, with volume tiers from 250 mailboxes and \
         discounts for 24- and 36-month terms.",
        price / 100,
        price % 100
    );
    pdf(
        &format!("Bastion-{slug}-Data-Sheet.pdf"),
        name,
        &format!("Data sheet · {sku}"),
        NAVY_F,
        vec![
            section("Overview", &[description, "Delivered as a cloud service from data centres in the EU, the UK and North America; no hardware, nothing to patch."]),
            section("Key capabilities", &[
                "• Policies per domain, group and user, changed in minutes from one console.",
                "• Reports a customer's board understands: threats stopped, time saved, risk trend.",
                "• Works with Microsoft 365, Google Workspace and on-premises Exchange.",
                "• 99.999% availability, backed by the service level agreement.",
            ]),
            section("Licensing", &[&price, "Licensed per mailbox; shared mailboxes and aliases are free."]),
            page("Technical requirements", &["An MX record change (or a connector for Microsoft 365) and a verified domain. Setup takes under an hour; our partner support team helps with the first three customers."]),
            section("Frequently asked questions", &[
                "• Where is the data kept? In the region the customer chooses, never moved without notice.",
                "• Can we try it first? Every customer may run a 30-day trial on up to 250 mailboxes.",
                "• Who supports it? The partner first, backed by the vendor's support team around the clock.",
            ]),
            section("Certifications", &["ISO 27001, SOC 2 Type II, and Cyber Essentials Plus. Reports are available under NDA from your channel manager."]),
        ],
    )
}

fn battle_card(updated: bool) -> Made {
    let mut sections = vec![
        section("Why customers switch", &[
            "• Catches 99.7% of phishing in independent tests, against 97–98% for the usual rivals.",
            "• One console for gateway, archive and continuity: no second vendor to manage.",
            "• Pricing per mailbox with no minimum term under 250 mailboxes.",
        ]),
        section("Against SecureGate", &["SecureGate is strong on-premises but its cloud service lacks time-of-click URL protection. Lead with ATP and the sandbox reports."]),
        section("Against MailFortress", &["MailFortress is cheaper on the gateway alone; Bastion wins once archive and continuity are in the deal. Quote the bundle."]),
        section("Landmines to lay", &[
            "• Ask how long their last mail outage lasted, and what it cost.",
            "• Ask who reviews quarantined mail today, and how long it takes.",
        ]),
    ];
    if updated {
        sections.push(section("New this quarter", &["Against CloudShield: its new pricing has a 36-month minimum. Bastion's 12-month term wins on flexibility; the 36-month discount answers on price."]));
    }
    pdf(
        "Bastion-Battle-Card.pdf",
        "Email security battle card",
        if updated {
            "Sales tools · Q4 edition"
        } else {
            "Sales tools · Q3 edition"
        },
        CORAL_F,
        sections,
    )
}

fn guide(
    name: &str,
    title: &str,
    subtitle: &str,
    accent: (f32, f32, f32),
    topics: &[(&str, &[&str])],
) -> Made {
    // An empty heading starts the next topic on a new page.
    let mut sections = Vec::new();
    let mut new_page = false;
    for (heading, paragraphs) in topics {
        if heading.is_empty() {
            new_page = true;
            continue;
        }
        sections.push(Section {
            new_page,
            ..section(heading, paragraphs)
        });
        new_page = false;
    }
    pdf(name, title, subtitle, accent, sections)
}

fn roi_calculator() -> Made {
    let mut csv = String::from("Input or result,Value,Notes\n");
    for (k, v, n) in [
        ("Mailboxes", "500", "Enter the customer's count"),
        ("Phishing incidents per year", "24", "From their help desk"),
        ("Hours lost per incident", "6", "Investigation and clean-up"),
        ("Cost per hour (USD)", "85", "Loaded IT staff cost"),
        ("Yearly cost of incidents (USD)", "=B3*B4*B5", "Result"),
        (
            "Bastion Gateway + ATP per year (USD)",
            "=B2*(2.50+1.80)*12",
            "List prices",
        ),
        ("Incidents prevented (%)", "90", "Conservative"),
        ("Yearly saving (USD)", "=B6*B8/100-B7", "Result"),
    ] {
        csv.push_str(&format!("{k},{v},{n}\n"));
    }
    Made {
        name: "Bastion-ROI-Calculator.csv".into(),
        media_type: "text/csv",
        bytes: csv.into_bytes(),
    }
}

fn phish_email() -> Made {
    let html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stop the Phish</title></head>\n<body style=\"font-family:Arial,sans-serif;color:#1f2430\">\n<h1 style=\"color:#17294a\">Nine in ten breaches start with an email.</h1>\n<p>[Partner name] and Bastion Mail stop phishing before it reaches your people: time-of-click link checks, attachment sandboxing and training that sticks.</p>\n<p><a href=\"[partner link]\">Book your free phishing readiness assessment</a></p>\n<p style=\"font-size:12px;color:#666\">You receive this email because you are a customer of [Partner name].</p>\n</body></html>\n";
    Made {
        name: "Stop-the-Phish-Email.html".into(),
        media_type: "text/html",
        bytes: html.as_bytes().to_vec(),
    }
}

fn banner(name: &str, headline: &str, line: &str, colour: picture::Rgb) -> Made {
    let mut p = Picture::new(600, 200, colour);
    p.shield(30, 40, 90, 110, WHITE, GOLD);
    p.text(150, 50, 5, headline, WHITE);
    p.text(152, 110, 3, line, GOLD);
    png(name, &p)
}

fn make(f: F) -> Made {
    match f {
        F::DataSheet(i) => data_sheet(i),
        F::BattleCard => battle_card(false),
        F::BattleCardV2 => battle_card(true),
        F::CompetitiveBattleCard => guide(
            "Bastion-Platinum-Competitive-Deep-Dive.pdf",
            "Competitive deep dive: enterprise deals",
            "Gold and Platinum partners only · not for customers",
            CORAL_F,
            &[
                ("Win rates", &["Against SecureGate in deals over 2,000 mailboxes we win 64% when ATP is in the first demo, 41% when it is not."]),
                ("Pricing room", &["Enterprise deals may go to the automatic approval limit without a channel manager; beyond it, ask early and give the competitor's quote."]),
                ("References", &["Three enterprise customers will take a call from a prospect; ask your channel manager for an introduction."]),
            ],
        ),
        F::Playbook => guide(
            "Bastion-ATP-Sales-Playbook.pdf",
            "Advanced Threat Protection sales playbook",
            "Sales tools · from first call to signed order",
            TEAL_F,
            &[
                ("Who buys", &["The IT manager feels the pain; the finance director signs. Bring the ROI calculator to the second meeting."]),
                ("The first call", &["• Ask about the last targeted phishing attempt.", "• Offer the free readiness assessment.", "• Agree a date for the technical demo."]),
                ("The demo", &["Show a live time-of-click rewrite and a sandbox report. Keep it under 30 minutes."]),
                ("Closing", &["Register the deal as soon as the customer agrees to a trial: registration protects your margin for 90 days."]),
                ("", &[]),
                ("Appendix: demo script", &["• 0–5 minutes: the customer's last phishing scare, in their words.", "• 5–15 minutes: a live time-of-click rewrite on a link sent during the call.", "• 15–25 minutes: the sandbox report of a real malicious attachment.", "• 25–30 minutes: the trial, and the date of the next meeting."]),
            ],
        ),
        F::Objections => guide(
            "Bastion-Objection-Handling.pdf",
            "Handling the ten common objections",
            "Sales tools",
            TEAL_F,
            &[
                ("\"Microsoft already does this\"", &["Built-in filtering misses targeted attacks; our detection rate is measured independently every quarter."]),
                ("\"It is too expensive\"", &["Compare against the cost of one incident: the ROI calculator usually shows payback within six months."]),
                ("\"We have no time to migrate\"", &["Setup takes under an hour and runs alongside the current service until the customer is ready."]),
            ],
        ),
        F::Discovery => guide(
            "Bastion-Discovery-Questions.pdf",
            "Discovery questions",
            "Sales tools · one page",
            TEAL_F,
            &[("Ask", &["• How many mailboxes, and on which platform?", "• Who handles suspicious emails today?", "• When did email last go down, and for how long?", "• Which regulations apply to your records?"])],
        ),
        F::PricingGuide => guide(
            "Bastion-Partner-Pricing-Guide.pdf",
            "Partner pricing guide",
            "Internal · margins, tiers and approvals",
            NAVY_F,
            &[
                ("Your margin", &["Your firm's margin applies to every line; Gold and Platinum partners earn more on renewals."]),
                ("Volume tiers", &["Discounts start at 250 mailboxes and grow at 1,000 and 5,000."]),
                ("Approvals", &["A discount deeper than a product's cap goes to the automatic limit, beyond which a channel manager decides."]),
            ],
        ),
        F::RoiCalculator => roi_calculator(),
        F::LogoPng => png("Bastion-Mail-Logo.png", &picture::logo(WHITE, NAVY, GOLD)),
        F::LogoReversePng => png("Bastion-Mail-Logo-Reverse.png", &picture::logo(NAVY, WHITE, GOLD)),
        F::LogoSvg => Made {
            name: "Bastion-Mail-Logo.svg".into(),
            media_type: "image/svg+xml",
            bytes: logo_svg("#17294a", "#17294a").into_bytes(),
        },
        F::LogoPack => {
            let colour = picture::logo(WHITE, NAVY, GOLD).png();
            let reverse = picture::logo(NAVY, WHITE, GOLD).png();
            let svg = logo_svg("#17294a", "#17294a");
            let svg_white = logo_svg("#ffffff", "#ffffff");
            let readme = "Bastion Mail logo pack\n\nUse the full-colour logo on light backgrounds and the reverse logo on dark ones.\nKeep clear space of half the shield's width around the logo. Do not stretch, recolour or rotate it.\n";
            zip(
                "Bastion-Mail-Logo-Pack.zip",
                &[
                    ("Bastion-Mail-Logo/README.txt", readme.as_bytes()),
                    ("Bastion-Mail-Logo/png/Bastion-Mail-Logo.png", &colour),
                    ("Bastion-Mail-Logo/png/Bastion-Mail-Logo-Reverse.png", &reverse),
                    ("Bastion-Mail-Logo/svg/Bastion-Mail-Logo.svg", svg.as_bytes()),
                    ("Bastion-Mail-Logo/svg/Bastion-Mail-Logo-White.svg", svg_white.as_bytes()),
                ],
            )
        }
        F::GoldBadge => {
            let mut p = Picture::new(320, 320, NAVY);
            p.shield(100, 40, 120, 140, GOLD, WHITE);
            p.text_centred(210, 5, "GOLD", GOLD);
            p.text_centred(260, 3, "PARTNER", WHITE);
            png("Bastion-Gold-Partner-Badge.png", &p)
        }
        F::BrandGuide => guide(
            "Bastion-Brand-Guidelines.pdf",
            "Brand guidelines for partners",
            "Branding & logos · for marketing teams",
            PURPLE_F,
            &[
                ("The logo", &["Use the full-colour logo on light backgrounds and the reverse logo on dark ones. Keep clear space of half the shield's width."]),
                ("Colours", &["• Bastion navy #17294A", "• Shield gold #C99700", "• White #FFFFFF"]),
                ("Co-branding", &["Your logo goes left, ours right, the same height, divided by a thin rule. Say \"in partnership with Bastion Mail\"."]),
                ("", &[]),
                ("Words", &["Bastion Mail, never BastionMail or Bastion Email. Product names keep their capitals."]),
            ],
        ),
        F::ReadinessChecklist => guide(
            "Phishing-Readiness-Assessment.pdf",
            "Phishing readiness assessment",
            "Customer tools · a checklist to fill in with the customer",
            GREEN_F,
            &[
                ("People", &["• Do staff know how to report a suspicious email?", "• When was the last phishing simulation?"]),
                ("Technology", &["• Are SPF, DKIM and DMARC set to enforce?", "• Are links checked when clicked, not only on arrival?"]),
                ("Process", &["• Who decides whether a quarantined email is released?", "• How fast can a compromised mailbox be locked?"]),
            ],
        ),
        F::OnboardingChecklist => guide(
            "Customer-Onboarding-Checklist.pdf",
            "Customer onboarding checklist",
            "Customer tools",
            GREEN_F,
            &[("Before go-live", &["• Verify the domains.", "• Import the users.", "• Set the quarantine digest.", "• Change the MX records in a quiet hour."])],
        ),
        F::MigrationGuide => guide(
            "Bastion-Migration-Guide.pdf",
            "Moving from another gateway",
            "Customer tools · for the customer's IT team",
            GREEN_F,
            &[
                ("Plan", &["Run Bastion alongside the old gateway for a week, then switch the MX records."]),
                ("Policies", &["Export the old allow and block lists; the import tool reads CSV."]),
                ("After", &["Keep the old gateway's archive until Bastion Archive has imported it."]),
            ],
        ),
        F::PhishEmail => phish_email(),
        F::PhishBanner => banner("Stop-the-Phish-Banner.png", "STOP THE PHISH", "FREE READINESS ASSESSMENT", CORAL),
        F::ComplianceKit => guide(
            "Compliance-Season-Campaign-Kit.pdf",
            "Compliance season campaign kit",
            "Campaign assets · last year's campaign",
            PURPLE_F,
            &[("The offer", &["Three months of Bastion Archive free with any two-year gateway order signed before the end of the season."]), ("Emails", &["Three emails, a week apart: the risk, the offer, the deadline."])],
        ),
        F::WebinarBanner => banner("Archive-Webinar-Banner.png", "ARCHIVE WEBINAR", "E-DISCOVERY IN 30 MINUTES", PURPLE),
        F::Thumb(colour, label, caption) => png(
            &format!("{}-thumbnail.png", label.to_ascii_lowercase()),
            &picture::thumbnail(COLOURS[colour as usize % COLOURS.len()], label, caption),
        ),
    }
}

const GREEN_F: (f32, f32, f32) = (0.13, 0.45, 0.30);

/// The file, made on first use and kept for the life of the process. One file is made at a time:
/// seeds starting together (the test suite's) wait for the first to make it rather than each
/// making it again.
pub fn get(f: F) -> &'static Made {
    static MADE: OnceLock<std::sync::Mutex<HashMap<F, &'static Made>>> = OnceLock::new();
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    made.entry(f)
        .or_insert_with(|| Box::leak(Box::new(make(f))))
}
