//! The outbox: the user's changes in the order made, each with its mutation id, and what the server
//! answered for it.

use crate::{error::ClientError, quotes::cached_products, readable, summary};
use chrono::{DateTime, Utc};
use portal_core::{
    order::ORDER_FIELDS,
    pending::{ChangeState, EnteredValue, PendingChange},
    pricebook::Product,
    prospect::PROSPECT_FIELDS,
    quote::QUOTE_FIELDS,
    registration::DEAL_FIELDS,
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
    /// "Created", "Edited notes, status", "Submitted"…
    pub summary: String,
    /// The record as a person names it.
    pub record_label: String,
}

/// An edit to queue: the changed `fields` (by their JSON names), made against `base_version`, and
/// its summary ("Edited notes, status"); `None` when nothing changed, so nothing is queued.
pub fn edit(base_version: i64, fields: Map<String, Value>) -> Option<(MutationOp, String)> {
    if fields.is_empty() {
        return None;
    }
    let summary = summary::edited(&fields);
    Some((
        MutationOp::Update {
            base_version,
            fields,
        },
        summary,
    ))
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
    pub summary: String,
    pub record_label: String,
}

pub fn state_str(state: ChangeState) -> &'static str {
    match state {
        ChangeState::Pending => "pending",
        ChangeState::Synced => "synced",
        ChangeState::Conflict => "conflict",
        ChangeState::Refused => "refused",
    }
}

fn parse_state(s: &str) -> Result<ChangeState, ClientError> {
    Ok(match s {
        "pending" => ChangeState::Pending,
        "synced" => ChangeState::Synced,
        "conflict" => ChangeState::Conflict,
        "refused" => ChangeState::Refused,
        other => return Err(ClientError::corrupt(format!("outbox state {other:?}"))),
    })
}

pub(crate) fn parse_entity(s: &str) -> Result<Entity, ClientError> {
    Entity::parse(s).ok_or_else(|| ClientError::corrupt(format!("entity {s:?}")))
}

pub(crate) fn parse_uuid(s: &str) -> Result<Uuid, ClientError> {
    Uuid::parse_str(s).map_err(|_| ClientError::corrupt(format!("id {s:?}")))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ClientError> {
    serde_json::from_str(text).map_err(ClientError::corrupt)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("protocol types serialize")
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
    .bind(&change.summary)
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
            let state = parse_state(&state)?;
            // A conflict settled by the user keeps its outcome: the fields the server did not take
            // stay out of the view either way.
            let conflicting = match outcome.as_deref().map(from_json::<Outcome>).transpose()? {
                Some(Outcome::Conflict { conflicts, .. }) => {
                    conflicts.into_iter().map(|c| c.field).collect()
                }
                _ => Vec::new(),
            };
            Ok(Queued {
                mutation_id,
                op: from_json(&op)?,
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
        .map(|(e, id)| Ok((parse_entity(e)?, parse_uuid(id)?)))
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
         WHERE scope = ?1 AND state = 'pending' ORDER BY mutation_id LIMIT ?2",
    )
    .bind(scope)
    .bind(limit as i64)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(mutation_id, entity, id, op)| {
            Ok(Mutation {
                mutation_id,
                entity: parse_entity(&entity)?,
                id: parse_uuid(&id)?,
                op: from_json(&op)?,
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
         WHERE scope = ?1 AND mutation_id = ?2 AND state = 'pending'
         RETURNING entity, record_id",
    )
    .bind(scope)
    .bind(result.mutation_id)
    .bind(state_str(state))
    .bind(to_json(&result.outcome))
    .bind(applied_version)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(e, id)| Ok((parse_entity(&e)?, parse_uuid(&id)?)))
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
           AND state <> 'pending'
         RETURNING entity, record_id",
    )
    .bind(scope)
    .bind(cursor)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<(Entity, Uuid)> = rows
        .iter()
        .map(|(e, id)| Ok((parse_entity(e)?, parse_uuid(id)?)))
        .collect::<Result<_, ClientError>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Forgets old synced changes, keeping the newest few for the Pending Changes page.
pub async fn prune(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    sqlx::query(
        "DELETE FROM outbox WHERE scope = ?1 AND state = 'synced' AND applied_version IS NULL
           AND mutation_id NOT IN (
             SELECT mutation_id FROM outbox WHERE scope = ?1 AND state = 'synced'
             ORDER BY mutation_id DESC LIMIT ?2)",
    )
    .bind(scope)
    .bind(KEEP_SYNCED)
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
    let row: Option<EntryRow> = sqlx::query_as(
        "SELECT mutation_id, entity, record_id, op, state, outcome, summary, record_label, made_at
         FROM outbox WHERE scope = ?1 AND mutation_id = ?2",
    )
    .bind(scope)
    .bind(mutation_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| r.entry().map(|(e, _)| e)).transpose()
}

/// Marks an answered change as settled (no longer needing the user).
pub async fn set_synced(
    conn: &mut SqliteConnection,
    scope: &str,
    mutation_id: i64,
) -> Result<(), ClientError> {
    sqlx::query("UPDATE outbox SET state = 'synced' WHERE scope = ?1 AND mutation_id = ?2")
        .bind(scope)
        .bind(mutation_id)
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

/// The Pending Changes page: every change kept, newest first, with the values each create or edit
/// carries.
///
/// A deal's (quote's, order's) change is labelled by its number as soon as the replica knows it.
/// The label stored with the change is the record's name when it was made, and a deal made
/// offline has no number until the server gives it one; the number reaches the cache by a pull
/// page, a reset's rebuild or a push answer's refold. Reading it from the record's list row here
/// keeps every one of those paths right without each having to rewrite the outbox.
pub async fn list(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<PendingChange>, ClientError> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT o.mutation_id, o.entity, o.record_id, o.op, o.state, o.outcome, o.summary,
                COALESCE(NULLIF(d.number, ''),
                         NULLIF(q.number, '')
                           || CASE WHEN q.revision > 1 THEN ' rev ' || q.revision ELSE '' END,
                         NULLIF(so.number, ''),
                         o.record_label) AS record_label, o.made_at
         FROM outbox o
         LEFT JOIN deal d ON o.entity = 'deal' AND d.scope = o.scope AND d.id = o.record_id
         LEFT JOIN quote q ON o.entity = 'quote' AND q.scope = o.scope AND q.id = o.record_id
         LEFT JOIN sales_order so
           ON o.entity = 'order' AND so.scope = o.scope AND so.id = o.record_id
         WHERE o.scope = ?1 ORDER BY o.mutation_id DESC",
    )
    .bind(scope)
    .fetch_all(&mut *conn)
    .await?;
    let mut changes = Vec::with_capacity(rows.len());
    // Read once, and only if a quote's lines need its products' names.
    let mut products: Option<Vec<Product>> = None;
    for row in rows {
        let (entry, made_at) = row.entry()?;
        let mut entered = entered(entry.entity, &entry.op, scope);
        readable::name_records(conn, scope, &mut entered).await?;
        if products.is_none() && readable::needs_products(entry.entity, &entered) {
            products = Some(cached_products(conn, scope).await?);
        }
        let products = products.as_deref().unwrap_or_default();
        readable::describe_values(entry.entity, &mut entered, products);
        let mut change = pending_change(entry, made_at, entered);
        readable::describe_conflicts(change.entity, &mut change.conflicts, products);
        changes.push(change);
    }
    Ok(changes)
}

/// The values a create or an edit carries, in the form's order. A create leaves out what was left
/// empty and an owner who is the user themself (the form's default, not something typed); an edit
/// shows every field it changes, emptied ones too.
pub fn entered(entity: Entity, op: &MutationOp, me: &str) -> Vec<EnteredValue> {
    let (values, creating) = match op {
        MutationOp::Create { body } => match body.as_object() {
            Some(body) => (body, true),
            None => return Vec::new(),
        },
        MutationOp::Update { fields, .. } => (fields, false),
        _ => return Vec::new(),
    };
    let order: &[&str] = match entity {
        Entity::Prospect => &PROSPECT_FIELDS,
        Entity::Deal => &DEAL_FIELDS,
        Entity::Quote => &QUOTE_FIELDS,
        Entity::Order => &ORDER_FIELDS,
        Entity::SupportCase => &portal_core::support::SUPPORT_CASE_FIELDS,
        _ => &[],
    };
    // A create's body is the whole record; only the fields a user sets are theirs.
    let typed = |field: &str| !creating || order.contains(&field);
    let known = order.iter().filter_map(|f| values.get_key_value(*f));
    let others = values.iter().filter(|(f, _)| !order.contains(&f.as_str()));
    known
        .chain(others)
        .filter(|(field, value)| {
            typed(field)
                && !(creating && (is_blank(value) || (*field == "owner_id" && *value == me)))
        })
        .map(|(field, value)| EnteredValue {
            field: field.clone(),
            value: value.clone(),
        })
        .collect()
}

/// Nothing entered: no value, blank text, or a list or object of such.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(map) => map.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

fn pending_change(
    entry: Entry,
    made_at: DateTime<Utc>,
    entered: Vec<EnteredValue>,
) -> PendingChange {
    let (conflicts, error) = match (entry.state, entry.outcome) {
        (ChangeState::Conflict, Some(Outcome::Conflict { conflicts, .. })) => (conflicts, None),
        (ChangeState::Refused, Some(Outcome::Refused { error })) => (Vec::new(), Some(error)),
        _ => (Vec::new(), None),
    };
    PendingChange {
        mutation_id: entry.mutation_id,
        entity: entry.entity,
        record_id: entry.record_id,
        record_label: entry.record_label,
        summary: entry.summary,
        state: entry.state,
        made_at,
        conflicts,
        error,
        entered,
    }
}

/// (changes waiting for the server, changes needing the user).
pub async fn counts(conn: &mut SqliteConnection, scope: &str) -> Result<(u32, u32), ClientError> {
    let (pending, attention): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(state = 'pending'), 0),
                COALESCE(SUM(state IN ('conflict', 'refused')), 0)
         FROM outbox WHERE scope = ?1",
    )
    .bind(scope)
    .fetch_one(&mut *conn)
    .await?;
    Ok((
        u32::try_from(pending).unwrap_or(u32::MAX),
        u32::try_from(attention).unwrap_or(u32::MAX),
    ))
}

#[derive(sqlx::FromRow)]
struct EntryRow {
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
    fn entry(self) -> Result<(Entry, DateTime<Utc>), ClientError> {
        let made_at = DateTime::parse_from_rfc3339(&self.made_at)
            .map_err(ClientError::corrupt)?
            .with_timezone(&Utc);
        Ok((
            Entry {
                mutation_id: self.mutation_id,
                entity: parse_entity(&self.entity)?,
                record_id: parse_uuid(&self.record_id)?,
                op: from_json(&self.op)?,
                state: parse_state(&self.state)?,
                outcome: self.outcome.as_deref().map(from_json).transpose()?,
                summary: self.summary,
                record_label: self.record_label,
            },
            made_at,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(entered: &[EnteredValue]) -> Vec<(&str, &Value)> {
        entered
            .iter()
            .map(|e| (e.field.as_str(), &e.value))
            .collect()
    }

    #[test]
    fn a_create_shows_what_was_typed_in_the_forms_order() {
        let body = json!({
            "id": "0190a0a0-0000-7000-8000-000000000001",
            "notes": "Met at the fair.",
            "company_name": "Quince Foods",
            "domain": "quincefoods.example",
            "sector": "",
            "mailboxes": 120,
            "address": {"line1": "", "city": ""},
            "primary_contact": {"first_name": "Zelda", "email": ""},
            "owner_id": "me",
        });
        let op = MutationOp::Create { body };
        let shown = entered(Entity::Prospect, &op, "me");
        assert_eq!(
            fields(&shown),
            [
                ("company_name", &json!("Quince Foods")),
                ("domain", &json!("quincefoods.example")),
                ("mailboxes", &json!(120)),
                (
                    "primary_contact",
                    &json!({"first_name": "Zelda", "email": ""})
                ),
                ("notes", &json!("Met at the fair.")),
            ]
        );
        // Somebody else made the owner: that was chosen, so it shows.
        assert!(entered(Entity::Prospect, &op, "another user")
            .iter()
            .any(|e| e.field == "owner_id"));
    }

    #[test]
    fn an_edit_shows_every_field_it_changes_and_a_step_shows_none() {
        let op = MutationOp::Update {
            base_version: 3,
            fields: json!({"notes": "", "estimated_value": {"minor": 100, "currency": "USD"}})
                .as_object()
                .unwrap()
                .clone(),
        };
        let shown = entered(Entity::Deal, &op, "me");
        assert_eq!(
            fields(&shown),
            [
                ("estimated_value", &json!({"minor": 100, "currency": "USD"})),
                ("notes", &json!("")),
            ]
        );
        assert!(entered(Entity::Deal, &MutationOp::Delete { base_version: 3 }, "me").is_empty());
    }

    #[test]
    fn edit_queues_nothing_when_nothing_changed() {
        assert!(edit(4, Map::new()).is_none());
        let (op, summary) = edit(4, json!({"notes": 1}).as_object().unwrap().clone()).unwrap();
        assert_eq!(summary, "Edited notes");
        assert!(matches!(
            op,
            MutationOp::Update {
                base_version: 4,
                ..
            }
        ));
    }
}
