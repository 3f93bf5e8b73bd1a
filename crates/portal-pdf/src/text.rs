//! Setting text: the two weights the document uses, which bundled face draws each character
//! (per-character fallback), how wide text is, and word wrapping, in points.
//!
//! There is no shaping: each character is one glyph and advances by the glyph's width, which is
//! right for the Latin, Greek, Cyrillic and CJK text a quote holds, and makes measuring and
//! drawing agree exactly, so wrapped lines and right-aligned figures land where layout put them.

use crate::fonts::{face, FaceId};
use krilla::text::{GlyphId, KrillaGlyph};

/// The two weights the document is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The face this weight is set in when it has the character.
    fn primary(self) -> FaceId {
        match self {
            Font::Regular => FaceId::Regular,
            Font::Bold => FaceId::Bold,
        }
    }

    /// The face and glyph that draw `c`: this weight's own face when it has the character,
    /// otherwise the CJK fallback when that has it, otherwise this weight's "missing glyph" box.
    pub fn glyph(self, c: char) -> (FaceId, GlyphId) {
        let c = printable(c);
        let primary = self.primary();
        if let Some(glyph) = face(primary).glyph(c) {
            return (primary, glyph);
        }
        match face(FaceId::Cjk).glyph(c) {
            Some(glyph) => (FaceId::Cjk, glyph),
            None => (primary, GlyphId::new(0)),
        }
    }

    /// Advance width of `c` as it will be drawn, in em.
    pub fn char_width(self, c: char) -> f32 {
        let (id, glyph) = self.glyph(c);
        face(id).advance(glyph)
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(self, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.char_width(c)).sum::<f32>() * size
    }
}

/// Layout has already broken lines by the time text is drawn: any control character left
/// (a tab, a stray line break) is drawn, measured and extracted as a space.
fn printable(c: char) -> char {
    if c.is_control() {
        ' '
    } else {
        c
    }
}

/// `text` with control characters as spaces, as it is drawn.
pub fn clean(text: &str) -> String {
    text.chars().map(printable).collect()
}

/// A stretch of text drawn from one face: its glyphs, each knowing the bytes of the text it
/// stands for (so a reader can copy the text out of the PDF), and its width in em.
#[derive(Debug, Clone)]
pub struct Run {
    pub face: FaceId,
    pub glyphs: Vec<KrillaGlyph>,
    pub width: f32,
}

/// `text` in `font` as runs of consecutive characters drawn from the same face, in order. Each
/// glyph advances by its width plus `tracking` (in em).
pub fn runs(font: Font, text: &str, tracking: f32) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (at, c) in text.char_indices() {
        let (id, glyph) = font.glyph(c);
        let advance = face(id).advance(glyph) + tracking;
        let glyph = KrillaGlyph::new(glyph, advance, 0.0, 0.0, 0.0, at..at + c.len_utf8(), None);
        match runs.last_mut() {
            Some(run) if run.face == id => {
                run.glyphs.push(glyph);
                run.width += advance;
            }
            _ => runs.push(Run {
                face: id,
                glyphs: vec![glyph],
                width: advance,
            }),
        }
    }
    runs
}

/// Breaks `text` into lines no wider than `max_width` at `size` points.
///
/// Lines break between words; a word wider than a whole line is split between characters. Each
/// `\n` starts a new line, and an empty paragraph gives an empty line, so authors' blank lines
/// survive as paragraph spacing.
pub fn wrap(font: Font, size: f32, text: &str, max_width: f32) -> Vec<String> {
    let space = font.width(size, " ");
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = font.width(size, word);
            if line.is_empty() && word_width <= max_width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            if !line.is_empty() && line_width + space + word_width <= max_width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word starts a fresh line; if it is still too wide, hard-break it.
            line_width = 0.0;
            for c in word.chars() {
                let c_width = font.char_width(c) * size;
                if !line.is_empty() && line_width + c_width > max_width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += c_width;
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
    fn measures_with_the_bundled_faces_widths() {
        // Noto Sans: H is 0.741 em, i 0.258 em; bold 0.765 and 0.305.
        assert!((Font::Regular.width(10.0, "Hi") - 9.99).abs() < 1e-3);
        assert!((Font::Bold.width(10.0, "Hi") - 10.70).abs() < 1e-3);
        assert!(Font::Bold.width(10.0, "Hi") > Font::Regular.width(10.0, "Hi"));
        assert_eq!(Font::Regular.width(10.0, ""), 0.0);
    }

    #[test]
    fn characters_noto_lacks_come_from_the_cjk_fallback() {
        assert_eq!(Font::Regular.glyph('Ł').0, FaceId::Regular);
        assert_eq!(Font::Bold.glyph('ş').0, FaceId::Bold);
        assert_eq!(Font::Bold.glyph('東').0, FaceId::Cjk);
        // An ideograph is a full em wide in either weight; a Latin letter is far narrower.
        assert!((Font::Regular.width(10.0, "東京") - 20.0).abs() < 0.1);
        assert!(Font::Regular.width(10.0, "ab") < 12.0);
    }

    #[test]
    fn a_character_no_face_has_is_drawn_and_measured_as_the_missing_glyph_box() {
        let (id, glyph) = Font::Regular.glyph('\u{E000}');
        assert_eq!((id, glyph.to_u32()), (FaceId::Regular, 0));
        assert!(Font::Regular.width(10.0, "\u{E000}") > 0.0);
    }

    #[test]
    fn runs_split_where_the_face_changes_and_keep_the_text_ranges() {
        let text = "Tokyo 東京商事 KK";
        let runs = runs(Font::Bold, text, 0.0);
        let faces: Vec<FaceId> = runs.iter().map(|r| r.face).collect();
        assert_eq!(faces, [FaceId::Bold, FaceId::Cjk, FaceId::Bold]);
        let cjk = &runs[1];
        let start = cjk.glyphs[0].text_range.start;
        let end = cjk.glyphs.last().expect("glyph").text_range.end;
        assert_eq!(&text[start..end], "東京商事");
        let total: f32 = runs.iter().map(|r| r.width).sum();
        assert!((total * 9.0 - Font::Bold.width(9.0, text)).abs() < 1e-3);
    }

    #[test]
    fn tracking_widens_every_glyph() {
        let plain: f32 = runs(Font::Regular, "ABC", 0.0)
            .iter()
            .map(|r| r.width)
            .sum();
        let tracked: f32 = runs(Font::Regular, "ABC", 0.1)
            .iter()
            .map(|r| r.width)
            .sum();
        assert!((tracked - plain - 0.3).abs() < 1e-5);
    }

    #[test]
    fn control_characters_are_drawn_as_spaces() {
        assert_eq!(clean("a\tb\rc"), "a b c");
        assert_eq!(Font::Regular.glyph('\t'), Font::Regular.glyph(' '));
    }

    #[test]
    fn cjk_text_without_spaces_wraps_between_characters() {
        let name = "東京商事株式会社情報システム部門";
        let lines = wrap(Font::Bold, 10.0, name, 45.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| Font::Bold.width(10.0, l) <= 45.0));
        assert_eq!(lines.concat(), name);
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
