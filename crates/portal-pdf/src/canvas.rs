//! One page's content stream: text, rules and filled boxes, as PDF operators.
//!
//! Coordinates are PDF points from the page's bottom-left corner. Numbers are written with at
//! most two decimals, so the same drawing always gives the same bytes.

use crate::text::Font;
use crate::winansi;

/// The page resource name of the graphics state that paints in multiply blend mode.
pub const MULTIPLY: &str = "Multiply";

/// A colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font: Font,
    pub size: f32,
    pub color: Rgb,
    /// Extra space after each character, in points (letter-spacing for small labels).
    pub tracking: f32,
}

impl TextStyle {
    pub const fn new(font: Font, size: f32, color: Rgb) -> Self {
        Self {
            font,
            size,
            color,
            tracking: 0.0,
        }
    }

    pub const fn tracked(self, tracking: f32) -> Self {
        Self { tracking, ..self }
    }

    pub const fn colored(self, color: Rgb) -> Self {
        Self { color, ..self }
    }

    pub const fn sized(self, size: f32) -> Self {
        Self { size, ..self }
    }

    /// The visible width of `text`: tracking after the last character is not counted.
    pub fn width(&self, text: &str) -> f32 {
        let gaps = text.chars().count().saturating_sub(1) as f32;
        self.font.width(self.size, text) + self.tracking * gaps
    }
}

/// The drawing operators of one page, in painting order.
#[derive(Debug, Default)]
pub struct Canvas {
    ops: Vec<u8>,
}

impl Canvas {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, x: f32, y: f32, style: TextStyle, text: &str) {
        self.begin_text(style);
        self.op(&format!("{} {} Td ", num(x), num(y)));
        self.show(text);
        self.end_text(style);
    }

    /// Draws `text` so that it ends at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, style: TextStyle, text: &str) {
        self.text(right - style.width(text), y, style, text);
    }

    /// Draws `text` from `x`, kept within `max_width` by [`fitted`].
    pub fn text_fit(&mut self, x: f32, y: f32, style: TextStyle, max_width: f32, text: &str) {
        let (style, text) = fitted(style, max_width, text);
        self.text(x, y, style, &text);
    }

    /// Draws a figure ending at `right`, set smaller if it is wider than `max_width` (down to
    /// half size): a long figure in a narrow column must stay inside its column, and a figure is
    /// never cut short.
    pub fn figure_right(
        &mut self,
        right: f32,
        y: f32,
        style: TextStyle,
        max_width: f32,
        text: &str,
    ) {
        self.text_right(right, y, shrunk(style, max_width, text, 0.5), text);
    }

    /// Draws `text` centred on (`cx`, `cy`) and turned anticlockwise by `degrees`.
    pub fn text_rotated(&mut self, cx: f32, cy: f32, degrees: f32, style: TextStyle, text: &str) {
        let (sin, cos) = degrees.to_radians().sin_cos();
        // Centre on the middle of the capitals (cap height of Helvetica is about 0.72 em).
        let half_width = style.width(text) / 2.0;
        let half_cap = style.size * 0.36;
        let x = cx - half_width * cos + half_cap * sin;
        let y = cy - half_width * sin - half_cap * cos;
        self.begin_text(style);
        self.op(&format!(
            "{} {} {} {} {} {} Tm ",
            num(cos),
            num(sin),
            num(-sin),
            num(cos),
            num(x),
            num(y)
        ));
        self.show(text);
        self.end_text(style);
    }

    /// Strokes a straight line `width` points thick.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.op(&format!(
            "{} w {} RG {} {} m {} {} l S\n",
            num(width),
            rgb(color),
            num(from.0),
            num(from.1),
            num(to.0),
            num(to.1)
        ));
    }

    /// A horizontal rule from `x1` to `x2` at height `y`.
    pub fn hrule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.line((x1, y), (x2, y), width, color);
    }

    /// Fills the rectangle whose bottom-left corner is (`x`, `y`).
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.op(&format!(
            "{} rg {} {} {} {} re f\n",
            rgb(color),
            num(x),
            num(y),
            num(width),
            num(height)
        ));
    }

    /// Paints what `draw` draws in multiply blend mode, which darkens what is under it without
    /// hiding it: a watermark on top of shaded boxes that leaves the text over it fully black.
    pub fn multiplied(&mut self, draw: impl FnOnce(&mut Self)) {
        self.op(&format!("q /{MULTIPLY} gs\n"));
        draw(self);
        self.op("Q\n");
    }

    /// The content stream.
    pub fn into_bytes(self) -> Vec<u8> {
        self.ops
    }

    fn begin_text(&mut self, style: TextStyle) {
        self.op(&format!(
            "BT /{} {} Tf {} rg ",
            style.font.resource_name(),
            num(style.size),
            rgb(style.color)
        ));
        if style.tracking != 0.0 {
            self.op(&format!("{} Tc ", num(style.tracking)));
        }
    }

    fn end_text(&mut self, style: TextStyle) {
        // Character spacing outlives the text object, so put it back for the next one.
        if style.tracking != 0.0 {
            self.op("0 Tc ");
        }
        self.op("ET\n");
    }

    fn show(&mut self, text: &str) {
        self.ops
            .extend_from_slice(&string_literal(&winansi::encode(text)));
        self.op(" Tj ");
    }

    fn op(&mut self, s: &str) {
        self.ops.extend_from_slice(s.as_bytes());
    }
}

/// `text` in `style` made to fit `max_width`: set smaller, down to 70% of its size, and if that
/// is not enough, cut short with an ellipsis.
pub fn fitted(style: TextStyle, max_width: f32, text: &str) -> (TextStyle, String) {
    let style = shrunk(style, max_width, text, 0.7);
    let mut text = text.to_owned();
    if style.width(&text) > max_width {
        while !text.is_empty() && style.width(&format!("{text}…")) > max_width {
            text.pop();
        }
        text = format!("{}…", text.trim_end());
    }
    (style, text)
}

/// `style`, set smaller if `text` is wider than `max_width`, but no smaller than `min_scale`.
fn shrunk(style: TextStyle, max_width: f32, text: &str, min_scale: f32) -> TextStyle {
    let width = style.width(text);
    if width <= max_width || width <= 0.0 {
        return style;
    }
    style.sized((style.size * max_width / width).max(style.size * min_scale))
}

/// A PDF literal string of already-encoded bytes: `(` `)` and `\` escaped, the rest as is.
pub fn string_literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

/// A number as PDF writes it: at most two decimals, no trailing zeros, no `-0`.
pub fn num(v: f32) -> String {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    match abs % 100 {
        0 => format!("{sign}{}", abs / 100),
        f if f % 10 == 0 => format!("{sign}{}.{}", abs / 100, f / 10),
        f => format!("{sign}{}.{f:02}", abs / 100),
    }
}

fn rgb(c: Rgb) -> String {
    format!("{} {} {}", num(c.0), num(c.1), num(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INK: Rgb = Rgb(0.0, 0.0, 0.0);

    fn ops(canvas: Canvas) -> String {
        String::from_utf8_lossy(&canvas.into_bytes()).into_owned()
    }

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(595.276), "595.28");
        assert_eq!(num(-3.25), "-3.25");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.07), "0.07");
    }

    #[test]
    fn escapes_parentheses_and_backslashes() {
        assert_eq!(string_literal(b"a(b)c\\d"), b"(a\\(b\\)c\\\\d)");
    }

    #[test]
    fn text_is_set_in_the_named_font_at_the_position() {
        let mut c = Canvas::new();
        c.text(
            48.0,
            700.5,
            TextStyle::new(Font::Bold, 9.0, INK),
            "Total (EUR)",
        );
        assert_eq!(
            ops(c),
            "BT /F2 9 Tf 0 0 0 rg 48 700.5 Td (Total \\(EUR\\)) Tj ET\n"
        );
    }

    #[test]
    fn text_is_written_in_winansi() {
        let mut c = Canvas::new();
        c.text(0.0, 0.0, TextStyle::new(Font::Regular, 9.0, INK), "€5");
        let bytes = c.into_bytes();
        assert!(bytes.windows(4).any(|w| w == b"(\x805)"));
    }

    #[test]
    fn right_aligned_text_ends_at_the_edge() {
        let style = TextStyle::new(Font::Regular, 10.0, INK);
        let mut c = Canvas::new();
        c.text_right(100.0, 0.0, style, "Hi");
        // "Hi" is 9.44 pt wide at 10 pt.
        assert!(ops(c).contains(" 90.56 0 Td "));
    }

    #[test]
    fn figures_too_wide_for_their_column_are_shrunk() {
        let style = TextStyle::new(Font::Regular, 10.0, INK);
        let mut c = Canvas::new();
        c.figure_right(100.0, 0.0, style, 8.0, "Hi");
        assert!(!ops(c).contains("/F1 10 Tf"));
    }

    #[test]
    fn text_too_long_even_when_shrunk_is_cut_with_an_ellipsis() {
        let style = TextStyle::new(Font::Bold, 19.0, INK);
        let long = "Brightline Information Technology Solutions and Services ".repeat(4);
        let (fit, text) = fitted(style, 300.0, &long);
        assert!((fit.size - 19.0 * 0.7).abs() < 1e-4);
        assert!(text.ends_with('…'));
        assert!(fit.width(&text) <= 300.0);
        let (same, short) = fitted(style, 300.0, "Brightline");
        assert_eq!((same, short.as_str()), (style, "Brightline"));
    }

    #[test]
    fn tracking_is_reset_after_use() {
        let mut c = Canvas::new();
        let style = TextStyle::new(Font::Bold, 7.0, INK).tracked(0.5);
        c.text(0.0, 0.0, style, "QUOTE");
        let s = ops(c);
        assert!(s.contains("0.5 Tc "));
        assert!(s.ends_with("0 Tc ET\n"));
        // The tracking counts between characters, not after the last one.
        let plain = TextStyle::new(Font::Bold, 7.0, INK);
        assert!((style.width("QUOTE") - plain.width("QUOTE") - 2.0).abs() < 1e-4);
    }
}
