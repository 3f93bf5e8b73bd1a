//! The quote PDF from the outside, read back the way a person's tools read it: poppler
//! (`pdftotext`, `pdffonts`, `pdfimages`, `pdfinfo`, installed by `scripts/setup.sh --test`) says
//! what text each page shows and where, which fonts are embedded and which images are placed.
//!
//! What each audience may see, drafts, page breaks, alignment, names in any script, logos, and
//! the same bytes for the same document.

mod audiences;
mod cobrand;
mod file;
mod layout;
mod logos;
mod pages;
mod poppler;
mod sample;
mod scripts;

pub(crate) use chrono::NaiveDate;
pub(crate) use poppler::*;
pub(crate) use portal_core::money::{Currency, Money, Percent};
pub(crate) use portal_pdf::{
    render, render_with_logo, Audience, DocLine, DocTotals, Image, Party, QuoteDocument,
};
pub(crate) use sample::*;
pub(crate) use std::path::PathBuf;
pub(crate) use std::process::Command;
