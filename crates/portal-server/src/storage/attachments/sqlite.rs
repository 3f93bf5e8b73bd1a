//! The attachments' SQL for SQLite: `attachments`, the content as a BLOB.

use super::Upload;
use crate::error::Result;
use crate::storage::sqlite::{instant_text, Connection};
use portal_core::ids::PartnerId;

pub async fn keep(c: &mut Connection, u: Upload<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO attachments (partner_id, sha256, content_type, size, content, uploaded_by,
                                  uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (partner_id, sha256) DO NOTHING",
    )
    .bind(u.partner.to_string())
    .bind(u.sha256)
    .bind(u.content_type)
    .bind(u.content.len() as i64)
    .bind(u.content)
    .bind(u.uploaded_by.to_string())
    .bind(instant_text(u.uploaded_at))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn stored(
    c: &mut Connection,
    partner: PartnerId,
    sha256: &str,
) -> Result<Option<(u64, String)>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT size, content_type FROM attachments WHERE partner_id = ?1 AND sha256 = ?2",
    )
    .bind(partner.to_string())
    .bind(sha256.to_ascii_lowercase())
    .fetch_optional(&mut *c)
    .await?;
    Ok(row.map(|(size, t)| (size.unsigned_abs(), t)))
}

pub async fn fetch(
    c: &mut Connection,
    partner: PartnerId,
    sha256: &str,
) -> Result<Option<(String, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT content_type, content FROM attachments WHERE partner_id = ?1 AND sha256 = ?2",
    )
    .bind(partner.to_string())
    .bind(sha256)
    .fetch_optional(&mut *c)
    .await?)
}
