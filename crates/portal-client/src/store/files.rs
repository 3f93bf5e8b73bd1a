//! Files attached to orders (the customer's purchase order): kept in the cache, addressed by the
//! SHA-256 of their content, until the server has them. The push uploads the ones its queued
//! changes refer to ([`crate::sync::upload`]) before it sends those changes.

use crate::error::ClientError;
use chrono::Utc;
use portal_core::order::Attachment;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

/// The lower-case hex SHA-256 of `content`.
pub fn sha256_hex(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the order form records of a file: its plain name (any folders dropped), its type
/// (`application/octet-stream` when none is known), size and hash; checked as the server checks
/// it.
pub fn describe(
    file_name: &str,
    content_type: &str,
    content: &[u8],
) -> Result<Attachment, ClientError> {
    let file_name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let content_type = match content_type.trim() {
        "" => "application/octet-stream".to_owned(),
        t => t.to_owned(),
    };
    let attachment = Attachment {
        file_name,
        content_type,
        size: content.len() as u64,
        sha256: sha256_hex(content),
    };
    attachment.check().map_err(ClientError::Invalid)?;
    Ok(attachment)
}

/// Keeps `content` under its hash (once, however often it is attached).
pub async fn keep(
    conn: &mut SqliteConnection,
    scope: &str,
    attachment: &Attachment,
    content: &[u8],
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO attachment (scope, sha256, file_name, content_type, size, content, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (scope, sha256) DO NOTHING",
    )
    .bind(scope)
    .bind(&attachment.sha256)
    .bind(&attachment.file_name)
    .bind(&attachment.content_type)
    .bind(attachment.size as i64)
    .bind(content)
    .bind(Utc::now().to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the cache holds the content of an attached file.
pub async fn holds(
    conn: &mut SqliteConnection,
    scope: &str,
    attachment: &Attachment,
) -> Result<bool, ClientError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM attachment WHERE scope = ?1 AND sha256 = ?2)",
    )
    .bind(scope)
    .bind(&attachment.sha256)
    .fetch_one(&mut *conn)
    .await?)
}

/// Whether the server has been sent the file with this hash from this computer; `None` when the
/// cache does not hold it.
pub async fn uploaded(
    conn: &mut SqliteConnection,
    scope: &str,
    sha256: &str,
) -> Result<Option<bool>, ClientError> {
    Ok(
        sqlx::query_scalar("SELECT uploaded FROM attachment WHERE scope = ?1 AND sha256 = ?2")
            .bind(scope)
            .bind(sha256)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The content of a kept file, checked against its hash.
pub async fn content(
    conn: &mut SqliteConnection,
    scope: &str,
    sha256: &str,
) -> Result<Vec<u8>, ClientError> {
    let content: Vec<u8> =
        sqlx::query_scalar("SELECT content FROM attachment WHERE scope = ?1 AND sha256 = ?2")
            .bind(scope)
            .bind(sha256)
            .fetch_one(&mut *conn)
            .await?;
    if sha256_hex(&content) != sha256 {
        return Err(ClientError::corrupt(format!(
            "the attached file {sha256} no longer matches its hash"
        )));
    }
    Ok(content)
}

/// Remembers that the server has the file.
pub async fn mark_uploaded(
    conn: &mut SqliteConnection,
    scope: &str,
    sha256: &str,
) -> Result<(), ClientError> {
    sqlx::query("UPDATE attachment SET uploaded = 1 WHERE scope = ?1 AND sha256 = ?2")
        .bind(scope)
        .bind(sha256)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_described_by_their_hash() {
        let a = describe("C:\\Users\\ann\\PO 4411.pdf", "", b"abc").unwrap();
        assert_eq!(a.file_name, "PO 4411.pdf");
        assert_eq!(a.content_type, "application/octet-stream");
        assert_eq!(a.size, 3);
        assert_eq!(
            a.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let empty = describe("po.pdf", "application/pdf", b"").unwrap_err();
        assert_eq!(empty.to_api_error().field.as_deref(), Some("po_attachment"));
    }
}
