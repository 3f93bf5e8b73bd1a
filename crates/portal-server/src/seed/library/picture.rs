//! Small pictures for the demo library, drawn pixel by pixel and written as PNG: the vendor's
//! logo (a shield and its name), partner badges, campaign banners and the items' thumbnails
//! (a coloured card with its type in capitals). Letters come from a 5×7 pixel font, scaled up.

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

pub const NAVY: Rgb = (23, 41, 74);
pub const WHITE: Rgb = (255, 255, 255);
pub const TEAL: Rgb = (0, 128, 128);
pub const GOLD: Rgb = (201, 151, 0);
pub const SLATE: Rgb = (71, 85, 105);
pub const CORAL: Rgb = (220, 80, 60);
pub const GREEN: Rgb = (34, 139, 84);
pub const PURPLE: Rgb = (102, 51, 153);

/// A picture being drawn.
pub struct Picture {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// The rows of a capital letter or digit, five pixels wide (the high bit of five is the left).
fn glyph(c: char) -> [u8; 7] {
    match c.to_ascii_uppercase() {
        'A' => [14, 17, 17, 31, 17, 17, 17],
        'B' => [30, 17, 17, 30, 17, 17, 30],
        'C' => [14, 17, 16, 16, 16, 17, 14],
        'D' => [30, 17, 17, 17, 17, 17, 30],
        'E' => [31, 16, 16, 30, 16, 16, 31],
        'F' => [31, 16, 16, 30, 16, 16, 16],
        'G' => [14, 17, 16, 23, 17, 17, 15],
        'H' => [17, 17, 17, 31, 17, 17, 17],
        'I' => [14, 4, 4, 4, 4, 4, 14],
        'J' => [7, 2, 2, 2, 2, 18, 12],
        'K' => [17, 18, 20, 24, 20, 18, 17],
        'L' => [16, 16, 16, 16, 16, 16, 31],
        'M' => [17, 27, 21, 21, 17, 17, 17],
        'N' => [17, 17, 25, 21, 19, 17, 17],
        'O' => [14, 17, 17, 17, 17, 17, 14],
        'P' => [30, 17, 17, 30, 16, 16, 16],
        'Q' => [14, 17, 17, 17, 21, 18, 13],
        'R' => [30, 17, 17, 30, 20, 18, 17],
        'S' => [15, 16, 16, 14, 1, 1, 30],
        'T' => [31, 4, 4, 4, 4, 4, 4],
        'U' => [17, 17, 17, 17, 17, 17, 14],
        'V' => [17, 17, 17, 17, 17, 10, 4],
        'W' => [17, 17, 17, 21, 21, 21, 10],
        'X' => [17, 17, 10, 4, 10, 17, 17],
        'Y' => [17, 17, 10, 4, 4, 4, 4],
        'Z' => [31, 1, 2, 4, 8, 16, 31],
        '0' => [14, 17, 19, 21, 25, 17, 14],
        '1' => [4, 12, 4, 4, 4, 4, 14],
        '2' => [14, 17, 1, 2, 4, 8, 31],
        '3' => [30, 1, 1, 14, 1, 1, 30],
        '4' => [2, 6, 10, 18, 31, 2, 2],
        '5' => [31, 16, 30, 1, 1, 17, 14],
        '6' => [6, 8, 16, 30, 17, 17, 14],
        '7' => [31, 1, 2, 4, 8, 8, 8],
        '8' => [14, 17, 17, 14, 17, 17, 14],
        '9' => [14, 17, 17, 15, 1, 2, 12],
        '&' => [12, 18, 20, 8, 21, 18, 13],
        '-' => [0, 0, 0, 31, 0, 0, 0],
        '%' => [24, 25, 2, 4, 8, 19, 3],
        _ => [0; 7],
    }
}

impl Picture {
    /// A picture filled with `background`.
    pub fn new(width: u32, height: u32, background: Rgb) -> Picture {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for _ in 0..width * height {
            pixels.extend([background.0, background.1, background.2]);
        }
        Picture {
            width,
            height,
            pixels,
        }
    }

    fn set(&mut self, x: u32, y: u32, c: Rgb) {
        if x < self.width && y < self.height {
            let i = ((y * self.width + x) * 3) as usize;
            self.pixels[i..i + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }

    /// Fills the rectangle whose top-left corner is (`x`, `y`).
    pub fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, c: Rgb) {
        for yy in y..y + h {
            for xx in x..x + w {
                self.set(xx, yy, c);
            }
        }
    }

    /// A shield `w` wide and `h` high with its top-left corner at (`x`, `y`): straight sides for
    /// its upper half, narrowing to a point; a band across it in `band`.
    pub fn shield(&mut self, x: u32, y: u32, w: u32, h: u32, c: Rgb, band: Rgb) {
        for dy in 0..h {
            let half = w as f32 / 2.0;
            let t = dy as f32 / h as f32;
            let reach = if t < 0.5 {
                half
            } else {
                half * (1.0 - (t - 0.5) * 2.0).sqrt()
            };
            let from = (half - reach).round() as u32;
            let to = (half + reach).round() as u32;
            let colour = if (h * 2 / 5..h / 2).contains(&dy) {
                band
            } else {
                c
            };
            for dx in from..to {
                self.set(x + dx, y + dy, colour);
            }
        }
    }

    /// The width `text` takes at `scale` (pixels per font pixel).
    pub fn text_width(text: &str, scale: u32) -> u32 {
        (text.chars().count() as u32 * 6).saturating_sub(1) * scale
    }

    /// Writes `text` in capitals with its top-left corner at (`x`, `y`).
    pub fn text(&mut self, x: u32, y: u32, scale: u32, text: &str, c: Rgb) {
        for (i, ch) in text.chars().enumerate() {
            let left = x + i as u32 * 6 * scale;
            for (row, bits) in glyph(ch).iter().enumerate() {
                for col in 0..5 {
                    if bits & (16 >> col) != 0 {
                        self.rect(left + col * scale, y + row as u32 * scale, scale, scale, c);
                    }
                }
            }
        }
    }

    /// Writes `text` centred across the picture.
    pub fn text_centred(&mut self, y: u32, scale: u32, text: &str, c: Rgb) {
        let x = self.width.saturating_sub(Self::text_width(text, scale)) / 2;
        self.text(x, y, scale, text, c);
    }

    /// The PNG file.
    pub fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            // Writing to memory fails only on a bad size, which these pictures never have.
            let mut writer = encoder.write_header().expect("a PNG header");
            writer
                .write_image_data(&self.pixels)
                .expect("the PNG's pixels");
        }
        out
    }
}

/// The vendor's logo: a shield and "BASTION MAIL", on `background` in `ink`.
pub fn logo(background: Rgb, ink: Rgb, accent: Rgb) -> Picture {
    let mut p = Picture::new(480, 160, background);
    p.shield(28, 24, 96, 112, ink, accent);
    p.text(148, 44, 6, "BASTION", ink);
    p.text(150, 100, 4, "MAIL", accent);
    p
}

/// A thumbnail for lists: a card in `colour` with a white sheet bearing `label` (the item's type)
/// and a short `caption` under it.
pub fn thumbnail(colour: Rgb, label: &str, caption: &str) -> Picture {
    let mut p = Picture::new(240, 160, colour);
    p.rect(70, 18, 100, 96, WHITE);
    p.rect(70, 18, 100, 14, NAVY);
    p.shield(80, 42, 22, 26, colour, NAVY);
    p.rect(108, 46, 50, 4, SLATE);
    p.rect(108, 56, 40, 4, SLATE);
    p.text_centred(80, 3, label, colour);
    p.text_centred(128, 2, caption, WHITE);
    p
}
