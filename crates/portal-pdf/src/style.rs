//! The document's look in one place: page geometry, colours and type styles.

use crate::canvas::{Rgb, TextStyle};
use crate::text::Font;

/// A4 portrait, in points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
/// Left edge of the content.
pub const LEFT: f32 = 48.0;
/// Right edge of the content.
pub const RIGHT: f32 = PAGE_WIDTH - LEFT;
pub const CONTENT_WIDTH: f32 = RIGHT - LEFT;
/// Content never goes below this line; the footer lives under it.
pub const CONTENT_BOTTOM: f32 = 64.0;
pub const FOOTER_RULE: f32 = 46.0;
pub const FOOTER_BASELINE: f32 = 33.0;

/// Body text.
pub const INK: Rgb = Rgb(0.12, 0.14, 0.18);
/// Labels and secondary text.
pub const MUTED: Rgb = Rgb(0.40, 0.43, 0.48);
/// Hairlines between table rows.
pub const RULE: Rgb = Rgb(0.84, 0.86, 0.89);
/// Rules that close a section.
pub const RULE_STRONG: Rgb = Rgb(0.30, 0.33, 0.38);
/// Background of the table header and the total.
pub const SHADE: Rgb = Rgb(0.945, 0.953, 0.965);
/// The letterhead band.
pub const BRAND: Rgb = Rgb(0.09, 0.16, 0.29);
pub const ON_BRAND: Rgb = Rgb(1.0, 1.0, 1.0);
pub const ON_BRAND_MUTED: Rgb = Rgb(0.68, 0.75, 0.86);
/// A negative margin.
pub const NEGATIVE: Rgb = Rgb(0.72, 0.11, 0.11);
/// The "internal" notice.
pub const NOTICE_FILL: Rgb = Rgb(1.0, 0.95, 0.82);
pub const NOTICE_INK: Rgb = Rgb(0.50, 0.30, 0.02);
/// The draft watermark: light enough to read the page through.
pub const WATERMARK: Rgb = Rgb(0.88, 0.88, 0.88);

pub const BODY: TextStyle = TextStyle::new(Font::Regular, 8.5, INK);
pub const BODY_BOLD: TextStyle = TextStyle::new(Font::Bold, 8.5, INK);
pub const SMALL: TextStyle = TextStyle::new(Font::Regular, 7.5, MUTED);
/// Small capitals-style section labels ("PREPARED FOR").
pub const LABEL: TextStyle = TextStyle::new(Font::Bold, 6.8, MUTED).tracked(0.5);
pub const FOOTER: TextStyle = TextStyle::new(Font::Regular, 7.0, MUTED);

/// Distance between baselines for text of `size` points.
pub fn leading(size: f32) -> f32 {
    (size * 1.32).round()
}

/// From the top of a line's box down to its baseline: a little above Noto Sans's capitals and
/// ascenders (0.714 and 0.76 em), so that lines sit where layout expects them.
pub fn ascent(size: f32) -> f32 {
    size * 0.78
}
