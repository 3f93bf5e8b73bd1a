//! Flowing content down the pages: where the next block goes, and when a new page starts.

use crate::canvas::Canvas;
use crate::furniture;
use crate::image::Image;
use crate::model::QuoteDocument;
use crate::style::CONTENT_BOTTOM;

/// The pages so far and the position on the current one. Blocks take room from the top of the
/// free space (`y`) downwards; [`Pager::ensure`] starts a new page when a block would not fit.
pub struct Pager<'a> {
    doc: &'a QuoteDocument,
    done: Vec<Canvas>,
    page: Canvas,
    /// Top of the free space on the current page, in points from the bottom.
    pub y: f32,
    page_top: f32,
}

impl<'a> Pager<'a> {
    /// Starts the first page, with the letterhead (and the partner's logo on it, if given).
    pub fn new(doc: &'a QuoteDocument, logo: Option<&Image>) -> Self {
        let mut page = Canvas::new();
        let y = furniture::letterhead(&mut page, doc, logo);
        Self {
            doc,
            done: Vec::new(),
            page,
            y,
            page_top: y,
        }
    }

    pub fn doc(&self) -> &'a QuoteDocument {
        self.doc
    }

    pub fn canvas(&mut self) -> &mut Canvas {
        &mut self.page
    }

    /// Makes room for a block `height` points tall, starting a new page if this one is too full.
    /// Returns whether it did. A block taller than a whole page goes on a fresh page anyway
    /// (and overruns it) rather than pushing empty pages forever.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y - height >= CONTENT_BOTTOM || self.is_fresh() {
            return false;
        }
        self.new_page();
        true
    }

    /// Whether nothing has been placed on the current page yet.
    pub fn is_fresh(&self) -> bool {
        self.y >= self.page_top
    }

    /// Moves down by `by` points. Moving down does not by itself start a new page.
    pub fn advance(&mut self, by: f32) {
        self.y -= by;
    }

    /// Moves down by `by` points unless at the top of a page, where gaps would look lost.
    pub fn gap(&mut self, by: f32) {
        if !self.is_fresh() {
            self.y -= by;
        }
    }

    fn new_page(&mut self) {
        let mut page = Canvas::new();
        self.y = furniture::continuation_header(&mut page, self.doc);
        self.page_top = self.y;
        self.done.push(std::mem::replace(&mut self.page, page));
    }

    /// All pages, each with its footer ("Page n of m") and, on a draft, the watermark.
    pub fn finish(mut self) -> Vec<Canvas> {
        self.done.push(self.page);
        let count = self.done.len();
        self.done
            .into_iter()
            .enumerate()
            .map(|(i, mut page)| {
                furniture::footer(&mut page, self.doc, i + 1, count);
                furniture::watermark(&mut page, self.doc);
                page
            })
            .collect()
    }
}
