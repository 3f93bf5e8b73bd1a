//! The sweep that expires records past a date — every firm's, or one firm's — each a versioned
//! change: one cheap indexed read when nothing is due (no write lock), else every due record's step
//! in one write transaction.

use super::write;
use crate::error::Result;
use crate::storage::records::{self, Lapsing, Stored};
use crate::storage::Storage;
use chrono::NaiveDate;
use portal_core::ids::PartnerId;

/// Expires the records of `S` that `which` describes, lapsed before `today`, of `partner` or of
/// every firm: `step` moves each on, and it is saved under a new version. Returns how many
/// expired; `what` names them in the log.
pub async fn expire<S: Stored>(
    storage: &Storage,
    partner: Option<PartnerId>,
    today: NaiveDate,
    which: Lapsing<'_>,
    what: &str,
    mut step: impl FnMut(&mut S) -> Result<()>,
) -> Result<u64> {
    let any = {
        let mut db = storage.conn().await?;
        records::lapsed(&mut db, which, partner, today, true).await?
    };
    if any.is_empty() {
        return Ok(0);
    }
    let mut tx = storage.write().await?;
    let due = records::lapsed(&mut tx, which, partner, today, false).await?;
    let mut expired = 0;
    for (firm, id) in due {
        let Some(mut stored) = S::find(&mut tx, firm, id).await? else {
            continue;
        };
        step(&mut stored)?;
        write::save_step(&mut tx, firm, &mut stored).await?;
        expired += 1;
    }
    tx.commit().await?;
    tracing::info!(expired, %today, "expired {what}");
    Ok(expired)
}
