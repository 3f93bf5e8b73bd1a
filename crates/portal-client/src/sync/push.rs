//! The push: the files queued changes refer to, then the queued changes in the order made, in
//! batches, each answer stored with the view it alters in one transaction.

use super::{upload, Report, SyncLink};
use crate::{error::ClientError, lists::refold, replica::outbox};
use portal_core::sync::{PushRequest, MAX_PUSH};
use std::collections::BTreeSet;

/// Pushes every pending change. A batch whose answer is lost (the app killed, the network gone) is
/// sent again as it was: the server answers a mutation it already applied with the stored outcome.
pub async fn push(link: &SyncLink, report: &mut Report) -> Result<(), ClientError> {
    // The files queued orders refer to go first, so that the server has them when it takes the
    // orders.
    upload::upload_pending(link).await?;
    loop {
        let batch = {
            let mut conn = link.cache.pool().acquire().await?;
            outbox::next_batch(&mut conn, &link.scope, MAX_PUSH).await?
        };
        if batch.is_empty() {
            return Ok(());
        }
        let sent = batch.len();
        let answer = link
            .api
            .push(
                &link.token,
                &PushRequest {
                    client_id: link.client_id,
                    mutations: batch,
                },
            )
            .await?;
        let mut tx = link.cache.pool().begin().await?;
        let mut touched = BTreeSet::new();
        let mut answered = 0;
        for result in &answer.results {
            if let Some(record) = outbox::record_outcome(&mut tx, &link.scope, result).await? {
                touched.insert(record);
                answered += 1;
            }
        }
        for (entity, id) in &touched {
            refold::refold(&mut tx, &link.scope, *entity, *id).await?;
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
