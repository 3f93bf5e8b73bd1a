//! Previews in the app's own window: an image as it is (a `data:` URL; SVG as `image/svg+xml`),
//! or the first pages of a PDF rendered to PNG in Rust (hayro, a pure-Rust rasteriser).

use super::offline::data_url;
use crate::{error::ClientError, Portal};
use portal_core::{
    resources::{
        library::{FileRef, Preview},
        FileType,
    },
    ApiError, ErrorKind,
};

/// The widest a rendered page is, in pixels.
const PAGE_WIDTH: f32 = 1000.0;
/// The most pages one preview renders.
const MAX_PAGES: u32 = 10;

impl Portal {
    /// An image as it is, or the first `pages` pages of a PDF as PNG pictures (at least one, at
    /// most ten), from a verified copy of the file.
    pub async fn preview_resource_file(
        &self,
        file: &FileRef,
        pages: u32,
    ) -> Result<Preview, ClientError> {
        let (_, f) = self.resource_and_file(file).await?;
        let kind = f.file_type();
        if !kind.previews() {
            return Err(no_preview(&format!(
                "A {} file has no preview in the app; open it or save it instead.",
                kind.label()
            )));
        }
        let local = self.resource_file(file).await?;
        let bytes = std::fs::read(&local.path).map_err(|e| ClientError::File {
            path: local.path.display().to_string(),
            message: e.to_string(),
        })?;
        match kind {
            FileType::Pdf => {
                let pages = pages.clamp(1, MAX_PAGES);
                tokio::task::spawn_blocking(move || render_pdf(bytes, pages))
                    .await
                    .map_err(|e| ClientError::corrupt(format!("rendering a PDF failed: {e}")))?
            }
            _ => Ok(image(&f.media_type, &bytes)),
        }
    }
}

fn no_preview(message: &str) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::InvalidInput, message))
}

/// An image as it is: one picture, one page.
pub fn image(media_type: &str, bytes: &[u8]) -> Preview {
    let media = media_type.split(';').next().unwrap_or("").trim();
    let media = if media.eq_ignore_ascii_case("image/svg") {
        "image/svg+xml"
    } else {
        media
    };
    Preview {
        pages: vec![data_url(media, bytes)],
        page_count: 1,
    }
}

/// The first `pages` pages of a PDF as PNG `data:` URLs, and its page count.
pub fn render_pdf(bytes: Vec<u8>, pages: u32) -> Result<Preview, ClientError> {
    use hayro::{
        hayro_interpret::InterpreterSettings, hayro_syntax::Pdf,
        vello_cpu::color::palette::css::WHITE, PixmapSettings, RenderCache, RenderSettings,
    };
    let pdf = Pdf::new(bytes).map_err(|_| {
        no_preview("This PDF cannot be read for a preview (it may be protected by a password); open it instead.")
    })?;
    let all = pdf.pages();
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let mut out = Vec::new();
    for page in all.iter().take(pages as usize) {
        let (w, _) = page.render_dimensions();
        let scale = if w > 0.0 {
            (PAGE_WIDTH / w).min(2.0)
        } else {
            1.0
        };
        let pixmap = hayro::render(
            page,
            &cache,
            &interpreter,
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        let png = pixmap
            .into_png()
            .map_err(|e| ClientError::corrupt(format!("a rendered page did not encode: {e:?}")))?;
        out.push(data_url("image/png", &png));
    }
    Ok(Preview {
        pages: out,
        page_count: u32::try_from(all.len()).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_shown_as_they_are() {
        let p = image("image/svg+xml", b"<svg/>");
        assert_eq!(p.page_count, 1);
        assert!(p.pages[0].starts_with("data:image/svg+xml;base64,"));
    }

    #[test]
    fn the_first_pages_of_a_pdf_render_to_png() {
        let pdf = portal_pdf_sample();
        let p = render_pdf(pdf, 1).unwrap();
        assert_eq!(p.page_count, 2);
        assert_eq!(p.pages.len(), 1);
        assert!(p.pages[0].starts_with("data:image/png;base64,"));
        assert!(render_pdf(b"not a pdf".to_vec(), 1).is_err());
    }

    /// A two-page PDF written by hand (a square on each page).
    fn portal_pdf_sample() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>".to_owned(),
            {
                let s = "0 0 1 rg 50 50 100 100 re f";
                format!("<< /Length {} >>\nstream\n{s}\nendstream", s.len())
            },
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}
