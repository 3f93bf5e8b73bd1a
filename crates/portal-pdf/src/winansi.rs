//! Text to WinAnsiEncoding bytes, the single-byte encoding the standard fonts are set up with.
//!
//! WinAnsi is Windows code page 1252: ASCII, Latin-1 in 0xA0..=0xFF, and a block of typographic
//! characters (€, –, —, curly quotes, …) in 0x80..=0x9F. A character outside it is drawn as `?`,
//! so a name in, say, Polish or Greek degrades visibly rather than silently vanishing.

/// What an unencodable character becomes.
pub const REPLACEMENT: u8 = b'?';

/// The WinAnsi code of `c`, if it has one. Tabs and line breaks count as spaces: they are layout,
/// and by the time text is drawn, layout has already been done.
pub fn encode_char(c: char) -> Option<u8> {
    let code = match c {
        '\t' | '\n' | '\r' => b' ',
        ' '..='~' | '\u{A0}'..='\u{FF}' => u8::try_from(u32::from(c)).ok()?,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(code)
}

/// `text` as WinAnsi bytes, with [`REPLACEMENT`] for every character WinAnsi lacks.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| encode_char(c).unwrap_or(REPLACEMENT))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_passes_through() {
        assert_eq!(encode("Q-000123 (rev 2)"), b"Q-000123 (rev 2)");
    }

    #[test]
    fn currency_signs_and_punctuation_get_their_code_page_1252_bytes() {
        assert_eq!(encode("€1"), [0x80, b'1']);
        assert_eq!(encode("£"), [0xA3]);
        assert_eq!(encode("¥"), [0xA5]);
        assert_eq!(encode("a–b—c"), [b'a', 0x96, b'b', 0x97, b'c']);
        assert_eq!(
            encode("“x” ‘y’"),
            [0x93, b'x', 0x94, b' ', 0x91, b'y', 0x92]
        );
        assert_eq!(encode("…•™"), [0x85, 0x95, 0x99]);
    }

    #[test]
    fn latin1_letters_keep_their_code_points() {
        assert_eq!(encode("Zürich Café"), b"Z\xFCrich Caf\xE9");
        assert_eq!(encode("ß·×"), [0xDF, 0xB7, 0xD7]);
    }

    #[test]
    fn characters_outside_winansi_become_question_marks() {
        assert_eq!(encode("Łódź"), b"?\xF3d?");
        assert_eq!(encode("日本"), b"??");
        assert_eq!(encode("\u{7F}\u{1}"), b"??");
    }

    #[test]
    fn whitespace_controls_become_spaces() {
        assert_eq!(encode("a\tb\nc"), b"a b c");
    }
}
