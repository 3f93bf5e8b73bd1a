//! The push: the files queued changes refer to, then the queued changes in the order made, in
//! batches, each answer stored with the view it alters in one transaction.

use super::{Report, SyncContext};
use crate::{attachments, error::ClientError, outbox, replica};
use portal_core::sync::{PushRequest, MAX_PUSH};
use std::collections::BTreeSet;

/// Pushes every pending change. A batch whose answer is lost (the app killed, the network gone) is
/// sent again as it was: the server answers a mutation it already applied with the stored outcome.
pub async fn push(ctx: &SyncContext, report: &mut Report) -> Result<(), ClientError> {
    // The files queued orders refer to go first, so that the server has them when it takes the
    // orders.
    attachments::upload_pending(ctx).await?;
    loop {
        let batch = {
            let mut conn = ctx.cache.pool().acquire().await?;
            outbox::next_batch(&mut conn, &ctx.scope, MAX_PUSH).await?
        };
        if batch.is_empty() {
            return Ok(());
        }
        let sent = batch.len();
        let answer = ctx
            .api
            .push(
                &ctx.token,
                &PushRequest {
                    client_id: ctx.client_id,
                    mutations: batch,
                },
            )
            .await?;
        let mut tx = ctx.cache.pool().begin().await?;
        let mut touched = BTreeSet::new();
        let mut answered = 0;
        for result in &answer.results {
            if let Some(record) = outbox::record_outcome(&mut tx, &ctx.scope, result).await? {
                touched.insert(record);
                answered += 1;
            }
        }
        for (entity, id) in &touched {
            replica::refold(&mut tx, &ctx.scope, *entity, *id).await?;
            report.changed.insert(*entity);
        }
        tx.commit().await?;
        report.pushed += answered;
        if answered < sent {
            // An answer that skips some mutations would have us resend them forever.
            return Err(ClientError::Protocol(format!(
                "the server answered {answered} of {sent} changes"
            )));
        }
    }
}
