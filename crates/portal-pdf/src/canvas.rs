//! One page's drawing, recorded: text, rules, filled boxes and images, in painting order, for
//! `document` to write into the PDF once the page count is known.
//!
//! Coordinates are points from the page's bottom-left corner, y upwards, as layout thinks of
//! them; `document` converts them to krilla's top-left origin.

use crate::image::Image;
use crate::text::{clean, Font};

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

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `text` with its baseline starting at (`x`, `y`), turned anticlockwise about that point by
    /// `degrees`.
    Text {
        x: f32,
        y: f32,
        degrees: f32,
        style: TextStyle,
        text: String,
    },
    /// A straight line `width` points thick.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
    /// A filled rectangle whose bottom-left corner is (`x`, `y`).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
    /// An image stretched over the rectangle whose bottom-left corner is (`x`, `y`).
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        image: Image,
    },
    /// Drawing painted in multiply blend mode.
    Multiply(Vec<Op>),
}

/// The drawing of one page, in painting order.
#[derive(Debug, Default)]
pub struct Canvas {
    ops: Vec<Op>,
}

impl Canvas {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, x: f32, y: f32, style: TextStyle, text: &str) {
        self.rotated_text(x, y, 0.0, style, text);
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
        // Centre on the middle of the capitals (Noto Sans's cap height is 0.714 em).
        let half_width = style.width(text) / 2.0;
        let half_cap = style.size * 0.357;
        let x = cx - half_width * cos + half_cap * sin;
        let y = cy - half_width * sin - half_cap * cos;
        self.rotated_text(x, y, degrees, style, text);
    }

    fn rotated_text(&mut self, x: f32, y: f32, degrees: f32, style: TextStyle, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text {
            x,
            y,
            degrees,
            style,
            text: clean(text),
        });
    }

    /// Strokes a straight line `width` points thick.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.ops.push(Op::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// A horizontal rule from `x1` to `x2` at height `y`.
    pub fn hrule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.line((x1, y), (x2, y), width, color);
    }

    /// Fills the rectangle whose bottom-left corner is (`x`, `y`).
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.ops.push(Op::Rect {
            x,
            y,
            width,
            height,
            color,
        });
    }

    /// Places `image` as large as fits the box whose bottom-left corner is (`x`, `y`), keeping
    /// its proportions, centred vertically and at the box's left.
    pub fn image_fit(&mut self, x: f32, y: f32, max_width: f32, max_height: f32, image: &Image) {
        let (width, height) = image.fit(max_width, max_height);
        self.ops.push(Op::Image {
            x,
            y: y + (max_height - height) / 2.0,
            width,
            height,
            image: image.clone(),
        });
    }

    /// Places `image` as large as fits the box whose bottom-left corner is (`x`, `y`), keeping its
    /// proportions, centred both ways.
    pub fn image_centred(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        max_height: f32,
        image: &Image,
    ) {
        let (width, height) = image.fit(max_width, max_height);
        self.ops.push(Op::Image {
            x: x + (max_width - width) / 2.0,
            y: y + (max_height - height) / 2.0,
            width,
            height,
            image: image.clone(),
        });
    }

    /// Stretches `image` over the box whose bottom-left corner is (`x`, `y`).
    pub fn image_over(&mut self, x: f32, y: f32, width: f32, height: f32, image: &Image) {
        self.ops.push(Op::Image {
            x,
            y,
            width,
            height,
            image: image.clone(),
        });
    }

    /// Paints what `draw` draws in multiply blend mode, which darkens what is under it without
    /// hiding it: a watermark on top of shaded boxes that leaves the text over it fully black.
    pub fn multiplied(&mut self, draw: impl FnOnce(&mut Self)) {
        let mut inner = Canvas::new();
        draw(&mut inner);
        self.ops.push(Op::Multiply(inner.ops));
    }

    /// What was drawn, in painting order.
    pub fn ops(&self) -> &[Op] {
        &self.ops
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

#[cfg(test)]
mod tests {
    use super::*;

    const INK: Rgb = Rgb(0.0, 0.0, 0.0);

    /// The one text drawn: where it starts, its style and what it says.
    fn only_text(canvas: &Canvas) -> (f32, f32, TextStyle, &str) {
        match canvas.ops() {
            [Op::Text {
                x, y, style, text, ..
            }] => (*x, *y, *style, text),
            ops => panic!("expected one text, got {ops:?}"),
        }
    }

    #[test]
    fn right_aligned_text_ends_at_the_edge() {
        for text in ["Hi", "€1,234.00", "Łódź", "東京商事"] {
            let style = TextStyle::new(Font::Bold, 10.0, INK);
            let mut c = Canvas::new();
            c.text_right(100.0, 0.0, style, text);
            let (x, _, style, _) = only_text(&c);
            assert!((x + style.width(text) - 100.0).abs() < 1e-3, "{text}");
        }
    }

    #[test]
    fn figures_too_wide_for_their_column_are_shrunk_but_never_cut() {
        let style = TextStyle::new(Font::Regular, 10.0, INK);
        let mut c = Canvas::new();
        c.figure_right(100.0, 0.0, style, 30.0, "€12,345.67");
        let (_, _, set, text) = only_text(&c);
        assert!(set.size < 10.0 && set.size >= 5.0);
        assert_eq!(text, "€12,345.67");
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
    fn tracking_counts_between_characters_not_after_the_last() {
        let plain = TextStyle::new(Font::Bold, 7.0, INK);
        let tracked = plain.tracked(0.5);
        assert!((tracked.width("QUOTE") - plain.width("QUOTE") - 2.0).abs() < 1e-4);
    }

    #[test]
    fn rotated_text_is_centred_on_the_point() {
        let style = TextStyle::new(Font::Bold, 100.0, INK);
        let mut c = Canvas::new();
        c.text_rotated(300.0, 400.0, 90.0, style, "DRAFT");
        // Turned a quarter anticlockwise, the text runs upwards and its middle is the centre.
        let (x, y, style, text) = only_text(&c);
        assert!((y + style.width(text) / 2.0 - 400.0).abs() < 1e-3);
        assert!((x - 300.0 - 35.7).abs() < 1e-3);
    }

    #[test]
    fn control_characters_are_recorded_as_spaces_and_empty_text_not_at_all() {
        let style = TextStyle::new(Font::Regular, 9.0, INK);
        let mut c = Canvas::new();
        c.text(0.0, 0.0, style, "");
        assert!(c.ops().is_empty());
        c.text(0.0, 0.0, style, "a\tb");
        assert_eq!(only_text(&c).3, "a b");
    }

    #[test]
    fn an_image_fills_its_box_as_far_as_its_proportions_allow_centred_vertically() {
        let png = include_bytes!("../examples/sample/logo.png").to_vec();
        let logo = Image::from_bytes(png).expect("logo");
        let mut c = Canvas::new();
        // 560×160 pixels in a 140×60 box: 140×40, 10 points above the box's bottom.
        c.image_fit(10.0, 100.0, 140.0, 60.0, &logo);
        match c.ops() {
            [Op::Image {
                x,
                y,
                width,
                height,
                ..
            }] => {
                assert_eq!((*x, *width), (10.0, 140.0));
                assert!((height - 40.0).abs() < 1e-3 && (y - 110.0).abs() < 1e-3);
            }
            ops => panic!("{ops:?}"),
        }
    }

    #[test]
    fn a_watermark_is_kept_apart_to_be_painted_multiplied() {
        let mut c = Canvas::new();
        c.fill_rect(0.0, 0.0, 10.0, 10.0, INK);
        c.multiplied(|c| c.text(0.0, 0.0, TextStyle::new(Font::Bold, 9.0, INK), "DRAFT"));
        assert!(matches!(c.ops(), [Op::Rect { .. }, Op::Multiply(inner)] if inner.len() == 1));
    }
}
