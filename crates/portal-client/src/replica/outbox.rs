//! The outbox: the user's changes in the order made, each with its mutation id, and what the server
//! answered for it. It stores what a change does, never how it is worded: the summary and the
//! record's label are data the queuing feature passes in, and the Pending Changes page words the
//! rest when it lists them.

use crate::{
    error::ClientError,
    store::read::{self, to_json},
};
use chrono::{DateTime, Utc};
use portal_core::{
    pending::ChangeState,
    sync::{Entity, Mutation, MutationOp, MutationResult, Outcome},
};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use std::collections::HashSet;
use uuid::Uuid;

/// Answered changes kept for the Pending Changes page once the server has them and a pull brought
/// them back; older ones are pruned.
const KEEP_SYNCED: i64 = 50;

/// A change about to be queued.
#[derive(Debug, Clone)]
pub struct NewChange {
    pub entity: Entity,
    pub record_id: Uuid,
    pub op: MutationOp,
    /// The record as a person names it when the change is made (a deleted record has no other
    /// name left to show).
    pub record_label: String,
    /// Words of the change's own, when what it does does not say it (a conflict settled by
    /// keeping mine); otherwise the Pending Changes page words it from the op.
    pub summary: Option<String>,
}

/// An edit to queue: the changed `fields` (by their JSON names), made against `base_version`;
/// `None` when nothing changed, so nothing is queued.
pub fn edit(base_version: i64, fields: Map<String, Value>) -> Option<MutationOp> {
    if fields.is_empty() {
        return None;
    }
    Some(MutationOp::Update {
        base_version,
        fields,
    })
}

/// A queued change as the view of its record needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub mutation_id: i64,
    pub op: MutationOp,
    pub state: ChangeState,
    pub applied_version: Option<i64>,
    /// For a conflict: the fields the server did not apply.
    pub conflicting: Vec<String>,
}

impl Queued {
    /// Whether the change belongs on top of a server copy at `server_version`: it is still
    /// waiting for the server, or the server applied it and no pull has brought that version yet.
    pub fn in_view(&self, server_version: i64) -> bool {
        match self.state {
            ChangeState::Pending => true,
            ChangeState::Synced | ChangeState::Conflict => {
                self.applied_version.is_some_and(|v| v > server_version)
            }
            ChangeState::Refused => false,
        }
    }
}

/// One outbox row, whole.
#[derive(Debug, Clone)]
pub struct Entry {
    pub mutation_id: i64,
    pub entity: Entity,
    pub record_id: Uuid,
    pub op: MutationOp,
    pub state: ChangeState,
    pub outcome: Option<Outcome>,
    /// The change's own words, empty when the op says it all (see [`NewChange::summary`]).
    pub summary: String,
    pub record_label: String,
    pub made_at: DateTime<Utc>,
}

/// Queues a change, taking the scope's next mutation id. Runs inside the caller's transaction, so
/// the change and the view it alters are stored together.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    scope: &str,
    change: &NewChange,
    made_at: DateTime<Utc>,
) -> Result<i64, ClientError> {
    let mutation_id: i64 = sqlx::query_scalar(
        "UPDATE sync_state SET next_mutation_id = next_mutation_id + 1 WHERE scope = ?1
         RETURNING next_mutation_id - 1",
    )
    .bind(scope)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(ClientError::NotSignedIn)?;
    sqlx::query(
        "INSERT INTO outbox (scope, mutation_id, entity, record_id, op, summary, record_label, made_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(scope)
    .bind(mutation_id)
    .bind(change.entity.as_str())
    .bind(change.record_id.to_string())
    .bind(to_json(&change.op))
    .bind(change.summary.as_deref().unwrap_or_default())
    .bind(&change.record_label)
    .bind(made_at.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(mutation_id)
}

/// The changes to one record, oldest first.
pub async fn for_record(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Vec<Queued>, ClientError> {
    type Row = (i64, String, String, Option<String>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT mutation_id, op, state, outcome, applied_version FROM outbox
         WHERE scope = ?1 AND entity = ?2 AND record_id = ?3 ORDER BY mutation_id",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(mutation_id, op, state, outcome, applied_version)| {
            let state = read::wire(&state)?;
            // A conflict settled by the user keeps its outcome: the fields the server did not take
            // stay out of the view either way.
            let conflicting = match outcome.as_deref().map(read::json::<Outcome>).transpose()? {
                Some(Outcome::Conflict { conflicts, .. }) => {
                    conflicts.into_iter().map(|c| c.field).collect()
                }
                _ => Vec::new(),
            };
            Ok(Queued {
                mutation_id,
                op: read::json(&op)?,
                state,
                applied_version,
                conflicting,
            })
        })
        .collect()
}

/// Every record the outbox has a row for (a pull page only folds changes over these).
pub async fn tracked(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<HashSet<(Entity, Uuid)>, ClientError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT entity, record_id FROM outbox WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter()
        .map(|(e, id)| Ok((read::entity(e)?, read::uuid(id)?)))
        .collect()
}

/// The oldest changes still waiting for the server, as they are pushed.
pub async fn next_batch(
    conn: &mut SqliteConnection,
    scope: &str,
    limit: usize,
) -> Result<Vec<Mutation>, ClientError> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT mutation_id, entity, record_id, op FROM outbox
         WHERE scope = ?1 AND state = ?3 ORDER BY mutation_id LIMIT ?2",
    )
    .bind(scope)
    .bind(limit as i64)
    .bind(ChangeState::Pending.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(mutation_id, entity, id, op)| {
            Ok(Mutation {
                mutation_id,
                entity: read::entity(&entity)?,
                id: read::uuid(&id)?,
                op: read::json(&op)?,
            })
        })
        .collect()
}

/// Stores the server's answer for a pending change; the record whose view it alters, if any.
pub async fn record_outcome(
    conn: &mut SqliteConnection,
    scope: &str,
    result: &MutationResult,
) -> Result<Option<(Entity, Uuid)>, ClientError> {
    let (state, applied_version) = match &result.outcome {
        Outcome::Applied { version } => (ChangeState::Synced, Some(*version)),
        Outcome::Conflict { version, .. } => (ChangeState::Conflict, Some(*version)),
        Outcome::Refused { .. } => (ChangeState::Refused, None),
    };
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE outbox SET state = ?3, outcome = ?4, applied_version = ?5
         WHERE scope = ?1 AND mutation_id = ?2 AND state = ?6
         RETURNING entity, record_id",
    )
    .bind(scope)
    .bind(result.mutation_id)
    .bind(state.as_str())
    .bind(to_json(&result.outcome))
    .bind(applied_version)
    .bind(ChangeState::Pending.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(e, id)| Ok((read::entity(&e)?, read::uuid(&id)?)))
        .transpose()
}

/// After a complete pull up to `cursor`, the replica holds every version at or below it: answered
/// changes applied at or below it no longer belong on top of it. Returns the records to refold.
pub async fn settle_pulled(
    conn: &mut SqliteConnection,
    scope: &str,
    cursor: i64,
) -> Result<Vec<(Entity, Uuid)>, ClientError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "UPDATE outbox SET applied_version = NULL
         WHERE scope = ?1 AND applied_version IS NOT NULL AND applied_version <= ?2
           AND state <> ?3
         RETURNING entity, record_id",
    )
    .bind(scope)
    .bind(cursor)
    .bind(ChangeState::Pending.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<(Entity, Uuid)> = rows
        .iter()
        .map(|(e, id)| Ok((read::entity(e)?, read::uuid(id)?)))
        .collect::<Result<_, ClientError>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Forgets old synced changes, keeping the newest few for the Pending Changes page.
pub async fn prune(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    sqlx::query(
        "DELETE FROM outbox WHERE scope = ?1 AND state = ?3 AND applied_version IS NULL
           AND mutation_id NOT IN (
             SELECT mutation_id FROM outbox WHERE scope = ?1 AND state = ?3
             ORDER BY mutation_id DESC LIMIT ?2)",
    )
    .bind(scope)
    .bind(KEEP_SYNCED)
    .bind(ChangeState::Synced.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One change by its id.
pub async fn get(
    conn: &mut SqliteConnection,
    scope: &str,
    mutation_id: i64,
) -> Result<Option<Entry>, ClientError> {
    let row: Option<EntryRow> = sqlx::query_as(&format!(
        "SELECT {} FROM outbox o WHERE o.scope = ?1 AND o.mutation_id = ?2",
        EntryRow::columns("o.record_label")
    ))
    .bind(scope)
    .bind(mutation_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(EntryRow::entry).transpose()
}

/// Marks an answered change as settled (no longer needing the user).
pub async fn set_synced(
    conn: &mut SqliteConnection,
    scope: &str,
    mutation_id: i64,
) -> Result<(), ClientError> {
    sqlx::query("UPDATE outbox SET state = ?3 WHERE scope = ?1 AND mutation_id = ?2")
        .bind(scope)
        .bind(mutation_id)
        .bind(ChangeState::Synced.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn remove(
    conn: &mut SqliteConnection,
    scope: &str,
    mutation_id: i64,
) -> Result<(), ClientError> {
    sqlx::query("DELETE FROM outbox WHERE scope = ?1 AND mutation_id = ?2")
        .bind(scope)
        .bind(mutation_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// (changes waiting for the server, changes needing the user).
pub async fn counts(conn: &mut SqliteConnection, scope: &str) -> Result<(u32, u32), ClientError> {
    let (pending, attention): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(state = ?2), 0), COALESCE(SUM(state IN (?3, ?4)), 0)
         FROM outbox WHERE scope = ?1",
    )
    .bind(scope)
    .bind(ChangeState::Pending.as_str())
    .bind(ChangeState::Conflict.as_str())
    .bind(ChangeState::Refused.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok((
        u32::try_from(pending).unwrap_or(u32::MAX),
        u32::try_from(attention).unwrap_or(u32::MAX),
    ))
}

/// An outbox row as stored, for statements that read whole changes (the Pending Changes page
/// reads them with the record labels the lists know).
#[derive(sqlx::FromRow)]
pub struct EntryRow {
    mutation_id: i64,
    entity: String,
    record_id: String,
    op: String,
    state: String,
    outcome: Option<String>,
    summary: String,
    record_label: String,
    made_at: String,
}

impl EntryRow {
    /// The columns an [`EntryRow`] is read from, over `outbox o`, with the record's label read by
    /// `record_label` (`o.record_label`, the one stored with the change, or a better one).
    pub fn columns(record_label: &str) -> String {
        format!(
            "o.mutation_id, o.entity, o.record_id, o.op, o.state, o.outcome, o.summary,
             {record_label} AS record_label, o.made_at"
        )
    }

    pub fn entry(self) -> Result<Entry, ClientError> {
        Ok(Entry {
            mutation_id: self.mutation_id,
            entity: read::entity(&self.entity)?,
            record_id: read::uuid(&self.record_id)?,
            op: read::json(&self.op)?,
            state: read::wire(&self.state)?,
            outcome: self.outcome.as_deref().map(read::json).transpose()?,
            summary: self.summary,
            record_label: self.record_label,
            made_at: read::time(&self.made_at)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edit_queues_nothing_when_nothing_changed() {
        assert!(edit(4, Map::new()).is_none());
        let op = edit(4, json!({"notes": 1}).as_object().unwrap().clone()).unwrap();
        assert!(matches!(
            op,
            MutationOp::Update {
                base_version: 4,
                ..
            }
        ));
    }
}
