//! The pull: pages of changes after the cursor, each applied with its new cursor in one
//! transaction; a reset drops the copy (never the outbox) and starts again from 0.

use super::{state, Report, SyncContext};
use crate::{error::ClientError, outbox, projection, replica};
use chrono::Utc;
use portal_core::{pending::SyncProgress, sync::DEFAULT_PAGE};

/// A server that keeps answering "reset" is broken; stop rather than loop.
const MAX_RESETS: u32 = 2;

/// Pulls until the server has nothing more, reporting progress after each page.
pub async fn pull(
    ctx: &SyncContext,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    let scope = ctx.scope.as_str();
    let mut cursor = {
        let mut conn = ctx.cache.pool().acquire().await?;
        state::ensure(&mut conn, scope).await?.cursor
    };
    let mut start = cursor;
    let mut resets = 0;
    loop {
        let page = ctx.api.pull(&ctx.token, cursor, DEFAULT_PAGE).await?;
        let mut tx = ctx.cache.pool().begin().await?;
        if page.reset {
            resets += 1;
            if resets > MAX_RESETS {
                return Err(ClientError::Protocol(
                    "the server keeps asking for the cache to be rebuilt".into(),
                ));
            }
            report
                .changed
                .extend(replica::entities(&mut tx, scope).await?);
            replica::drop_copy(&mut tx, scope).await?;
            state::set_cursor(&mut tx, scope, 0).await?;
            tx.commit().await?;
            tracing::info!(scope, "the server asked for a reset; pulling from 0");
            cursor = 0;
            start = 0;
            continue;
        }
        let tracked = outbox::tracked(&mut tx, scope).await?;
        for change in &page.changes {
            let is_tracked = tracked.contains(&(change.entity, change.id));
            replica::apply_change(&mut tx, scope, change, is_tracked).await?;
            report.changed.insert(change.entity);
        }
        state::set_cursor(&mut tx, scope, page.cursor).await?;
        projection::settle_grams(&mut tx).await?;
        if !page.more {
            // Everything up to the head is in: changes the server applied are in their records.
            for (entity, id) in outbox::settle_pulled(&mut tx, scope, page.cursor).await? {
                replica::refold(&mut tx, scope, entity, id).await?;
            }
            outbox::prune(&mut tx, scope).await?;
            state::set_last_synced(&mut tx, scope, Utc::now()).await?;
        }
        tx.commit().await?;
        report.pulled += page.changes.len();
        cursor = page.cursor;
        if page.more {
            progress(SyncProgress {
                done: (cursor - start).max(0),
                total: (page.head - start).max(0),
            });
        } else {
            return Ok(());
        }
    }
}
