//! The replica: each record's server copy, and the view the UI reads — the server's copy with the
//! user's queued changes on top — refolded whenever either changes, in the same transaction.

use crate::{
    error::ClientError,
    outbox::{self, parse_entity, parse_uuid, to_json, Queued},
    projection,
};
use portal_core::{
    deal::{Actor, DealStatus},
    sync::{apply_fields, Change, Entity, MutationOp},
};
use serde_json::Value;
use sqlx::SqliteConnection;
use uuid::Uuid;

/// The server's copy of a record: its version (0 when the server has sent nothing) and its body
/// (none for a tombstone or a record only made here).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerCopy {
    pub version: i64,
    pub body: Option<Value>,
}

/// What the UI sees of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// None: the record does not exist (deleted here, or never made).
    pub body: Option<Value>,
    /// Changes to it wait for the server.
    pub pending: bool,
    /// A deal step waits for the server's word.
    pub waiting: bool,
}

/// One record's view, as read for a detail page.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub version: i64,
    pub body: Value,
}

/// The server copy with the queued changes that belong on top of it, in the order made. Pure, so
/// the rule is tested without a database.
pub fn fold(server: &ServerCopy, queued: &[Queued]) -> Folded {
    let mut body = server.body.clone();
    let mut pending = false;
    let mut waiting = false;
    for q in queued {
        pending |= q.state == portal_core::pending::ChangeState::Pending;
        if !q.in_view(server.version) {
            continue;
        }
        match &q.op {
            MutationOp::Create { body: created } => {
                if body.is_none() {
                    body = Some(created.clone());
                }
            }
            MutationOp::Update { fields, .. } => {
                if let Some(b) = body.as_mut() {
                    let mut fields = fields.clone();
                    for field in &q.conflicting {
                        fields.remove(field);
                    }
                    apply_fields(b, &fields);
                }
            }
            MutationOp::Delete { .. } => body = None,
            MutationOp::Act { action, .. } => {
                waiting = true;
                if let Some(b) = body.as_mut() {
                    let next = b
                        .get("status")
                        .and_then(|s| serde_json::from_value::<DealStatus>(s.clone()).ok())
                        .and_then(|s| s.apply(*action, Actor::Partner).ok());
                    if let (Some(next), Value::Object(obj)) = (next, b) {
                        obj.insert("status".into(), serde_json::json!(next));
                    }
                }
            }
        }
    }
    Folded {
        body,
        pending,
        waiting,
    }
}

/// The server's copy of one record (the default when the server has sent nothing).
pub async fn server_copy(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<ServerCopy, ClientError> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT server_version, server_body FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some((version, body)) => ServerCopy {
            version,
            body: body
                .map(|b| serde_json::from_str(&b).map_err(ClientError::corrupt))
                .transpose()?,
        },
        None => ServerCopy::default(),
    })
}

/// The record as the UI sees it, if it exists.
pub async fn view(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Option<View>, ClientError> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT server_version, CASE WHEN overlay = 1 THEN local_body ELSE server_body END
         FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3",
    )
    .bind(scope)
    .bind(entity.as_str())
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((version, Some(body))) => Ok(Some(View {
            version,
            body: serde_json::from_str(&body).map_err(ClientError::corrupt)?,
        })),
        _ => Ok(None),
    }
}

/// Refolds one record from its stored server copy and its queued changes.
pub async fn refold(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
) -> Result<Folded, ClientError> {
    let server = server_copy(conn, scope, entity, id).await?;
    let queued = outbox::for_record(conn, scope, entity, id).await?;
    store(conn, scope, entity, id, &server, &queued).await
}

/// Stores a server copy with its queued changes folded on top, and the record's list row.
async fn store(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
    server: &ServerCopy,
    queued: &[Queued],
) -> Result<Folded, ClientError> {
    let folded = fold(server, queued);
    if server.body.is_none() && queued.is_empty() {
        // Nothing of it is left to show or to keep: a tombstone of a record nobody edited here.
        sqlx::query("DELETE FROM record WHERE scope = ?1 AND entity = ?2 AND id = ?3")
            .bind(scope)
            .bind(entity.as_str())
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
    } else {
        let overlay = folded.body != server.body;
        sqlx::query(
            "INSERT INTO record (scope, entity, id, server_version, server_body, overlay, local_body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (scope, entity, id) DO UPDATE SET
               server_version = excluded.server_version, server_body = excluded.server_body,
               overlay = excluded.overlay, local_body = excluded.local_body",
        )
        .bind(scope)
        .bind(entity.as_str())
        .bind(id.to_string())
        .bind(server.version)
        .bind(server.body.as_ref().map(to_json))
        .bind(overlay)
        .bind(if overlay {
            folded.body.as_ref().map(to_json)
        } else {
            None
        })
        .execute(&mut *conn)
        .await?;
    }
    projection::project(conn, scope, entity, id, &folded).await?;
    Ok(folded)
}

/// Applies one pulled change: the new server copy (or its tombstone) under the record's queued
/// changes. `tracked` says whether the outbox has any row for it (if not, nothing to read there).
pub async fn apply_change(
    conn: &mut SqliteConnection,
    scope: &str,
    change: &Change,
    tracked: bool,
) -> Result<(), ClientError> {
    let server = ServerCopy {
        version: change.version,
        body: change.body.clone(),
    };
    let queued = if tracked {
        outbox::for_record(conn, scope, change.entity, change.id).await?
    } else {
        Vec::new()
    };
    store(conn, scope, change.entity, change.id, &server, &queued).await?;
    Ok(())
}

/// Drops the scope's copy of the server's data (a reset) but keeps the outbox; the records it
/// holds changes for are refolded from those alone until the pull brings them back.
pub async fn drop_copy(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    for table in ["record", "prospect", "deal"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1"))
            .bind(scope)
            .execute(&mut *conn)
            .await?;
    }
    projection::forget_grams(conn, scope).await?;
    for (entity, id) in outbox::tracked(conn, scope).await? {
        refold(conn, scope, entity, id).await?;
    }
    Ok(())
}

/// Ids of the cached records of a reference entity with their bodies (read-only data).
pub async fn bodies(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
) -> Result<Vec<(Uuid, Value)>, ClientError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, server_body FROM record
         WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(entity.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, body)| {
            Ok((
                parse_uuid(&id)?,
                serde_json::from_str(&body).map_err(ClientError::corrupt)?,
            ))
        })
        .collect()
}

/// The kinds of record the scope holds (what a reset changes).
pub async fn entities(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Entity>, ClientError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT entity FROM record WHERE scope = ?1")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|e| parse_entity(e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::{deal::DealAction, pending::ChangeState};
    use serde_json::json;

    fn queued(id: i64, op: MutationOp, state: ChangeState, applied: Option<i64>) -> Queued {
        Queued {
            mutation_id: id,
            op,
            state,
            applied_version: applied,
            conflicting: Vec::new(),
        }
    }

    fn update(fields: Value) -> MutationOp {
        MutationOp::Update {
            base_version: 3,
            fields: fields.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn pending_changes_lie_on_top_of_the_server_copy_in_order() {
        let server = ServerCopy {
            version: 3,
            body: Some(json!({"id": "x", "notes": "a", "sector": "Retail"})),
        };
        let f = fold(
            &server,
            &[
                queued(1, update(json!({"notes": "b"})), ChangeState::Pending, None),
                queued(2, update(json!({"notes": "c"})), ChangeState::Pending, None),
            ],
        );
        assert_eq!(
            f.body,
            Some(json!({"id": "x", "notes": "c", "sector": "Retail"}))
        );
        assert!(f.pending && !f.waiting);
    }

    #[test]
    fn an_applied_change_stays_on_top_only_until_a_pull_brings_its_version() {
        let old = ServerCopy {
            version: 3,
            body: Some(json!({"notes": "a"})),
        };
        let applied = [queued(
            1,
            update(json!({"notes": "b"})),
            ChangeState::Synced,
            Some(5),
        )];
        let f = fold(&old, &applied);
        assert_eq!(f.body, Some(json!({"notes": "b"})));
        assert!(!f.pending, "the server has it");
        let pulled = ServerCopy {
            version: 6,
            body: Some(json!({"notes": "z"})),
        };
        assert_eq!(fold(&pulled, &applied).body, Some(json!({"notes": "z"})));
    }

    #[test]
    fn refused_changes_and_conflicting_fields_leave_the_server_values() {
        let server = ServerCopy {
            version: 3,
            body: Some(json!({"notes": "a", "sector": "x"})),
        };
        let refused = queued(1, update(json!({"notes": "b"})), ChangeState::Refused, None);
        assert_eq!(fold(&server, &[refused]).body, server.body);
        let mut conflict = queued(
            2,
            update(json!({"notes": "b", "sector": "y"})),
            ChangeState::Conflict,
            Some(4),
        );
        conflict.conflicting = vec!["notes".into()];
        assert_eq!(
            fold(&server, &[conflict]).body,
            Some(json!({"notes": "a", "sector": "y"}))
        );
    }

    #[test]
    fn a_created_record_takes_edits_and_a_deal_step_waits_for_the_server() {
        let created = queued(
            1,
            MutationOp::Create {
                body: json!({"status": "draft", "notes": ""}),
            },
            ChangeState::Pending,
            None,
        );
        let edit = queued(2, update(json!({"notes": "n"})), ChangeState::Pending, None);
        let submit = queued(
            3,
            MutationOp::Act {
                base_version: 0,
                action: DealAction::Submit,
            },
            ChangeState::Pending,
            None,
        );
        let f = fold(&ServerCopy::default(), &[created, edit, submit]);
        assert_eq!(f.body, Some(json!({"status": "submitted", "notes": "n"})));
        assert!(f.pending && f.waiting);
        let deleted = queued(
            4,
            MutationOp::Delete { base_version: 0 },
            ChangeState::Pending,
            None,
        );
        assert_eq!(fold(&ServerCopy::default(), &[deleted]).body, None);
    }
}
