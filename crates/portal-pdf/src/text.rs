//! Fonts, text measurement and word wrapping, in points.

use crate::metrics::{FIRST_CODE, HELVETICA, HELVETICA_BOLD};
use crate::winansi::{encode_char, REPLACEMENT};

/// The two faces the document is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// Both fonts, in the order the writer declares them as page resources.
    pub const ALL: [Font; 2] = [Font::Regular, Font::Bold];

    /// The name of the font in the pages' resource dictionary.
    pub fn resource_name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    /// The standard-14 font behind it.
    pub fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
        }
    }

    fn widths(self) -> &'static [u16; 224] {
        match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        }
    }

    /// Advance width of one WinAnsi byte, in 1/1000 em.
    pub fn glyph_width(self, code: u8) -> u16 {
        code.checked_sub(FIRST_CODE)
            .map_or(0, |i| self.widths()[usize::from(i)])
    }

    /// Advance width of `c` as it will be drawn (unencodable characters as `?`), in 1/1000 em.
    pub fn char_width(self, c: char) -> u16 {
        self.glyph_width(encode_char(c).unwrap_or(REPLACEMENT))
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(self, size: f32, text: &str) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.char_width(c))).sum();
        units as f32 * size / 1000.0
    }
}

/// Breaks `text` into lines no wider than `max_width` at `size` points.
///
/// Lines break between words; a word wider than a whole line is split between characters. Each
/// `\n` starts a new line, and an empty paragraph gives an empty line, so authors' blank lines
/// survive as paragraph spacing.
pub fn wrap(font: Font, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if font.width(size, &candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word starts a fresh line; if it is still too wide, hard-break it.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && font.width(size, &next) > max_width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// [`wrap`], keeping at most `max_lines` lines; a cut ends in an ellipsis so the reader sees it.
pub fn wrap_at_most(
    font: Font,
    size: f32,
    text: &str,
    max_width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = wrap(font, size, text, max_width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && font.width(size, &format!("{last}…")) > max_width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// Removes leading and trailing blank lines: a trailing newline in a text field is not content.
pub fn trim_blank_lines(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    lines.split_off(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_afm_widths() {
        // "Hi" in Helvetica: H 722 + i 222 = 944 units.
        assert!((Font::Regular.width(10.0, "Hi") - 9.44).abs() < 1e-4);
        // Bold: H 722 + i 278 = 1000 units.
        assert!((Font::Bold.width(10.0, "Hi") - 10.0).abs() < 1e-4);
        assert!((Font::Regular.width(10.0, "€") - 5.56).abs() < 1e-4);
        assert_eq!(Font::Regular.width(10.0, ""), 0.0);
    }

    #[test]
    fn unencodable_characters_measure_as_the_question_mark_drawn_instead() {
        assert_eq!(Font::Regular.width(9.0, "Ł"), Font::Regular.width(9.0, "?"));
    }

    #[test]
    fn wraps_between_words_within_the_width() {
        let text = "Fifty gigabyte mailbox with shared calendars, mobile sync and web access.";
        let lines = wrap(Font::Regular, 8.0, text, 120.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(Font::Regular.width(8.0, line) <= 120.0, "{line:?}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn breaks_a_word_longer_than_the_line() {
        let word = "A".repeat(60);
        let lines = wrap(Font::Bold, 10.0, &word, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| Font::Bold.width(10.0, l) <= 100.0));
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn keeps_paragraph_breaks_and_blank_lines() {
        let lines = wrap(Font::Regular, 9.0, "One.\n\nTwo.", 300.0);
        assert_eq!(lines, ["One.", "", "Two."]);
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        let text = "word ".repeat(200);
        let lines = wrap_at_most(Font::Regular, 8.0, &text, 100.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(Font::Regular.width(8.0, &lines[2]) <= 100.0);
    }

    #[test]
    fn trims_blank_lines_at_either_end_only() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            trim_blank_lines(lines(&["", "a", "", "b", "", ""])),
            lines(&["a", "", "b"])
        );
        assert!(trim_blank_lines(lines(&["", ""])).is_empty());
    }
}
