//! What every page carries around the content: letterhead, running header, footer, watermark.

use crate::canvas::{Canvas, TextStyle};
use crate::image::Image;
use crate::model::{Audience, QuoteDocument};
use crate::style::{
    BRAND, CONTENT_WIDTH, FOOTER, FOOTER_BASELINE, FOOTER_RULE, INK, LEFT, MUTED, NOTICE_FILL,
    NOTICE_INK, ON_BRAND, ON_BRAND_MUTED, PAGE_HEIGHT, PAGE_WIDTH, RIGHT, RULE, WATERMARK,
};
use crate::text::Font;

const BAND_HEIGHT: f32 = 92.0;
const NOTICE_HEIGHT: f32 = 20.0;
const STRIP_HEIGHT: f32 = 5.0;
/// The white plate a logo sits on, so that a logo drawn for white paper reads on the dark band.
const LOGO_PLATE_HEIGHT: f32 = 60.0;
const LOGO_PAD: f32 = 7.0;
const LOGO_MAX_WIDTH: f32 = 150.0;
/// Between the logo's plate and the partner's name.
const LOGO_GAP: f32 = 16.0;

/// The draft watermark, painted over everything else. It multiplies rather than covers, so it
/// shows through shaded boxes alike while text under it stays fully legible.
pub fn watermark(page: &mut Canvas, doc: &QuoteDocument) {
    if doc.draft {
        let style = TextStyle::new(Font::Bold, 140.0, WATERMARK).tracked(6.0);
        page.multiplied(|page| {
            page.text_rotated(PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0, 45.0, style, "DRAFT");
        });
    }
}

/// The first page's letterhead: the partner's band, with their logo when there is one, and on
/// the internal copy a notice that it must not go to the customer. Returns where the content
/// starts.
pub fn letterhead(page: &mut Canvas, doc: &QuoteDocument, logo: Option<&Image>) -> f32 {
    let bottom = PAGE_HEIGHT - BAND_HEIGHT;
    page.fill_rect(0.0, bottom, PAGE_WIDTH, BAND_HEIGHT, BRAND);

    let title_line = PAGE_HEIGHT - 47.0;
    let sub_line = PAGE_HEIGHT - 63.0;
    let word = TextStyle::new(Font::Bold, 18.0, ON_BRAND).tracked(2.0);
    page.text_right(RIGHT, title_line, word, "QUOTE");
    let reference = TextStyle::new(Font::Regular, 8.5, ON_BRAND_MUTED);
    page.text_right(RIGHT, sub_line, reference, &reference_line(doc));

    let name_x = match logo {
        Some(logo) => LEFT + logo_plate(page, logo) + LOGO_GAP,
        None => LEFT,
    };
    let name_room = RIGHT - name_x - word.width("QUOTE") - 24.0;
    let name = TextStyle::new(Font::Bold, 19.0, ON_BRAND);
    page.text_fit(name_x, title_line, name, name_room, &doc.partner.name);
    if !doc.vendor.name.is_empty() {
        let powered = TextStyle::new(Font::Regular, 7.5, ON_BRAND_MUTED);
        let text = format!("Powered by {}", doc.vendor.name);
        page.text_fit(name_x, sub_line, powered, name_room, &text);
    }

    if doc.audience == Audience::Internal {
        let notice_bottom = bottom - NOTICE_HEIGHT;
        page.fill_rect(0.0, notice_bottom, PAGE_WIDTH, NOTICE_HEIGHT, NOTICE_FILL);
        let style = TextStyle::new(Font::Bold, 7.5, NOTICE_INK);
        page.text(
            LEFT,
            notice_bottom + 7.5,
            style,
            "INTERNAL COPY \u{2013} shows cost, RRP and margin. Do not send to the customer.",
        );
        return notice_bottom - 26.0;
    }
    bottom - 28.0
}

/// The logo on its plate at the band's left, centred on the name and the line under it. Returns
/// the plate's width.
fn logo_plate(page: &mut Canvas, logo: &Image) -> f32 {
    let inner_height = LOGO_PLATE_HEIGHT - 2.0 * LOGO_PAD;
    let (logo_width, _) = logo.fit(LOGO_MAX_WIDTH, inner_height);
    let width = logo_width + 2.0 * LOGO_PAD;
    let bottom = PAGE_HEIGHT - 79.0;
    page.fill_rect(LEFT, bottom, width, LOGO_PLATE_HEIGHT, ON_BRAND);
    page.image_fit(
        LEFT + LOGO_PAD,
        bottom + LOGO_PAD,
        LOGO_MAX_WIDTH,
        inner_height,
        logo,
    );
    width
}

/// The slim header of the pages after the first. Returns where the content starts.
pub fn continuation_header(page: &mut Canvas, doc: &QuoteDocument) -> f32 {
    page.fill_rect(
        0.0,
        PAGE_HEIGHT - STRIP_HEIGHT,
        PAGE_WIDTH,
        STRIP_HEIGHT,
        BRAND,
    );
    let baseline = PAGE_HEIGHT - 40.0;
    let reference = match doc.audience {
        Audience::Customer => reference_line(doc),
        Audience::Internal => format!("Internal copy \u{b7} {}", reference_line(doc)),
    };
    let right = TextStyle::new(Font::Regular, 8.0, MUTED);
    page.text_right(RIGHT, baseline, right, &reference);
    let room = CONTENT_WIDTH - right.width(&reference) - 24.0;
    let name = TextStyle::new(Font::Bold, 11.0, INK);
    page.text_fit(LEFT, baseline, name, room, &doc.partner.name);
    page.hrule(LEFT, RIGHT, baseline - 10.0, 0.5, RULE);
    baseline - 30.0
}

/// The footer: who and what on the left, "Page n of m" on the right.
pub fn footer(page: &mut Canvas, doc: &QuoteDocument, number: usize, count: usize) {
    page.hrule(LEFT, RIGHT, FOOTER_RULE, 0.5, RULE);
    let mut left = format!("{} \u{b7} {}", doc.partner.name, doc.title);
    if doc.audience == Audience::Internal {
        left.push_str(" \u{b7} Internal copy");
    }
    let page_label = format!("Page {number} of {count}");
    let room = CONTENT_WIDTH - FOOTER.width(&page_label) - 24.0;
    page.text_fit(LEFT, FOOTER_BASELINE, FOOTER, room, &left);
    page.text_right(RIGHT, FOOTER_BASELINE, FOOTER, &page_label);
}

/// "Q-000123 · Revision 2".
fn reference_line(doc: &QuoteDocument) -> String {
    format!("{} \u{b7} Revision {}", doc.number, doc.revision)
}
