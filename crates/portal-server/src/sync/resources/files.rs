//! The resources' files: the vendor's uploads (written to the blob store as they arrive, hashed on
//! the way, refused past [`MAX_FILE_BYTES`]), and which file a partner may read — one of the
//! current version's files of an item the user may see, or its thumbnail. A file of an earlier
//! version is no longer served for the item (the app follows the new version at its next pull);
//! neither is any file of an item the user may not see, which answers exactly like an unknown one.

use super::visible;
use crate::error::Result;
use crate::storage::blobs::BlobWriter;
use crate::storage::resources::{self, Blob};
use crate::storage::{accounts, Storage};
use chrono::Utc;
use portal_core::ids::{PartnerId, ResourceId};
use portal_core::resources::publish::{file_name, MAX_FILE_BYTES};
use portal_core::resources::{ResourceFile, Sha256};
use portal_core::{ApiError, Role};

/// The refusal of a file over the limit.
pub fn too_large() -> ApiError {
    ApiError::invalid(
        "content",
        format!(
            "The file is larger than {} MiB, the most the server accepts.",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Whether a file of `written` bytes may take `more`.
pub fn within_limit(written: u64, more: usize) -> bool {
    written.saturating_add(more as u64) <= MAX_FILE_BYTES
}

/// A media type as given (`application/pdf`), or why it is not one.
fn media_type(given: &str) -> std::result::Result<String, ApiError> {
    let t = given.trim();
    let essence = t.split(';').next().unwrap_or("").trim();
    let (kind, sub) = essence.split_once('/').unwrap_or(("", ""));
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    if t.len() > 255 || t.chars().any(char::is_control) || !token(kind) || !token(sub) {
        return Err(ApiError::invalid(
            "content_type",
            format!("`{t}` is not a media type such as application/pdf or image/png."),
        ));
    }
    Ok(t.to_ascii_lowercase())
}

/// An upload under way.
pub struct Upload {
    name: String,
    media_type: String,
    writer: BlobWriter,
}

impl Upload {
    /// Checks the name and type, then opens the file the bytes go to.
    pub async fn begin(storage: &Storage, name: &str, content_type: &str) -> Result<Upload> {
        let name = file_name(name)?;
        let media_type = media_type(content_type)?;
        Ok(Upload {
            name,
            media_type,
            writer: storage.blobs().writer().await?,
        })
    }

    /// The next bytes; refused once the file passes the limit (nothing is kept).
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if !within_limit(self.writer.size(), bytes.len()) {
            return Err(too_large().into());
        }
        self.writer.write(bytes).await
    }

    /// Stores the file under its hash; answers it as an item will list it. The same bytes uploaded
    /// again keep the record of the first upload (its name is the default an item lists).
    pub async fn finish(self, storage: &Storage) -> Result<ResourceFile> {
        if self.writer.size() == 0 {
            return Err(ApiError::invalid("content", "The file is empty.").into());
        }
        let (sha256, size) = self.writer.finish().await?;
        let mut db = storage.conn().await?;
        resources::keep_blob(
            &mut db,
            &Blob {
                sha256: sha256.clone(),
                name: Some(self.name.clone()),
                media_type: self.media_type.clone(),
                size,
                uploaded_at: Utc::now(),
            },
        )
        .await?;
        let kept = resources::blob(&mut db, &sha256)
            .await?
            .ok_or_else(|| crate::Error::corrupt(format!("resource file {sha256} vanished")))?;
        Ok(ResourceFile {
            name: self.name,
            media_type: kept.media_type,
            size: kept.size,
            sha256,
        })
    }
}

/// Stores a whole file held in memory (the seed's, the command line's).
pub async fn store(
    storage: &Storage,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<ResourceFile> {
    let mut upload = Upload::begin(storage, name, content_type).await?;
    upload.write(bytes).await?;
    upload.finish(storage).await
}

/// A file a partner may read, opened.
pub struct Opened {
    pub file: ResourceFile,
    pub content: tokio::fs::File,
    pub len: u64,
}

/// The item's file with this hash, if the user (of this role, in this firm) may see the item and
/// the file is one of its current version's or its thumbnail.
pub async fn open(
    storage: &Storage,
    partner: PartnerId,
    role: Role,
    id: ResourceId,
    sha256: &Sha256,
) -> Result<Option<Opened>> {
    let (item, tier) = {
        let mut db = storage.conn().await?;
        let Some(item) = resources::item(&mut db, id).await? else {
            return Ok(None);
        };
        (
            item,
            accounts::partner_summary(&mut db, partner).await?.tier,
        )
    };
    if !visible(&item, role, tier) {
        return Ok(None);
    }
    let Some(file) = item.resource.file(sha256).cloned() else {
        return Ok(None);
    };
    let Some((content, len)) = storage.blobs().open(sha256).await? else {
        tracing::error!(%sha256, resource = %id, "a listed file is missing from the store");
        return Ok(None);
    };
    Ok(Some(Opened { file, content, len }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_stop_at_the_limit_and_types_are_media_types() {
        assert!(within_limit(0, 1));
        assert!(within_limit(MAX_FILE_BYTES - 10, 10));
        assert!(!within_limit(MAX_FILE_BYTES - 10, 11));
        assert!(!within_limit(u64::MAX, 1));
        assert_eq!(media_type(" Application/PDF ").unwrap(), "application/pdf");
        assert_eq!(
            media_type("text/plain; charset=utf-8").unwrap(),
            "text/plain; charset=utf-8"
        );
        for bad in [
            "",
            "pdf",
            "application/",
            "/pdf",
            "a b/c",
            "text/plain; x=\u{1}",
        ] {
            assert!(media_type(bad).is_err(), "{bad}");
        }
    }
}
