//! The pixels of a co-branded picture: a kit's background (PNG) with the firm's logo (PNG, or SVG
//! rasterised) fitted and centred in the asset's logo zone, encoded as PNG. Pure work on bytes,
//! so the PNG asset, the PDF asset's logo and the page's preview all come out of the same code.

use portal_core::pims::{
    kit::{KitAsset, Zone},
    logo::LogoFormat,
};
use resvg::{
    tiny_skia::{FilterQuality, IntSize, Pixmap, PixmapPaint, PremultipliedColorU8, Transform},
    usvg,
};
use std::io::Cursor;

/// What is wrong with a picture, in words.
pub type Problem = String;

/// A PNG decoded into a pixmap (any colour type and depth, normalised to 8-bit RGBA).
pub fn decode_png(bytes: &[u8], what: &str) -> Result<Pixmap, Problem> {
    let broken = |e: png::DecodingError| format!("The {what} is not a readable PNG ({e}).");
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(broken)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| format!("The {what} is too large to open."))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(broken)?;
    let (w, h) = (info.width, info.height);
    let pixels = (w as usize) * (h as usize);
    let mut rgba = Vec::with_capacity(pixels * 4);
    let data = &buf[..info.buffer_size()];
    match info.color_type {
        png::ColorType::Rgba => rgba.extend_from_slice(&data[..pixels * 4]),
        png::ColorType::Rgb => data[..pixels * 3]
            .chunks_exact(3)
            .for_each(|p| rgba.extend_from_slice(&[p[0], p[1], p[2], 255])),
        png::ColorType::Grayscale => data[..pixels]
            .iter()
            .for_each(|g| rgba.extend_from_slice(&[*g, *g, *g, 255])),
        png::ColorType::GrayscaleAlpha => data[..pixels * 2]
            .chunks_exact(2)
            .for_each(|p| rgba.extend_from_slice(&[p[0], p[0], p[0], p[1]])),
        png::ColorType::Indexed => {
            return Err(format!("The {what} uses a palette the app cannot expand."))
        }
    }
    // Pixmaps hold premultiplied colours.
    for p in rgba.chunks_exact_mut(4) {
        let a = u16::from(p[3]);
        for c in &mut p[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let size = IntSize::from_wh(w, h).ok_or_else(|| format!("The {what} has no pixels."))?;
    Pixmap::from_vec(rgba, size).ok_or_else(|| format!("The {what} could not be read."))
}

/// The pixmap as PNG bytes (straight RGBA).
pub fn encode_png(pixmap: &Pixmap) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.pixels() {
        let c = PremultipliedColorU8::demultiply(p);
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .expect("writing a PNG header to memory");
        writer
            .write_image_data(&rgba)
            .expect("writing PNG data to memory");
    }
    out
}

/// Draws the logo on `canvas`, fitted (keeping its shape) and centred in the box `x, y, w, h`
/// (pixels of the canvas).
pub fn draw_logo(
    canvas: &mut Pixmap,
    logo: &[u8],
    format: LogoFormat,
    (x, y, w, h): (u32, u32, u32, u32),
) -> Result<(), Problem> {
    match format {
        LogoFormat::Png => {
            let logo = decode_png(logo, "logo")?;
            let (fw, fh) = Zone::fit(logo.width(), logo.height(), w, h);
            if fw == 0 || fh == 0 {
                return Ok(());
            }
            let sx = fw as f32 / logo.width() as f32;
            let sy = fh as f32 / logo.height() as f32;
            let left = x as f32 + (w - fw) as f32 / 2.0;
            let top = y as f32 + (h - fh) as f32 / 2.0;
            let paint = PixmapPaint {
                quality: FilterQuality::Bicubic,
                ..PixmapPaint::default()
            };
            canvas.draw_pixmap(
                0,
                0,
                logo.as_ref(),
                &paint,
                Transform::from_row(sx, 0.0, 0.0, sy, left, top),
                None,
            );
        }
        LogoFormat::Svg => {
            let tree = usvg::Tree::from_data(logo, &usvg::Options::default())
                .map_err(|e| format!("The logo is not a readable SVG ({e})."))?;
            let size = tree.size();
            let (lw, lh) = (size.width(), size.height());
            if lw <= 0.0 || lh <= 0.0 {
                return Ok(());
            }
            let scale = (w as f32 / lw).min(h as f32 / lh);
            let left = x as f32 + (w as f32 - lw * scale) / 2.0;
            let top = y as f32 + (h as f32 - lh * scale) / 2.0;
            resvg::render(
                &tree,
                Transform::from_row(scale, 0.0, 0.0, scale, left, top),
                &mut canvas.as_mut(),
            );
        }
    }
    Ok(())
}

/// The logo alone as a PNG about `long_side` pixels along its longer side (an SVG rasterised; a
/// PNG as it is): what a PDF places.
pub fn logo_png(logo: &[u8], format: LogoFormat, long_side: u32) -> Result<Vec<u8>, Problem> {
    match format {
        LogoFormat::Png => Ok(logo.to_vec()),
        LogoFormat::Svg => {
            let tree = usvg::Tree::from_data(logo, &usvg::Options::default())
                .map_err(|e| format!("The logo is not a readable SVG ({e})."))?;
            let size = tree.size();
            let scale = long_side as f32 / size.width().max(size.height()).max(1.0);
            let w = ((size.width() * scale).ceil() as u32).max(1);
            let h = ((size.height() * scale).ceil() as u32).max(1);
            let mut pixmap =
                Pixmap::new(w, h).ok_or_else(|| "The logo is too large to draw.".to_owned())?;
            draw_logo(&mut pixmap, logo, format, (0, 0, w, h))?;
            Ok(encode_png(&pixmap))
        }
    }
}

/// The co-branded picture of `asset`: its background with the logo (when there is one) in the
/// logo zone, as PNG bytes; no larger than `max_side` pixels along its longer side when given (a
/// preview), else at the background's own size.
pub fn cobrand(
    asset: &KitAsset,
    background: &[u8],
    logo: Option<(&[u8], LogoFormat)>,
    max_side: Option<u32>,
) -> Result<Vec<u8>, Problem> {
    let full = decode_png(background, "background picture")?;
    let (bw, bh) = (full.width(), full.height());
    let scale = match max_side {
        Some(max) if bw.max(bh) > max => max as f32 / bw.max(bh) as f32,
        _ => 1.0,
    };
    let mut canvas = if scale < 1.0 {
        let (w, h) = (
            ((bw as f32 * scale).round() as u32).max(1),
            ((bh as f32 * scale).round() as u32).max(1),
        );
        let mut small =
            Pixmap::new(w, h).ok_or_else(|| "The background picture is empty.".to_owned())?;
        let paint = PixmapPaint {
            quality: FilterQuality::Bilinear,
            ..PixmapPaint::default()
        };
        small.draw_pixmap(
            0,
            0,
            full.as_ref(),
            &paint,
            Transform::from_scale(w as f32 / bw as f32, h as f32 / bh as f32),
            None,
        );
        small
    } else {
        full
    };
    if let Some((bytes, format)) = logo {
        let zone = asset.logo_zone.pixels(canvas.width(), canvas.height());
        draw_logo(&mut canvas, bytes, format, zone)?;
    }
    Ok(encode_png(&canvas))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solid(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
        let mut p = Pixmap::new(w, h).unwrap();
        p.fill(resvg::tiny_skia::Color::from_rgba8(
            rgb[0], rgb[1], rgb[2], 255,
        ));
        encode_png(&p)
    }

    fn at(p: &Pixmap, x: u32, y: u32) -> [u8; 3] {
        let c = p.pixel(x, y).unwrap().demultiply();
        [c.red(), c.green(), c.blue()]
    }

    #[test]
    fn a_png_logo_is_fitted_and_centred_in_its_zone() {
        let zone = Zone {
            x: 0,
            y: 0,
            width: 1000,
            height: 1000,
        };
        // A 2:1 logo in a square 100 × 100 canvas: 100 × 50, rows 25..75.
        let mut canvas = decode_png(&solid(100, 100, [0, 0, 255]), "bg").unwrap();
        let logo = solid(40, 20, [255, 0, 0]);
        draw_logo(&mut canvas, &logo, LogoFormat::Png, zone.pixels(100, 100)).unwrap();
        assert_eq!(at(&canvas, 50, 50), [255, 0, 0]);
        assert_eq!(at(&canvas, 5, 30), [255, 0, 0]);
        assert_eq!(at(&canvas, 50, 10), [0, 0, 255]);
        assert_eq!(at(&canvas, 50, 90), [0, 0, 255]);
        // Encoded and read back the same.
        let back = decode_png(&encode_png(&canvas), "out").unwrap();
        assert_eq!(at(&back, 50, 50), [255, 0, 0]);
        assert!(decode_png(b"not a png", "logo")
            .unwrap_err()
            .contains("logo"));
    }
}
