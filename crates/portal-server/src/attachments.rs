//! Purchase-order files, stored per firm and addressed by the SHA-256 of their content: an upload
//! whose content does not hash to its address is refused, and uploading the same file again
//! changes nothing. An order names its file by that hash (`portal_core::order::Attachment`).

use crate::error::Result;
use crate::storage::attachments::{self, Upload};
use crate::storage::Storage;
use chrono::Utc;
use portal_core::ids::{PartnerId, UserId};
use portal_core::order::MAX_ATTACHMENT_BYTES;
use portal_core::ApiError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// What the server holds of an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoredAttachment {
    /// Lower-case hex of the content's SHA-256.
    pub sha256: String,
    pub size: u64,
    pub content_type: String,
}

/// Lower-case hex of the SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// The address in a path, lower-cased, or why it is not one.
pub fn parse_address(sha256: &str) -> Result<String, ApiError> {
    if sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha256.to_ascii_lowercase())
    } else {
        Err(ApiError::invalid(
            "sha256",
            "The file's address must be the 64 hexadecimal digits of its SHA-256.",
        ))
    }
}

/// The refusal of a file over the limit.
pub fn too_large() -> ApiError {
    ApiError::invalid(
        "content",
        format!(
            "The file is larger than {} MB, the most the vendor accepts.",
            MAX_ATTACHMENT_BYTES / (1024 * 1024)
        ),
    )
}

/// Stores the firm's file at its address, once: a repeated upload of the same content is answered
/// with what is stored (its first content type).
pub async fn store(
    storage: &Storage,
    partner: PartnerId,
    user: UserId,
    sha256: &str,
    content_type: &str,
    content: &[u8],
) -> Result<StoredAttachment> {
    let sha256 = parse_address(sha256)?;
    if content.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_large().into());
    }
    if content.is_empty() {
        return Err(ApiError::invalid("content", "The file is empty.").into());
    }
    if sha256_hex(content) != sha256 {
        return Err(ApiError::invalid(
            "sha256",
            "The file's content does not match its SHA-256; it was damaged on the way. Upload it again.",
        )
        .into());
    }
    let content_type = match content_type.trim() {
        "" => "application/octet-stream",
        t if t.len() > 255 => {
            return Err(ApiError::invalid(
                "content_type",
                "The file's Content-Type is too long to be a media type.",
            )
            .into())
        }
        t => t,
    };
    let mut db = storage.conn().await?;
    attachments::keep(
        &mut db,
        Upload {
            partner,
            sha256: &sha256,
            content_type,
            content,
            uploaded_by: user,
            uploaded_at: Utc::now(),
        },
    )
    .await?;
    let (size, content_type) = attachments::stored(&mut db, partner, &sha256)
        .await?
        .ok_or_else(|| crate::Error::corrupt(format!("attachment {sha256} vanished")))?;
    Ok(StoredAttachment {
        sha256,
        size,
        content_type,
    })
}

/// The firm's file: its content type and content. Another firm's is not found.
pub async fn fetch(
    storage: &Storage,
    partner: PartnerId,
    sha256: &str,
) -> Result<Option<(String, Vec<u8>)>> {
    let sha256 = parse_address(sha256)?;
    let mut db = storage.conn().await?;
    attachments::fetch(&mut db, partner, &sha256).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_sha256_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assert_eq!(parse_address(upper).unwrap(), sha256_hex(b"abc"));
        assert!(parse_address("abc").is_err());
        assert!(parse_address(&"g".repeat(64)).is_err());
    }
}
