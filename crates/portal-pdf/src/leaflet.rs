//! A plain document of headed sections — a data sheet, a battle card, a guide: a coloured title
//! band on the first page, then each section's heading and paragraphs flowing over as many A4 pages
//! as they need, with a footer and page numbers. The vendor's demo library is made of these.

use crate::canvas::{Canvas, Rgb, TextStyle};
use crate::document::{write_pdf, DocInfo};
use crate::style::{
    ascent, leading, BRAND, CONTENT_BOTTOM, CONTENT_WIDTH, FOOTER, FOOTER_BASELINE, FOOTER_RULE,
    INK, LEFT, MUTED, ON_BRAND, ON_BRAND_MUTED, PAGE_HEIGHT, RIGHT, RULE,
};
use crate::text::{wrap, Font};

/// A document to render with [`render`].
#[derive(Debug, Clone, PartialEq)]
pub struct Leaflet {
    /// Large, in the band atop the first page.
    pub title: String,
    /// Under the title, in the band.
    pub subtitle: String,
    /// The band's colour, each channel from 0 to 1 (the vendor's navy when `None`).
    pub accent: Option<(f32, f32, f32)>,
    /// Each page's footer, beside its number.
    pub footer: String,
    pub sections: Vec<Section>,
}

/// A heading and its paragraphs (a paragraph starting with "• " is set as a bullet).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// Starts on a page of its own (an appendix, the next chapter).
    pub new_page: bool,
}

const BAND: f32 = 150.0;
const HEADING: TextStyle = TextStyle::new(Font::Bold, 13.0, INK);
const TEXT: TextStyle = TextStyle::new(Font::Regular, 10.0, INK);

struct Flow {
    pages: Vec<Canvas>,
    page: Canvas,
    y: f32,
}

impl Flow {
    fn room(&mut self, needed: f32) {
        if self.y - needed < CONTENT_BOTTOM {
            self.next_page();
        }
    }

    fn next_page(&mut self) {
        let full = std::mem::take(&mut self.page);
        self.pages.push(full);
        self.y = PAGE_HEIGHT - 56.0;
    }

    fn line(&mut self, x: f32, style: TextStyle, text: &str) {
        let step = leading(style.size);
        self.room(step);
        self.page.text(x, self.y - ascent(style.size), style, text);
        self.y -= step;
    }
}

/// The bytes of the PDF file of `leaflet`.
pub fn render(leaflet: &Leaflet) -> Vec<u8> {
    let accent = leaflet
        .accent
        .map(|(r, g, b)| Rgb(r, g, b))
        .unwrap_or(BRAND);
    let mut first = Canvas::new();
    first.fill_rect(0.0, PAGE_HEIGHT - BAND, RIGHT + LEFT, BAND, accent);
    let title = TextStyle::new(Font::Bold, 24.0, ON_BRAND);
    let mut y = PAGE_HEIGHT - 56.0;
    for line in wrap(Font::Bold, 24.0, &leaflet.title, CONTENT_WIDTH) {
        first.text(LEFT, y - ascent(24.0), title, &line);
        y -= leading(24.0);
    }
    let sub = TextStyle::new(Font::Regular, 11.0, ON_BRAND_MUTED);
    first.text_fit(
        LEFT,
        y - ascent(11.0) - 4.0,
        sub,
        CONTENT_WIDTH,
        &leaflet.subtitle,
    );
    let mut flow = Flow {
        pages: Vec::new(),
        page: first,
        y: PAGE_HEIGHT - BAND - 28.0,
    };
    for section in &leaflet.sections {
        if section.new_page {
            flow.next_page();
        }
        flow.room(leading(HEADING.size) * 3.0);
        flow.line(LEFT, HEADING.colored(accent), &section.heading);
        let y = flow.y + 3.0;
        flow.page.hrule(LEFT, RIGHT, y, 0.6, RULE);
        flow.y -= 6.0;
        for paragraph in &section.paragraphs {
            let (x, text) = match paragraph.strip_prefix("• ") {
                Some(rest) => {
                    flow.room(leading(TEXT.size));
                    flow.page
                        .text(LEFT + 4.0, flow.y - ascent(TEXT.size), TEXT, "•");
                    (LEFT + 16.0, rest)
                }
                None => (LEFT, paragraph.as_str()),
            };
            for line in wrap(Font::Regular, TEXT.size, text, RIGHT - x) {
                flow.line(x, TEXT, &line);
            }
            flow.y -= 5.0;
        }
        flow.y -= 10.0;
    }
    let mut pages = flow.pages;
    pages.push(flow.page);
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.hrule(LEFT, RIGHT, FOOTER_RULE, 0.5, RULE);
        page.text(LEFT, FOOTER_BASELINE, FOOTER, &leaflet.footer);
        page.text_right(
            RIGHT,
            FOOTER_BASELINE,
            FOOTER.colored(MUTED),
            &format!("Page {} of {count}", i + 1),
        );
    }
    let info = DocInfo {
        title: &leaflet.title,
        author: &leaflet.footer,
        subject: &leaflet.subtitle,
    };
    // The fonts are bundled and tested and there are no images: writing cannot fail but by a bug.
    write_pdf(&pages, &info)
        .unwrap_or_else(|e| panic!("portal-pdf could not write a leaflet: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sections_flow_onto_more_pages() {
        let paragraph = "Bastion stops phishing before it reaches the inbox. ".repeat(12);
        let leaflet = Leaflet {
            title: "Bastion Email Security Gateway".into(),
            subtitle: "Data sheet".into(),
            accent: None,
            footer: "Bastion Mail".into(),
            sections: (0..8)
                .map(|i| Section {
                    heading: format!("Section {i}"),
                    paragraphs: vec![paragraph.clone(), "• A bullet".into(), paragraph.clone()],
                    new_page: i == 7,
                })
                .collect(),
        };
        let pdf = render(&leaflet);
        assert!(pdf.starts_with(b"%PDF-"));
        let short = render(&Leaflet {
            sections: leaflet.sections[..1].to_vec(),
            ..leaflet.clone()
        });
        assert!(pdf.len() > short.len());
        assert_eq!(
            render(&leaflet),
            pdf,
            "the same leaflet gives the same bytes"
        );
    }
}
