//! A co-branded asset as a one-page PDF: the kit's background over the whole page (the kit's
//! size, not A4), the firm's logo fitted and centred in its zone, and the firm's contact lines
//! written in the contact zone with the bundled fonts (any script).
//!
//! Zones are in thousandths of the page from its top-left corner, as the kit states them
//! ([`portal_core::pims::kit::Zone`]).

use crate::canvas::Canvas;
use crate::document::{write_pdf_sized, DocInfo};
use crate::image::Image;
use crate::style::{ascent, leading, BODY};
use portal_core::pims::kit::Zone;

/// The largest the contact lines are set, in points; smaller when the zone is short.
const CONTACT_SIZE: f32 = 11.0;
/// The smallest they are set: below this a printed line cannot be read.
const CONTACT_MIN: f32 = 5.0;

/// What one co-branded page is made of.
#[derive(Debug, Clone)]
pub struct Cobranded<'a> {
    /// The document's title (its properties), such as "Event flyer (A4) — Northwind IT".
    pub title: &'a str,
    /// The firm whose asset it is.
    pub author: &'a str,
    /// The page in points (72 per inch).
    pub width_pt: f32,
    pub height_pt: f32,
    /// Stretched over the whole page.
    pub background: &'a Image,
    pub logo: Option<&'a Image>,
    pub logo_zone: Zone,
    pub contact_zone: Option<Zone>,
    /// The profile's contact lines, top to bottom.
    pub contact_lines: &'a [String],
}

/// A zone in points as layout draws it: (left, bottom, width, height), y upwards.
fn in_points(zone: Zone, width: f32, height: f32) -> (f32, f32, f32, f32) {
    let f = |v: u16, total: f32| f32::from(v) * total / 1000.0;
    let (x, top, w, h) = (
        f(zone.x, width),
        f(zone.y, height),
        f(zone.width, width),
        f(zone.height, height),
    );
    (x, height - top - h, w, h)
}

/// The page's PDF bytes.
pub fn render_cobranded(page: &Cobranded<'_>) -> Vec<u8> {
    let (w, h) = (page.width_pt, page.height_pt);
    let mut canvas = Canvas::new();
    canvas.image_over(0.0, 0.0, w, h, page.background);
    if let Some(logo) = page.logo {
        let (x, y, zw, zh) = in_points(page.logo_zone, w, h);
        canvas.image_centred(x, y, zw, zh, logo);
    }
    if let (Some(zone), false) = (page.contact_zone, page.contact_lines.is_empty()) {
        let (x, bottom, zw, zh) = in_points(zone, w, h);
        let lines = page.contact_lines.len() as f32;
        // As large as the zone's height allows for every line, within bounds.
        let size = (zh / (lines * 1.32)).clamp(CONTACT_MIN, CONTACT_SIZE);
        let style = BODY.sized(size);
        let mut baseline = bottom + zh - ascent(size);
        for line in page.contact_lines {
            if baseline < bottom {
                break;
            }
            canvas.text_fit(x, baseline, style, zw, line);
            baseline -= leading(size);
        }
    }
    let info = DocInfo {
        title: page.title,
        author: page.author,
        subject: page.title,
    };
    // As for quotes: the fonts are bundled and the images checked when made, so writing cannot
    // fail on anything but a bug.
    write_pdf_sized(&[canvas], &info, (w, h))
        .unwrap_or_else(|e| panic!("portal-pdf could not write a co-branded page: {e:?}"))
}
