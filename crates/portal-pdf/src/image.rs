//! Pictures a document places, such as a partner's logo: PNG, JPEG, GIF or WebP, decoded once
//! when made, so that a broken file is refused up front rather than when a quote is printed.

use crate::error::PdfError;
use krilla::error::KrillaError;
use krilla::geom::Size;
use krilla::image::Image as PdfImage;
use krilla::page::PageSettings;
use krilla::{Data, Document};

/// A raster image, ready to place. Cloning it is cheap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pdf: PdfImage,
}

impl Image {
    /// The image in `bytes`, whose format is recognised from its first bytes.
    ///
    /// # Errors
    ///
    /// [`PdfError::UnsupportedImage`] for anything but PNG, JPEG, GIF or WebP (an SVG logo must
    /// be saved as PNG first), [`PdfError::BrokenImage`] for a file that cannot be decoded.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, PdfError> {
        let format = Format::sniff(&bytes);
        let data: Data = bytes.into();
        let pdf = match format {
            Some(Format::Png) => PdfImage::from_png(data, true),
            Some(Format::Jpeg) => PdfImage::from_jpeg(data, true),
            Some(Format::Gif) => PdfImage::from_gif(data, true),
            Some(Format::Webp) => PdfImage::from_webp(data, true),
            Some(Format::Svg) => {
                return Err(PdfError::UnsupportedImage(
                    "SVG images are not supported: save the logo as a PNG",
                ))
            }
            None => {
                return Err(PdfError::UnsupportedImage(
                    "the file is not a PNG, JPEG, GIF or WebP image",
                ))
            }
        }
        .map_err(PdfError::BrokenImage)?;
        let (width, height) = pdf.size();
        if width == 0 || height == 0 {
            return Err(PdfError::BrokenImage("it has no pixels".to_owned()));
        }
        check_decodes(&pdf)?;
        Ok(Self { pdf })
    }

    /// Width and height in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        self.pdf.size()
    }

    /// The largest size with the image's proportions within `max_width` by `max_height`.
    pub(crate) fn fit(&self, max_width: f32, max_height: f32) -> (f32, f32) {
        let (w, h) = self.pixels();
        let scale = (max_width / w as f32).min(max_height / h as f32);
        (w as f32 * scale, h as f32 * scale)
    }

    /// The image as krilla places it.
    pub(crate) fn pdf(&self) -> &PdfImage {
        &self.pdf
    }
}

/// krilla reads only an image's header when it is made and decodes the pixels when the PDF is
/// written; writing a one-image document now makes any decoding error surface here.
fn check_decodes(image: &PdfImage) -> Result<(), PdfError> {
    let mut document = Document::new();
    {
        let settings = PageSettings::from_wh(10.0, 10.0).expect("a positive page size");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let size = Size::from_wh(10.0, 10.0).expect("a positive image size");
        surface.draw_image(image.clone(), size);
        surface.finish();
        page.finish();
    }
    document.finish().map(drop).map_err(|e| match e {
        KrillaError::Image(_, _, message) => PdfError::BrokenImage(message),
        other => PdfError::BrokenImage(format!("{other:?}")),
    })
}

enum Format {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl Format {
    fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(Format::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(Format::Jpeg);
        }
        if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            return Some(Format::Gif);
        }
        if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            return Some(Format::Webp);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        if head.contains("<svg") {
            return Some(Format::Svg);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = include_bytes!("../examples/sample/logo.png");
    const JPEG: &[u8] = include_bytes!("../examples/sample/logo.jpg");

    #[test]
    fn png_and_jpeg_logos_are_read_with_their_size() {
        for bytes in [PNG, JPEG] {
            let image = Image::from_bytes(bytes.to_vec()).expect("image");
            assert_eq!(image.pixels(), (560, 160));
        }
    }

    #[test]
    fn an_image_fits_its_box_keeping_its_proportions() {
        let image = Image::from_bytes(PNG.to_vec()).expect("image");
        let (w, h) = image.fit(140.0, 48.0);
        assert!(
            (w - 140.0).abs() < 1e-3 && (h - 40.0).abs() < 1e-3,
            "{w}x{h}"
        );
        let (w, h) = image.fit(500.0, 32.0);
        assert!(
            (w - 112.0).abs() < 1e-3 && (h - 32.0).abs() < 1e-3,
            "{w}x{h}"
        );
    }

    #[test]
    fn svg_and_other_files_are_refused_with_a_reason() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#;
        let err = Image::from_bytes(svg.to_vec()).expect_err("svg");
        assert!(err.to_string().contains("SVG"), "{err}");
        let err = Image::from_bytes(b"%PDF-1.7".to_vec()).expect_err("pdf");
        assert!(matches!(err, PdfError::UnsupportedImage(_)), "{err}");
    }

    #[test]
    fn a_truncated_png_is_refused_when_made() {
        let cut = PNG[..PNG.len() / 2].to_vec();
        let err = Image::from_bytes(cut).expect_err("truncated");
        assert!(matches!(err, PdfError::BrokenImage(_)), "{err}");
    }
}
