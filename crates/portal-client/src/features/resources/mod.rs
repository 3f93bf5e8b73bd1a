//! The Resources menu group: the library's lists (What's New and one page per category), an item's
//! page, previews, opening and saving verified files, the briefcase (files kept for offline use),
//! the count of new items and the items to announce.
//!
//! - [`library`]: the lists, an item's page, What's New and announcements;
//! - [`offline`]: where an item stands in the briefcase, and its thumbnail;
//! - [`briefcase`]: keeping items and categories, filling and emptying the briefcase;
//! - [`files`]: a verified local copy of a file, and counting its use;
//! - [`preview`]: images as they are, the first pages of a PDF as pictures.

pub mod briefcase;
pub mod files;
pub mod library;
pub mod offline;
pub mod preview;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A file of an item on this machine, checked against its SHA-256: from the briefcase, or fetched
/// into the download cache and checked. Open it or copy it where the user wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalFile {
    pub path: PathBuf,
    /// The name to save it under (no folders).
    pub name: String,
    /// Such as `application/pdf`.
    pub media_type: String,
}
