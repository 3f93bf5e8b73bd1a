//! Files attached to orders (the customer's purchase order): kept in the cache, addressed by the
//! SHA-256 of their content, until the server has them. A push uploads the ones its queued changes
//! refer to before it sends those changes, so the server never sees an order whose file it lacks
//! (unless the upload was refused, which the order's refusal then explains).

use crate::{error::ClientError, sync::SyncContext, Portal};
use chrono::Utc;
use portal_core::{order::Attachment, ErrorKind};
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
pub(crate) async fn store(
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

impl Portal {
    /// Keeps a file in the cache and describes it for an order form's `po_attachment`. Nothing is
    /// sent now: the file goes to the server with the first sync that pushes an order using it.
    pub async fn attach_file(
        &self,
        file_name: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<Attachment, ClientError> {
        let (scope, _) = self.me().await?;
        let attachment = describe(file_name, content_type, &content)?;
        let mut conn = self.cache.pool().acquire().await?;
        store(&mut conn, &scope, &attachment, &content).await?;
        Ok(attachment)
    }

    /// Whether the server has been sent the file with this hash from this computer (tests and
    /// diagnostics); `None` when the cache does not hold it.
    pub async fn attachment_uploaded(&self, sha256: &str) -> Result<Option<bool>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        Ok(
            sqlx::query_scalar("SELECT uploaded FROM attachment WHERE scope = ?1 AND sha256 = ?2")
                .bind(&scope)
                .bind(sha256)
                .fetch_optional(&mut *conn)
                .await?,
        )
    }
}

/// Uploads every file a change waiting for the server refers to and that has not been uploaded
/// from here yet; returns how many were. Offline (or signed out) it stops with that error: the
/// rest waits for the next sync. A file the server refuses is left for the order's own refusal to
/// explain, and the other uploads go on.
pub async fn upload_pending(ctx: &SyncContext) -> Result<usize, ClientError> {
    let wanted: Vec<(String, String)> = {
        let mut conn = ctx.cache.pool().acquire().await?;
        // A queued change carries the hash of each file it refers to in its JSON.
        sqlx::query_as(
            "SELECT a.sha256, a.content_type FROM attachment a
             WHERE a.scope = ?1 AND a.uploaded = 0 AND EXISTS (
               SELECT 1 FROM outbox o
               WHERE o.scope = a.scope AND o.state = 'pending' AND o.entity = 'order'
                 AND instr(o.op, a.sha256) > 0)
             ORDER BY a.added_at",
        )
        .bind(&ctx.scope)
        .fetch_all(&mut *conn)
        .await?
    };
    let mut uploaded = 0;
    for (sha256, content_type) in wanted {
        let content: Vec<u8> = {
            let mut conn = ctx.cache.pool().acquire().await?;
            sqlx::query_scalar("SELECT content FROM attachment WHERE scope = ?1 AND sha256 = ?2")
                .bind(&ctx.scope)
                .bind(&sha256)
                .fetch_one(&mut *conn)
                .await?
        };
        if sha256_hex(&content) != sha256 {
            return Err(ClientError::corrupt(format!(
                "the attached file {sha256} no longer matches its hash"
            )));
        }
        match ctx
            .api
            .put_attachment(&ctx.token, &sha256, &content_type, content)
            .await
        {
            Ok(()) => {
                let mut conn = ctx.cache.pool().acquire().await?;
                sqlx::query("UPDATE attachment SET uploaded = 1 WHERE scope = ?1 AND sha256 = ?2")
                    .bind(&ctx.scope)
                    .bind(&sha256)
                    .execute(&mut *conn)
                    .await?;
                uploaded += 1;
            }
            Err(e)
                if e.is_offline()
                    || matches!(
                        e.kind(),
                        ErrorKind::SessionExpired | ErrorKind::Unauthenticated
                    ) =>
            {
                return Err(e)
            }
            Err(e) => {
                tracing::warn!(%sha256, error = %e, "the server refused an attached file");
            }
        }
    }
    Ok(uploaded)
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
