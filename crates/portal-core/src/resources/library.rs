//! What the Resources pages ask the shell for and get back: the library's lists (What's New and
//! one page per category), an item's page, previews, the briefcase (files kept for offline use)
//! and the count of new items. Read by the app from the items a sync pulled.

use super::{Category, FileType, ProductTag, Resource, ResourceFile, Sha256};
use crate::ids::ResourceId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The page size when a query asks for 0 rows.
pub const DEFAULT_PAGE: u32 = 50;
/// The most rows one page holds.
pub const MAX_PAGE: u32 = 500;

/// The rows a query's `limit` asks for: the default for 0, at most [`MAX_PAGE`].
pub fn page_size(limit: u32) -> u32 {
    match limit {
        0 => DEFAULT_PAGE,
        n => n.min(MAX_PAGE),
    }
}

crate::wire_enum! {
    /// The order of a resources list.
    #[derive(Default)]
    pub enum ResourceSort {
        /// Newest first publication first (What's New is always in this order).
        #[default]
        Newest = "newest",
        /// By title, A to Z (any case).
        Title = "title",
    }
}

/// A resources list request. `category: None` is What's New: the newest items of every category.
/// `search` matches the title, summary, description, product names and file names (any case, every
/// word somewhere).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceQuery {
    pub category: Option<Category>,
    #[serde(default)]
    pub search: String,
    /// Only items that concern this product (its SKU).
    #[serde(default)]
    pub product: Option<String>,
    /// Only items whose main file is of this type.
    #[serde(default)]
    pub file_type: Option<FileType>,
    #[serde(default)]
    pub sort: ResourceSort,
    #[serde(default)]
    pub offset: u32,
    /// 0 for [`DEFAULT_PAGE`].
    #[serde(default)]
    pub limit: u32,
}

crate::wire_enum! {
    /// Where an item's files stand in the briefcase.
    #[derive(Default)]
    pub enum OfflineState {
        /// Not kept: opening or saving it needs the server.
        #[default]
        NotKept = "not_kept",
        /// Kept, waiting for its turn (or for the connection) to download.
        Waiting = "waiting",
        /// Downloading now (see the byte counts).
        Downloading = "downloading",
        /// Every file is here and matched its SHA-256: opens and saves with no connection.
        Ready = "ready",
        /// The last attempt failed; it is tried again at the next sync (the message says why).
        Failed = "failed",
    }
}

impl OfflineState {
    pub fn label(self) -> &'static str {
        match self {
            OfflineState::NotKept => "Not kept offline",
            OfflineState::Waiting => "Waiting to download",
            OfflineState::Downloading => "Downloading",
            OfflineState::Ready => "Available offline",
            OfflineState::Failed => "Download failed",
        }
    }
}

/// An item's place in the briefcase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offline {
    pub state: OfflineState,
    /// Kept because its whole category is (removing the item alone is then not offered).
    pub by_category: bool,
    /// Bytes of the current version's files already here, of `bytes_total`.
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Why the last download failed.
    pub message: Option<String>,
}

/// One row of a resources list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub id: ResourceId,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub products: Vec<ProductTag>,
    pub file_type: FileType,
    /// Every file's bytes together.
    pub size: u64,
    pub version: u32,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Published since the user last looked at What's New.
    pub is_new: bool,
    pub expired: bool,
    pub offline: Offline,
    /// The thumbnail as a `data:` URL, when the app has it.
    pub thumbnail: Option<String>,
}

/// A page of a resources list, with what its filters can offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceList {
    pub rows: Vec<ResourceRow>,
    /// Rows matching the query, across pages.
    pub total: u32,
    /// The products the page's items concern (for the Product filter), by name.
    pub products: Vec<ProductTag>,
    /// The file types among the page's items (for the Type filter).
    pub file_types: Vec<FileType>,
    /// When the library was last brought up to date from the server.
    pub as_of: Option<DateTime<Utc>>,
}

/// One file on an item's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRow {
    pub file: ResourceFile,
    pub file_type: FileType,
    /// Here and verified: opens and saves with no connection.
    pub offline: bool,
}

/// An item's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceDetail {
    pub resource: Resource,
    pub files: Vec<FileRow>,
    pub is_new: bool,
    pub expired: bool,
    /// False once expired: the Share action is not offered.
    pub may_share: bool,
    pub offline: Offline,
    pub thumbnail: Option<String>,
}

/// A file shown in the window: an image as it is, or the first pages of a PDF as PNG pictures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// `data:` URLs, one per picture (page).
    pub pages: Vec<String>,
    /// Pages the file has in all (1 for an image).
    pub page_count: u32,
}

/// What "Keep offline" is asked of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum KeepTarget {
    Item(ResourceId),
    /// Every item of the category, now and as the vendor publishes more.
    Category(Category),
}

/// One item in the briefcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefcaseItem {
    pub id: ResourceId,
    pub title: String,
    pub category: Category,
    pub version: u32,
    pub file_type: FileType,
    pub expired: bool,
    pub offline: Offline,
}

/// The Briefcase page: what is kept for offline use and the space it takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefcase {
    pub items: Vec<BriefcaseItem>,
    /// Categories kept whole.
    pub categories: Vec<Category>,
    /// Bytes the kept files take on this machine.
    pub bytes_used: u64,
    /// Bytes still to download.
    pub bytes_waiting: u64,
}

/// The menu's count of new items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewResources {
    /// Items published since the user last looked at What's New.
    pub count: u32,
}

/// The file a download or open means: the item and the file's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: ResourceId,
    pub sha256: Sha256,
}
