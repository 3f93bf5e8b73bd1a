//! The quote PDF: a quote rendered to PDF bytes, for the customer or for the partner's own use.
//!
//! The caller fills in a [`QuoteDocument`], a plain view model with every figure already worked
//! out, and [`render`] turns it into an A4 PDF:
//!
//! - [`Audience::Customer`]: the partner's letterhead, who it is for, the lines with the
//!   customer's prices, the total, notes, terms and an acceptance block. Never cost, RRP or
//!   margin.
//! - [`Audience::Internal`]: the same, plus RRP, cost and margin per line and in the totals,
//!   marked as not for the customer.
//! - A draft carries a large diagonal "DRAFT" on every page.
//!
//! The PDF is written by a small built-in PDF 1.4 writer using the standard Helvetica fonts
//! (nothing embedded, WinAnsi text), so the output is small and the crate compiles quickly. No
//! timestamps are written: the same document always gives the same bytes.
//!
//! Modules: [`model`] the view model; `pager`, `furniture`, `parties`, `table`, `totals`,
//! `closing` and `parts` the layout; `canvas` and `writer` the PDF; `text`, `metrics` and
//! `winansi` the fonts; `format` how dates and figures read; `style` the look.
//!
//! `examples/sample_quote.rs` renders a realistic quote both ways.

mod canvas;
mod closing;
mod format;
mod furniture;
mod metrics;
pub mod model;
mod pager;
mod parties;
mod parts;
mod style;
mod table;
mod text;
mod totals;
mod winansi;
mod writer;

pub use model::{Audience, DocLine, DocTotals, Party, QuoteDocument};

/// Renders `doc` to the bytes of a PDF file.
pub fn render(doc: &QuoteDocument) -> Vec<u8> {
    let mut pager = pager::Pager::new(doc);
    parties::draw(&mut pager);
    table::draw(&mut pager);
    totals::draw(&mut pager);
    closing::draw(&mut pager);
    let pages = pager.finish();

    let subject = match doc.audience {
        Audience::Customer => format!("Quote for {}", doc.customer.name),
        Audience::Internal => format!("Quote for {} (internal copy)", doc.customer.name),
    };
    writer::write_pdf(
        &pages,
        &writer::DocInfo {
            title: &doc.title,
            author: &doc.partner.name,
            subject: &subject,
        },
    )
}
