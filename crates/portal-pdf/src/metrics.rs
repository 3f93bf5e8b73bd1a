//! Advance widths of the two standard fonts we use, for measuring text before placing it.
//!
//! These are the standard Adobe AFM widths of Helvetica and Helvetica-Bold (the URW Nimbus Sans
//! clones carry identical metrics), laid out by WinAnsi code so a byte of encoded text indexes
//! straight into the table. Every PDF viewer ships these two fonts, so nothing is embedded.

/// The first code in the tables below; codes under it are control characters we never draw.
pub const FIRST_CODE: u8 = 32;

/// Helvetica advance widths for WinAnsi codes 32..=255, in 1/1000 em (0 for codes WinAnsi leaves undefined).
pub const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, // 0x70
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xa0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xb0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xc0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xd0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xe0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xf0
];

/// Helvetica-Bold advance widths for WinAnsi codes 32..=255, in 1/1000 em (0 for codes WinAnsi leaves undefined).
pub const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, // 0x70
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xa0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xb0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xc0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xd0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xe0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xf0
];

#[cfg(test)]
mod tests {
    use super::*;

    fn width(table: &[u16; 224], code: u8) -> u16 {
        table[usize::from(code - FIRST_CODE)]
    }

    #[test]
    fn spot_checks_against_the_adobe_afm_files() {
        assert_eq!(width(&HELVETICA, b' '), 278);
        assert_eq!(width(&HELVETICA, b'A'), 667);
        assert_eq!(width(&HELVETICA, b'i'), 222);
        assert_eq!(width(&HELVETICA, b'@'), 1015);
        assert_eq!(width(&HELVETICA, b'\''), 191);
        assert_eq!(width(&HELVETICA_BOLD, b'i'), 278);
        assert_eq!(width(&HELVETICA_BOLD, b'm'), 889);
        assert_eq!(width(&HELVETICA_BOLD, b'@'), 975);
        assert_eq!(width(&HELVETICA_BOLD, b'\''), 238);
    }

    #[test]
    fn digits_are_tabular_so_columns_of_figures_line_up() {
        for table in [&HELVETICA, &HELVETICA_BOLD] {
            for d in b'0'..=b'9' {
                assert_eq!(width(table, d), 556);
            }
        }
    }

    #[test]
    fn currency_signs_and_dashes_have_widths() {
        for table in [&HELVETICA, &HELVETICA_BOLD] {
            assert_eq!(width(table, 0x80), 556, "euro");
            assert_eq!(width(table, 0xA3), 556, "pound");
            assert_eq!(width(table, 0x96), 556, "en dash");
            assert_eq!(width(table, 0x97), 1000, "em dash");
        }
    }
}
