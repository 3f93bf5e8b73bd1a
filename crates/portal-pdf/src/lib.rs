//! The quote PDF: a quote rendered to PDF bytes, for the customer or for the partner's own use,
//! in any script a customer's name is written in, with the partner's logo when there is one.
//!
//! The caller fills in a [`QuoteDocument`], a plain view model with every figure already worked
//! out, and [`render`] (or [`render_with_logo`]) turns it into an A4 PDF:
//!
//! - [`Audience::Customer`]: the partner's letterhead, who it is for, the lines with the
//!   customer's prices, the total, notes, terms and an acceptance block. Never cost, RRP or
//!   margin.
//! - [`Audience::Internal`]: the same, plus RRP, cost and margin per line and in the totals,
//!   marked as not for the customer.
//! - A draft carries a large diagonal "DRAFT" on every page.
//!
//! The file is written by [krilla](https://docs.rs/krilla) with fonts bundled into the binary
//! (nothing is read from the system, so it works offline and prints the same everywhere): Noto
//! Sans regular and bold for Latin, Greek and Cyrillic, and Droid Sans Fallback for Chinese and
//! Japanese, chosen character by character. Only the glyphs used are embedded. Logos
//! are PNG, JPEG, GIF or WebP ([`Image`]). No timestamps are written: the same document always
//! gives the same bytes.
//!
//! [`cobrand`] renders a co-branded asset of a campaign kit: one page of the kit's size, its
//! background, the partner's logo and contact lines.
//!
//! [`leaflet`] renders a plainer document of headed sections (a data sheet, a battle card) the
//! same way.
//!
//! Modules: [`model`] the view model; `pager`, `furniture`, `parties`, `table`, `totals`,
//! `closing` and `parts` the layout; `canvas` records each page's drawing and `document` writes
//! it with krilla; `fonts` the bundled faces and `text` setting text with them (fallback, widths,
//! wrapping); `image` pictures; `format` how dates and figures read; `style` the look; `error`
//! what can be refused.
//!
//! `examples/sample_quote.rs` renders a realistic quote both ways; `benches/render.rs` times it.

mod canvas;
mod closing;
pub mod cobrand;
mod document;
mod error;
mod fonts;
mod format;
mod furniture;
mod image;
pub mod leaflet;
pub mod model;
mod pager;
mod parties;
mod parts;
mod style;
mod table;
mod text;
mod totals;

pub use error::PdfError;
pub use image::Image;
pub use model::{Audience, DocLine, DocTotals, Party, QuoteDocument};

/// Renders `doc` to the bytes of a PDF file.
pub fn render(doc: &QuoteDocument) -> Vec<u8> {
    build(doc, None)
}

/// Renders `doc` with the partner's `logo` in the letterhead, scaled to fit beside their name.
pub fn render_with_logo(doc: &QuoteDocument, logo: &Image) -> Vec<u8> {
    build(doc, Some(logo))
}

fn build(doc: &QuoteDocument, logo: Option<&Image>) -> Vec<u8> {
    let mut pager = pager::Pager::new(doc, logo);
    parties::draw(&mut pager);
    table::draw(&mut pager);
    totals::draw(&mut pager);
    closing::draw(&mut pager);
    let pages = pager.finish();

    let subject = match doc.audience {
        Audience::Customer => format!("Quote for {}", doc.customer.name),
        Audience::Internal => format!("Quote for {} (internal copy)", doc.customer.name),
    };
    let info = document::DocInfo {
        title: &doc.title,
        author: &doc.partner.name,
        subject: &subject,
    };
    // Writing can only fail on a font or an image krilla cannot read. The fonts are bundled and
    // tested, and an `Image` was decoded when it was made, so this is a bug if it ever happens.
    document::write_pdf(&pages, &info)
        .unwrap_or_else(|e| panic!("portal-pdf could not write a quote: {e:?}"))
}
