//! Small pieces several sections share: section labels and stacks of text lines.

use crate::canvas::{Canvas, TextStyle};
use crate::style::{ascent, leading, LABEL, RULE};

/// Height a section label takes, rule and space under it included.
pub const LABEL_HEIGHT: f32 = 17.0;

/// Draws a section label ("PREPARED FOR") with a hairline under it, `width` wide, from `top`
/// down. Returns the top of the space under it.
pub fn section_label(page: &mut Canvas, x: f32, width: f32, top: f32, text: &str) -> f32 {
    let baseline = top - ascent(LABEL.size);
    page.text(x, baseline, LABEL, &text.to_uppercase());
    page.hrule(x, x + width, baseline - 4.5, 0.5, RULE);
    top - LABEL_HEIGHT
}

/// Lines of text in their own styles, one under the other.
#[derive(Debug, Default)]
pub struct Stack {
    lines: Vec<(TextStyle, String)>,
}

impl Stack {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, style: TextStyle, text: impl Into<String>) {
        self.lines.push((style, text.into()));
    }

    pub fn extend(&mut self, style: TextStyle, lines: impl IntoIterator<Item = String>) {
        for line in lines {
            self.push(style, line);
        }
    }

    /// From the top of the first line to the bottom of the last one's descenders.
    pub fn height(&self) -> f32 {
        match (self.lines.first(), self.lines.last()) {
            (Some((first, _)), Some((last, _))) => {
                let between: f32 = self.lines[1..].iter().map(|(s, _)| leading(s.size)).sum();
                ascent(first.size) + between + descent(last.size)
            }
            _ => 0.0,
        }
    }

    /// The baseline of the first line, when the stack's top is at `top`.
    pub fn first_baseline(&self, top: f32) -> f32 {
        self.lines
            .first()
            .map_or(top, |(style, _)| top - ascent(style.size))
    }

    /// Draws the lines from `top` down, left-aligned at `x`. Returns the bottom.
    pub fn draw(&self, page: &mut Canvas, x: f32, top: f32) -> f32 {
        let mut baseline = self.first_baseline(top);
        for (i, (style, text)) in self.lines.iter().enumerate() {
            if i > 0 {
                baseline -= leading(style.size);
            }
            if !text.is_empty() {
                page.text(x, baseline, *style, text);
            }
        }
        top - self.height()
    }
}

fn descent(size: f32) -> f32 {
    size * 0.24
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::{BODY, SMALL};

    #[test]
    fn a_stack_is_as_tall_as_its_lines() {
        let mut stack = Stack::new();
        assert_eq!(stack.height(), 0.0);
        stack.push(BODY, "Name");
        let one = stack.height();
        stack.push(SMALL, "line");
        assert!((stack.height() - one - leading(SMALL.size)).abs() < 1.0);
    }

    #[test]
    fn drawing_returns_the_bottom() {
        let mut stack = Stack::new();
        stack.push(BODY, "a");
        stack.push(BODY, "b");
        let mut page = Canvas::new();
        let bottom = stack.draw(&mut page, 0.0, 500.0);
        assert!((bottom - (500.0 - stack.height())).abs() < 1e-3);
    }
}
