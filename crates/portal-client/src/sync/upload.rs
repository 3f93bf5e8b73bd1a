//! Files go up before the changes that refer to them: every file a change waiting for the server
//! refers to, not yet uploaded from here, is sent first, so the server never sees an order whose
//! file it lacks (unless the upload was refused, which the order's refusal then explains).

use super::SyncLink;
use crate::{error::ClientError, store::files};
use portal_core::{pending::ChangeState, sync::Entity, ErrorKind};

/// Uploads every file a change waiting for the server refers to and that has not been uploaded
/// from here yet; returns how many were. Offline (or signed out) it stops with that error: the
/// rest waits for the next sync. A file the server refuses is left for the order's own refusal to
/// explain, and the other uploads go on.
pub async fn upload_pending(link: &SyncLink) -> Result<usize, ClientError> {
    let wanted: Vec<(String, String)> = {
        let mut conn = link.cache.pool().acquire().await?;
        // A queued change carries the hash of each file it refers to in its JSON.
        sqlx::query_as(
            "SELECT a.sha256, a.content_type FROM attachment a
             WHERE a.scope = ?1 AND a.uploaded = 0 AND EXISTS (
               SELECT 1 FROM outbox o
               WHERE o.scope = a.scope AND o.state = ?2 AND o.entity = ?3
                 AND instr(o.op, a.sha256) > 0)
             ORDER BY a.added_at",
        )
        .bind(&link.scope)
        .bind(ChangeState::Pending.as_str())
        .bind(Entity::Order.as_str())
        .fetch_all(&mut *conn)
        .await?
    };
    let mut uploaded = 0;
    for (sha256, content_type) in wanted {
        let content = {
            let mut conn = link.cache.pool().acquire().await?;
            files::content(&mut conn, &link.scope, &sha256).await?
        };
        match link
            .api
            .put_attachment(&link.token, &sha256, &content_type, content)
            .await
        {
            Ok(()) => {
                let mut conn = link.cache.pool().acquire().await?;
                files::mark_uploaded(&mut conn, &link.scope, &sha256).await?;
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
