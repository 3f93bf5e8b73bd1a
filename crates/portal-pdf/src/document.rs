//! The PDF file, written by krilla from the recorded pages: A4 pages, the bundled fonts embedded
//! as subsets of the glyphs used, images, and the document's properties.
//!
//! No creation date is written and krilla derives the file's identifier from its content, so the
//! same pages give the same bytes.

use crate::canvas::{Canvas, Op, Rgb, TextStyle};
use crate::fonts::{face, FaceId};
use crate::style::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::text::{runs, Font};
use krilla::blend::BlendMode;
use krilla::color::rgb;
use krilla::error::KrillaResult;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

/// How much a stroke thickens a glyph the bold face lacks (an ideograph from the one-weight CJK
/// fallback), in em, so that bold text stays visibly bold in every script.
const FAUX_BOLD_STROKE: f32 = 0.035;

/// What viewers show in a document's properties.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

/// A complete PDF file of `pages`, in order, on A4 paper.
pub fn write_pdf(pages: &[Canvas], info: &DocInfo<'_>) -> KrillaResult<Vec<u8>> {
    write_pdf_sized(pages, info, (PAGE_WIDTH, PAGE_HEIGHT))
}

/// A complete PDF file of `pages`, in order, each `size` points (width, height): a co-branded
/// asset's page is the kit's size, not A4.
pub fn write_pdf_sized(
    pages: &[Canvas],
    info: &DocInfo<'_>,
    (width, height): (f32, f32),
) -> KrillaResult<Vec<u8>> {
    let settings = SerializeSettings {
        // The document information dictionary says all a quote needs; XMP would add a
        // kilobyte to every file and nothing a reader sees.
        xmp_metadata: false,
        // Nothing is tagged, so there is no structure tree to write.
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(
        Metadata::new()
            .title(info.title.to_owned())
            .authors(vec![info.author.to_owned()])
            .description(info.subject.to_owned())
            .creator("Reseller Portal".to_owned())
            .producer("portal-pdf (krilla)".to_owned())
            .language("en".to_owned()),
    );
    let settings = PageSettings::from_wh(width, height).expect("a positive page size");
    for canvas in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        draw(&mut surface, canvas.ops(), height);
        surface.finish();
        page.finish();
    }
    document.finish()
}

fn draw(surface: &mut Surface<'_>, ops: &[Op], page_height: f32) {
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                degrees,
                style,
                text,
            } => draw_text(surface, (*x, *y), page_height, *degrees, style, text),
            Op::Line {
                from,
                to,
                width,
                color,
            } => {
                let mut path = PathBuilder::new();
                path.move_to(from.0, flip(page_height, from.1));
                path.line_to(to.0, flip(page_height, to.1));
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: paint(*color).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
            Op::Rect {
                x,
                y,
                width,
                height,
                color,
            } => {
                let mut path = PathBuilder::new();
                if let Some(rect) =
                    Rect::from_xywh(*x, flip(page_height, y + height), *width, *height)
                {
                    path.push_rect(rect);
                }
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
            Op::Image {
                x,
                y,
                width,
                height,
                image,
            } => {
                if let Some(size) = Size::from_wh(*width, *height) {
                    surface.push_transform(&Transform::from_translate(
                        *x,
                        flip(page_height, y + height),
                    ));
                    surface.draw_image(image.pdf().clone(), size);
                    surface.pop();
                }
            }
            Op::Multiply(inner) => {
                surface.push_blend_mode(BlendMode::Multiply);
                draw(surface, inner, page_height);
                surface.pop();
            }
        }
    }
}

/// Draws `text` run by run, each run in the face that has its glyphs.
fn draw_text(
    surface: &mut Surface<'_>,
    (x, y): (f32, f32),
    page_height: f32,
    degrees: f32,
    style: &TextStyle,
    text: &str,
) {
    let (x, y) = (x, flip(page_height, y));
    let rotated = degrees != 0.0;
    if rotated {
        // Anticlockwise on paper is clockwise in krilla's downward y.
        surface.push_transform(&Transform::from_rotate_at(-degrees, x, y));
    }
    surface.set_fill(Some(fill(style.color)));
    let mut pen = x;
    for run in runs(style.font, text, style.tracking / style.size) {
        let faux_bold = style.font == Font::Bold && run.face == FaceId::Cjk;
        surface.set_stroke(faux_bold.then(|| Stroke {
            paint: paint(style.color).into(),
            width: FAUX_BOLD_STROKE * style.size,
            ..Stroke::default()
        }));
        surface.draw_glyphs(
            Point::from_xy(pen, y),
            &run.glyphs,
            face(run.face).pdf().clone(),
            text,
            style.size,
            false,
        );
        pen += run.width * style.size;
    }
    surface.set_stroke(None);
    if rotated {
        surface.pop();
    }
}

/// A height from the page's bottom (layout) as a distance from its top (krilla).
fn flip(page_height: f32, y: f32) -> f32 {
    page_height - y
}

fn paint(c: Rgb) -> rgb::Color {
    let channel = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    rgb::Color::new(channel(c.0), channel(c.1), channel(c.2))
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: paint(color).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}
