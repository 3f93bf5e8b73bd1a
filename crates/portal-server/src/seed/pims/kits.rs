//! The demo's three campaign kits — running, upcoming and ended, dated around the seed day so the
//! demo never goes stale — with their email and landing-page templates and their co-branded
//! assets, whose backgrounds are pictures drawn here and published as `campaign_assets` resources.

use crate::seed::library::picture::{Picture, Rgb, NAVY, WHITE};
use portal_core::pims::kit::{AssetOutput, Zone};
use portal_core::pims::template::{Block, EmailTemplate, Href, LandingTemplate};

/// One kit of the demo.
pub struct KitSpec {
    pub name: &'static str,
    pub summary: &'static str,
    pub skus: &'static [&'static str],
    /// Days from the seed day to its first and last day.
    pub starts_in: i64,
    pub ends_in: i64,
    pub colour: Rgb,
    pub accent: Rgb,
    /// The headline on its pictures (capitals: the picture font has no others).
    pub headline: &'static str,
    pub email: fn() -> EmailTemplate,
    pub landing: fn() -> LandingTemplate,
    pub flyer: bool,
    pub banner: bool,
}

pub const PHISH: &str = "Stop the Phish: Q1 campaign";
pub const ARCHIVE: &str = "Archive & compliance spring push";
pub const CONTINUITY: &str = "Always-on email: continuity winter offer";

pub const KITS: &[KitSpec] = &[
    KitSpec {
        name: PHISH,
        summary: "An email, a landing page, an A4 flyer and a web banner offering a free phishing-readiness check.",
        skus: &["BM-ATP", "BM-SAT"],
        starts_in: -20,
        ends_in: 80,
        colour: (11, 60, 125),
        accent: (0, 170, 190),
        headline: "STOP THE PHISH",
        email: phish_email,
        landing: phish_landing,
        flyer: true,
        banner: true,
    },
    KitSpec {
        name: ARCHIVE,
        summary: "Invite customers to an archive health check before the spring audits.",
        skus: &["BM-ARC"],
        starts_in: 40,
        ends_in: 130,
        colour: (60, 40, 110),
        accent: (220, 170, 40),
        headline: "READY FOR AUDIT",
        email: archive_email,
        landing: archive_landing,
        flyer: false,
        banner: true,
    },
    KitSpec {
        name: CONTINUITY,
        summary: "Last winter's continuity offer: ended, kept for its results.",
        skus: &["BM-CON"],
        starts_in: -120,
        ends_in: -30,
        colour: (20, 100, 70),
        accent: (240, 120, 50),
        headline: "ALWAYS ON EMAIL",
        email: continuity_email,
        landing: continuity_landing,
        flyer: true,
        banner: false,
    },
];

fn region(name: &str, label: &str, default: &str, max: u32) -> Block {
    Block::Region {
        name: name.into(),
        label: label.into(),
        default: default.into(),
        max_chars: max,
    }
}

fn h(text: &str) -> Block {
    Block::Heading { text: text.into() }
}

fn p(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

fn bullets(items: &[&str]) -> Block {
    Block::Bullets {
        items: items.iter().map(|s| (*s).into()).collect(),
    }
}

const PHISH_OPENING: &str = "Nine in ten breaches start with an email. {{company_name}} can show you, in one short call, how exposed your people are — and how to close the gap.";
const PHISH_OFFER: &str = "Book a free phishing-readiness check before the end of the quarter and get your first three months of Security Awareness Training at no cost.";

fn phish_email() -> EmailTemplate {
    EmailTemplate {
        subject:
            "Is your inbox ready for the next phishing wave? A free check from {{company_name}}"
                .into(),
        preheader: "A free readiness check and three months of training on us.".into(),
        blocks: vec![
            h("Stop the phish before it lands"),
            region("opening", "Opening paragraph", PHISH_OPENING, 600),
            bullets(&[
                "Sandboxing that opens attachments before your people do",
                "Links checked again at the moment they are clicked",
                "Short monthly lessons and phishing drills for every employee",
            ]),
            region("offer", "The offer", PHISH_OFFER, 400),
            Block::Button {
                label: "Book my free check".into(),
                href: Href::LandingPage,
            },
            region(
                "sign_off",
                "Sign-off",
                "Talk soon,\n{{contact_name}}, {{company_name}}",
                200,
            ),
        ],
    }
}

fn phish_landing() -> LandingTemplate {
    LandingTemplate {
        title: "A free phishing-readiness check from {{company_name}}".into(),
        blocks: vec![
            region("opening", "Opening paragraph", PHISH_OPENING, 600),
            h("What the check covers"),
            bullets(&[
                "How many of your people would click a realistic phishing email",
                "Which attachments and links get past your current filters",
                "A one-page plan with the three fixes that matter most",
            ]),
            region("offer", "The offer", PHISH_OFFER, 400),
            p("Leave your details and we will call you within two working days."),
        ],
        form_heading: "Book your free check".into(),
    }
}

const ARCHIVE_OPENING: &str = "Spring audits are coming. {{company_name}} can check in a morning whether your email archive would pass.";
const ARCHIVE_OFFER: &str =
    "Our archive health check is free for customers who book before the audit season starts.";

fn archive_email() -> EmailTemplate {
    EmailTemplate {
        subject: "Would your email archive pass an audit tomorrow?".into(),
        preheader: "A free archive health check from {{company_name}}.".into(),
        blocks: vec![
            h("Ready for audit season?"),
            region("opening", "Opening paragraph", ARCHIVE_OPENING, 600),
            bullets(&[
                "Ten-year retention that meets the rules you answer to",
                "E-discovery searches in seconds, not days",
            ]),
            region("offer", "The offer", ARCHIVE_OFFER, 400),
            Block::Button {
                label: "Book my health check".into(),
                href: Href::LandingPage,
            },
        ],
    }
}

fn archive_landing() -> LandingTemplate {
    LandingTemplate {
        title: "Is your email archive ready for audit?".into(),
        blocks: vec![
            region("opening", "Opening paragraph", ARCHIVE_OPENING, 600),
            bullets(&[
                "Retention rules checked against your sector's",
                "A test e-discovery search on your own mail",
            ]),
            region("offer", "The offer", ARCHIVE_OFFER, 400),
        ],
        form_heading: "Book a health check".into(),
    }
}

const CONT_OPENING: &str =
    "When the mail server goes down, business stops. With {{company_name}} it does not have to.";
const CONT_OFFER: &str = "Add Bastion Continuity this winter and the first two months are on us.";

fn continuity_email() -> EmailTemplate {
    EmailTemplate {
        subject: "Keep email flowing this winter".into(),
        preheader: "Two months of Bastion Continuity on us.".into(),
        blocks: vec![
            h("Email that never stops"),
            region("opening", "Opening paragraph", CONT_OPENING, 600),
            bullets(&[
                "Mail keeps arriving during outages",
                "Staff keep sending from any browser",
            ]),
            region("offer", "The offer", CONT_OFFER, 400),
            Block::Button {
                label: "Tell me more".into(),
                href: Href::LandingPage,
            },
        ],
    }
}

fn continuity_landing() -> LandingTemplate {
    LandingTemplate {
        title: "Always-on email with {{company_name}}".into(),
        blocks: vec![
            region("opening", "Opening paragraph", CONT_OPENING, 600),
            region("offer", "The offer", CONT_OFFER, 400),
        ],
        form_heading: "Ask us about continuity".into(),
    }
}

/// A colour `t` (0–255) of the way from `a` to `b`.
fn mix(a: Rgb, b: Rgb, t: u32) -> Rgb {
    let m = |x: u8, y: u8| ((u32::from(x) * (255 - t) + u32::from(y) * t) / 255) as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Lighter by half, towards white.
fn light(c: Rgb) -> Rgb {
    mix(c, WHITE, 215)
}

/// The A4 flyer's background (an A4 page at 75 pixels per inch): a gradient, bands, the headline,
/// a lighter logo zone top-left and a contact panel at the foot.
pub const FLYER: (u32, u32) = (620, 877);
pub const FLYER_LOGO: Zone = Zone {
    x: 60,
    y: 40,
    width: 400,
    height: 120,
};
pub const FLYER_CONTACT: Zone = Zone {
    x: 60,
    y: 800,
    width: 880,
    height: 160,
};

pub fn flyer(k: &KitSpec) -> Vec<u8> {
    let (w, hgt) = FLYER;
    let mut pic = Picture::new(w, hgt, k.colour);
    for y in 0..hgt {
        pic.rect(0, y, w, 1, mix(k.colour, NAVY, y * 255 / hgt));
    }
    for i in 0..6 {
        pic.rect(0, 300 + i * 14, w, 6, mix(k.accent, k.colour, i * 40));
    }
    let (lx, ly, lw, lh) = FLYER_LOGO.pixels(w, hgt);
    pic.rect(lx, ly, lw, lh, light(k.colour));
    pic.text_centred(200, 6, k.headline, WHITE);
    pic.rect(60, 420, w - 120, 8, k.accent);
    pic.text_centred(460, 3, "FREE CHECK - BOOK TODAY", WHITE);
    pic.shield(w / 2 - 60, 540, 120, 140, light(k.colour), k.accent);
    let (cx, cy, cw, ch) = FLYER_CONTACT.pixels(w, hgt);
    pic.rect(cx, cy, cw, ch, light(k.accent));
    pic.png()
}

/// The web banner's background (960 × 320): a diagonal of blocks, the headline, and a lighter logo
/// zone on the right.
pub const BANNER: (u32, u32) = (960, 320);
pub const BANNER_LOGO: Zone = Zone {
    x: 700,
    y: 250,
    width: 260,
    height: 500,
};

pub fn banner(k: &KitSpec) -> Vec<u8> {
    let (w, hgt) = BANNER;
    let mut pic = Picture::new(w, hgt, k.colour);
    for x in (0..w).step_by(8) {
        pic.rect(x, 0, 8, hgt, mix(k.colour, NAVY, x * 200 / w));
    }
    for i in 0..8u32 {
        pic.rect(
            i * 70,
            hgt - 40 - i * 20,
            60,
            40 + i * 20,
            mix(k.accent, k.colour, i * 28),
        );
    }
    let (lx, ly, lw, lh) = BANNER_LOGO.pixels(w, hgt);
    pic.rect(lx, ly, lw, lh, light(k.colour));
    pic.text(40, 60, 6, k.headline, WHITE);
    pic.rect(40, 120, 400, 6, k.accent);
    pic.png()
}

/// The assets' output kinds, for the kit: (title, output).
pub fn outputs(k: &KitSpec) -> Vec<(&'static str, AssetOutput)> {
    let mut out = Vec::new();
    if k.flyer {
        out.push(("Flyer (A4)", AssetOutput::Pdf));
    }
    if k.banner {
        out.push(("Web banner", AssetOutput::Png));
    }
    out
}

/// A partner's logo for the demo: their initials' colour block and name, `w` × `h`.
pub fn partner_logo(w: u32, h: u32, colour: Rgb, name: &str) -> Vec<u8> {
    let mut pic = Picture::new(w, h, WHITE);
    let side = h * 3 / 4;
    pic.rect(h / 8, h / 8, side, side, colour);
    let scale = (h / 40).max(2);
    pic.text(h / 8 + side + h / 8, h / 2 - scale * 4, scale, name, colour);
    pic.png()
}
