//! The sweep that expires records past a date — every firm's, or one firm's — each a versioned
//! change: one cheap indexed read when nothing is due (no write lock), else every due record's step
//! in one write transaction.

use super::stored::Stored;
use super::write;
use crate::db::date_text;
use crate::error::Result;
use chrono::NaiveDate;
use portal_core::ids::PartnerId;
use sqlx::SqlitePool;

/// Expires the records of `S` that are `due` (an SQL condition on their row, `?1` being today's
/// date), of `partner` or of every firm: `step` moves each on, and it is saved under a new version.
/// Returns how many expired; `what` names them in the log.
pub async fn expire<S: Stored>(
    pool: &SqlitePool,
    partner: Option<PartnerId>,
    today: NaiveDate,
    due: &str,
    what: &str,
    mut step: impl FnMut(&mut S) -> Result<()>,
) -> Result<u64> {
    let due_sql = format!(
        "SELECT id, partner_id FROM {}
         WHERE {due} AND (?2 IS NULL OR partner_id = ?2)",
        S::TABLE
    );
    let today_text = date_text(today);
    let partner = partner.map(|p| p.to_string());
    let any: Option<(String, String)> = sqlx::query_as(&format!("{due_sql} LIMIT 1"))
        .bind(&today_text)
        .bind(partner.as_deref())
        .fetch_optional(pool)
        .await?;
    if any.is_none() {
        return Ok(0);
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let due: Vec<(String, String)> = sqlx::query_as(&due_sql)
        .bind(&today_text)
        .bind(partner.as_deref())
        .fetch_all(&mut *tx)
        .await?;
    let mut expired = 0;
    for (id, firm) in due {
        let Some(mut stored) = S::find(&mut tx, &firm, &id).await? else {
            continue;
        };
        step(&mut stored)?;
        write::save_step(&mut tx, &firm, &mut stored).await?;
        expired += 1;
    }
    tx.commit().await?;
    tracing::info!(expired, %today, "expired {what}");
    Ok(expired)
}
