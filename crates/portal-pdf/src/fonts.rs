//! The typefaces every document is set in, bundled into the binary: Noto Sans regular and bold
//! for Latin, Greek and Cyrillic, and Droid Sans Fallback for Chinese and Japanese (ideographs,
//! kana; not Korean hangul). Which face has a glyph for a character, and how wide that glyph is.
//!
//! The files live in `fonts/` beside this crate with their licences. Nothing is read from the
//! system at run time, so a quote prints the same on every machine, offline. Only the glyphs a
//! document uses are embedded (krilla subsets each face).

use krilla::text::{Font as PdfFont, GlyphId};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use std::sync::LazyLock;

static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
static DROID_SANS_FALLBACK: &[u8] = include_bytes!("../fonts/DroidSansFallbackFull.ttf");

/// The bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaceId {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Droid Sans Fallback: CJK ideographs, kana and CJK punctuation, in one weight.
    Cjk,
}

/// One font file: its character map and advance widths for layout, and the font krilla embeds.
pub struct Face {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    pdf: PdfFont,
}

impl Face {
    /// Reads a bundled file. The files are part of the crate and tested, so failing to read one
    /// is a build mistake, not something a caller could handle.
    fn load(name: &str, data: &'static [u8]) -> Self {
        let font = FontRef::new(data).unwrap_or_else(|e| panic!("bundled font {name}: {e}"));
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let pdf = PdfFont::new(data.into(), 0)
            .unwrap_or_else(|| panic!("bundled font {name}: krilla cannot read it"));
        Self {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            pdf,
        }
    }

    /// The glyph for `c`, if this face has one.
    pub fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap
            .map(c)
            .filter(|g| g.to_u32() != 0)
            .map(|g| GlyphId::new(g.to_u32()))
    }

    /// How far `glyph` moves the pen, in em.
    pub fn advance(&self, glyph: GlyphId) -> f32 {
        let id = skrifa::GlyphId::new(glyph.to_u32());
        self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em
    }

    /// The font as krilla embeds it.
    pub fn pdf(&self) -> &PdfFont {
        &self.pdf
    }
}

struct Faces {
    regular: Face,
    bold: Face,
    cjk: Face,
}

// Parsed once per process: every document after the first reuses them.
static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    regular: Face::load("NotoSans-Regular.ttf", NOTO_SANS_REGULAR),
    bold: Face::load("NotoSans-Bold.ttf", NOTO_SANS_BOLD),
    cjk: Face::load("DroidSansFallbackFull.ttf", DROID_SANS_FALLBACK),
});

/// The face `id`.
pub fn face(id: FaceId) -> &'static Face {
    let faces = &*FACES;
    match id {
        FaceId::Regular => &faces.regular,
        FaceId::Bold => &faces.bold,
        FaceId::Cjk => &faces.cjk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(id: FaceId, text: &str) -> bool {
        text.chars().all(|c| face(id).glyph(c).is_some())
    }

    #[test]
    fn noto_sans_covers_polish_turkish_and_greek_in_both_weights() {
        for id in [FaceId::Regular, FaceId::Bold] {
            for text in [
                "Łódź Sp. z o.o.",
                "İstanbul Bilişim",
                "Ελληνικά ΑΕ",
                "€£¥–—…·",
            ] {
                assert!(covers(id, text), "{id:?} lacks a glyph of {text:?}");
            }
            assert!(
                !covers(id, "東京商事"),
                "{id:?} was expected to need the fallback"
            );
        }
    }

    #[test]
    fn the_fallback_covers_chinese_and_japanese_but_not_korean() {
        for text in [
            "東京商事",
            "北京科技有限公司",
            "ひらがなカタカナ",
            "「株式会社」",
        ] {
            assert!(covers(FaceId::Cjk, text), "{text:?}");
        }
        // A known gap: hangul would need a Korean font as well.
        assert!(!covers(FaceId::Cjk, "서울"));
    }

    #[test]
    fn digits_are_tabular_so_columns_of_figures_line_up() {
        for id in [FaceId::Regular, FaceId::Bold] {
            let f = face(id);
            let zero = f.advance(f.glyph('0').expect("0"));
            for d in '1'..='9' {
                assert_eq!(f.advance(f.glyph(d).expect("digit")), zero, "{id:?} {d}");
            }
        }
    }

    #[test]
    fn advances_are_in_em() {
        let f = face(FaceId::Regular);
        let space = f.advance(f.glyph(' ').expect("space"));
        assert!((0.2..0.3).contains(&space), "{space}");
        let ideograph = face(FaceId::Cjk);
        let width = ideograph.advance(ideograph.glyph('東').expect("東"));
        assert!((width - 1.0).abs() < 0.01, "{width}");
    }

    #[test]
    fn a_missing_character_has_no_glyph() {
        assert_eq!(face(FaceId::Regular).glyph('\u{E000}'), None);
    }
}
