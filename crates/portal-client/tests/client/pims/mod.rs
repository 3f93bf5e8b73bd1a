//! PIMS: the real client against the real server on 127.0.0.1:0 with a fresh, seeded database.
//! The vendor's channel manager publishes kits (their asset backgrounds are real
//! `campaign_assets` resources) and gives leads through the vendor API; the firm's marketing user
//! completes the profile offline, uploads logos, drafts a campaign offline and launches it online;
//! the assets and the exported email are rendered here and read back; leads are decided offline
//! and the server's answer wins.
//!
//! - [`profile`]: the profile edited offline and synced; logos refused here or uploaded, and the
//!   preview offline;
//! - [`campaigns`]: a draft offline, synced, launched (refused while the profile is incomplete),
//!   its landing page reachable;
//! - [`assets`]: the co-branded PNG's logo zone, the PDF's contact lines, the `.eml` read back;
//! - [`leads`]: accepted offline into a prospect; expired meanwhile and refused in words; a domain
//!   clash shown; no firm sees another's leads.

mod assets;
mod campaigns;
mod leads;
mod profile;

use crate::resources::Vendor;
use crate::support::synced;
use anyhow::{Context, Result};
use chrono::{Days, Utc};
use portal_client::{Portal, StoredSession};
use portal_core::{
    api::partner::Address,
    ids::PartnerId,
    pims::{
        app::{ProfileForm, ProfileView},
        kit::{AssetOutput, CampaignKit, KitAsset, Zone},
        lead::Lead,
        logo::LogoKind,
        template::{Block, EmailTemplate, Href, LandingTemplate},
        vendor::{NewKit, VendorLead},
    },
    resources::{Audience, Category},
};
use portal_server::testing::TestServer;
use std::io::Write;
use std::path::PathBuf;
use tempfile::TempDir;

/// Northwind's marketing user (edits the profile, runs campaigns) and administrator; Bluefin's.
pub const MARKETING: &str = "marketing@northwind.example";
pub const NORTHWIND_SALES: &str = "sales@northwind.example";
pub const BLUEFIN: &str = "admin@bluefin.example";

/// The web logo's colour, and the backgrounds'.
pub const LOGO_RGB: [u8; 3] = [200, 16, 46];
pub const BACKGROUND_RGB: [u8; 3] = [18, 60, 140];

/// A signed-in app instance with its own cache directory, synced once.
pub struct App {
    pub portal: Portal,
    pub dir: TempDir,
    pub stored: StoredSession,
}

impl App {
    pub async fn new(server: &TestServer, email: &str) -> Result<App> {
        let dir = tempfile::tempdir()?;
        let (portal, stored) =
            crate::support::signed_in(dir.path(), &server.base_url(), email).await?;
        synced(&portal).await?;
        Ok(App {
            portal,
            dir,
            stored,
        })
    }

    /// A file in the app's folder, written with `bytes`.
    pub fn file(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let path = self.dir.path().join(name);
        std::fs::File::create(&path)?.write_all(bytes)?;
        Ok(path)
    }

    /// The firm's id (the marketing profile's).
    pub async fn firm(&self) -> Result<PartnerId> {
        Ok(self.portal.marketing_profile().await?.profile.id)
    }
}

/// A PNG of one colour, `w` × `h`.
pub fn solid_png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        let row: Vec<u8> = (0..w).flat_map(|_| rgb).collect();
        let data: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
        writer.write_image_data(&data).expect("data");
    }
    out
}

/// A print logo as SVG: a rectangle of the logo's colour.
pub fn svg_logo() -> Vec<u8> {
    let [r, g, b] = LOGO_RGB;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\" viewBox=\"0 0 400 100\">\
         <rect width=\"400\" height=\"100\" fill=\"rgb({r},{g},{b})\"/></svg>"
    )
    .into_bytes()
}

/// A PNG's size and its pixels as RGBA (an RGB one given full alpha).
pub fn decode(png_bytes: &[u8]) -> Result<(u32, u32, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().context("size")?];
    let info = reader.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => anyhow::bail!("a {other:?} PNG"),
    };
    Ok((info.width, info.height, rgba))
}

/// The form of a profile with every text field filled in.
pub fn complete_form(view: &ProfileView) -> ProfileForm {
    let mut form = ProfileForm::from_profile(&view.profile);
    form.company_name = "Northwind Solutions".into();
    form.address = Address {
        line1: "12 Harbour Street".into(),
        line2: String::new(),
        city: "Bristol".into(),
        region: String::new(),
        postal_code: "BS1 4QA".into(),
        country: "GB".into(),
    };
    form.contact_name = "Ada Marsh".into();
    form.email = "marketing@northwind.example".into();
    form.phone = "+44 117 496 0000".into();
    form.website = "https://northwind.example".into();
    form.unsubscribe = "https://northwind.example/unsubscribe".into();
    form.brand_colour = "#1f6feb".into();
    form
}

/// The profile completed (text fields saved, both logos uploaded), and synced.
pub async fn complete_profile(app: &App) -> Result<ProfileView> {
    let view = app.portal.marketing_profile().await?;
    app.portal
        .save_marketing_profile(complete_form(&view))
        .await?;
    synced(&app.portal).await?;
    let web = app.file("web.png", &solid_png(240, 80, LOGO_RGB))?;
    app.portal.upload_logo(LogoKind::Web, &web).await?;
    let print = app.file("print.svg", &svg_logo())?;
    app.portal.upload_logo(LogoKind::Print, &print).await?;
    synced(&app.portal).await?;
    let view = app.portal.marketing_profile().await?;
    anyhow::ensure!(view.missing.is_empty(), "still missing {:?}", view.missing);
    Ok(view)
}

/// A kit running from yesterday for a month: an email and a landing page sharing the region
/// `intro`, a PNG banner and a PDF flyer on one background (a `campaign_assets` resource).
pub async fn publish_kit(server: &TestServer, name: &str) -> Result<CampaignKit> {
    let vendor = Vendor::sign_in(server).await?;
    let background = vendor
        .upload(
            "background.png",
            "image/png",
            solid_png(400, 300, BACKGROUND_RGB),
        )
        .await?;
    let resource = vendor
        .publish(
            Category::CampaignAssets,
            &format!("{name} backgrounds"),
            &[&background],
            None,
        )
        .await?;
    let today = Utc::now().date_naive();
    let intro = Block::Region {
        name: "intro".into(),
        label: "Opening paragraph".into(),
        default: "{{company_name}} keeps your mail safe.".into(),
        max_chars: 400,
    };
    let asset = |title: &str, output| KitAsset {
        title: title.into(),
        resource_id: resource.resource.id,
        background: background.sha256.clone(),
        width: 400,
        height: 300,
        output,
        logo_zone: Zone {
            x: 250,
            y: 100,
            width: 500,
            height: 400,
        },
        contact_zone: Some(Zone {
            x: 50,
            y: 700,
            width: 900,
            height: 250,
        }),
        page_width_pt: (output == AssetOutput::Pdf).then_some(400),
        page_height_pt: (output == AssetOutput::Pdf).then_some(300),
    };
    let kit = NewKit {
        name: name.into(),
        summary: format!("{name}, co-branded."),
        products: Vec::new(),
        starts_on: today - Days::new(1),
        ends_on: today + Days::new(30),
        email: EmailTemplate {
            subject: "Spring offer from {{company_name}}".into(),
            preheader: "Secure mail, ready in a day.".into(),
            blocks: vec![
                Block::Heading {
                    text: "Stop phishing at the gate".into(),
                },
                intro.clone(),
                Block::Button {
                    label: "Book a demo".into(),
                    href: Href::LandingPage,
                },
            ],
        },
        landing: LandingTemplate {
            title: "Secure mail with {{company_name}}".into(),
            blocks: vec![intro],
            form_heading: "Ask for a demo".into(),
        },
        assets: vec![
            asset("Web banner", AssetOutput::Png),
            asset("Event flyer", AssetOutput::Pdf),
        ],
        audience: Audience::everyone(),
    };
    // As the vendor API's handler does (its route answers the same kit).
    let storage = server.storage().await?;
    let published = portal_server::sync::pims::kits::publish(&storage, kit).await;
    storage.close().await;
    Ok(published?.kit)
}

/// A lead the vendor gives the firm, open for `window_days`.
pub async fn give_lead(
    server: &TestServer,
    firm: PartnerId,
    name: &str,
    email: &str,
    window_days: Option<u32>,
) -> Result<Lead> {
    let lead = VendorLead {
        partner_id: firm,
        origin: "Vendor webinar, 12 November".into(),
        name: name.into(),
        company: format!("{name}'s company"),
        email: email.into(),
        phone: String::new(),
        mailboxes: Some(40),
        message: "Please call me.".into(),
        window_days,
    };
    // As the vendor API's handler does.
    let storage = server.storage().await?;
    let given = portal_server::sync::pims::leads::distribute(&storage, lead, 7).await;
    storage.close().await;
    Ok(given?.lead)
}
