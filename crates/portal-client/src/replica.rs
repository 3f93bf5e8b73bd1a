//! The replica: each record's server copy, and the view the UI reads — the server's copy with the
//! user's queued changes on top — refolded whenever either changes, in the same transaction.

use crate::{
    error::ClientError,
    outbox::{self, parse_entity, parse_uuid, to_json, Queued},
    projection,
};
use chrono::NaiveDate;
use portal_core::{
    actor::Actor,
    deal::DealStatus,
    order::OrderStatus,
    prospect::Prospect,
    quote::{Approval, QuoteStatus},
    registration::Deal,
    sync::{apply_fields, Change, Entity, MutationOp, Step},
};
use serde::Deserialize;
use serde_json::{value::RawValue, Value};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};
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
    /// A life-cycle step (of a deal, quote or order) waits for the server's word.
    pub waiting: bool,
}

/// One record's view, as read for a detail page.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub version: i64,
    pub body: Value,
}

/// The server copy of a record of kind `entity` with the queued changes that belong on top of it,
/// in the order made. Pure, so the rule is tested without a database.
pub fn fold(entity: Entity, server: &ServerCopy, queued: &[Queued]) -> Folded {
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
                    let next = b.get("status").and_then(|s| stepped(entity, s, *action));
                    if let (Some(next), Value::Object(obj)) = (next, b) {
                        obj.insert("status".into(), next);
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

/// The status a partner's `step` leads to from `status` (a record of kind `entity`), as the server
/// would have it if it agrees; None when the step does not apply (the view keeps its status). Only
/// the life cycle counts here: whether the step may be taken (a quote's approval and validity) was
/// checked before it was queued, and the server has the last word.
fn stepped(entity: Entity, status: &Value, step: Step) -> Option<Value> {
    let next = match entity {
        Entity::Deal => {
            let s: DealStatus = serde_json::from_value(status.clone()).ok()?;
            serde_json::to_value(s.apply(step.deal()?, Actor::Partner).ok()?)
        }
        Entity::Quote => {
            let s: QuoteStatus = serde_json::from_value(status.clone()).ok()?;
            let next = s
                .apply(
                    step.quote()?,
                    Approval::Approved,
                    NaiveDate::MAX,
                    NaiveDate::MIN,
                )
                .ok()?;
            serde_json::to_value(next)
        }
        Entity::Order => {
            let s: OrderStatus = serde_json::from_value(status.clone()).ok()?;
            serde_json::to_value(s.apply(step.order()?, Actor::Partner).ok()?)
        }
        _ => return None,
    };
    next.ok()
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
    let folded = fold(entity, server, queued);
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

/// Applies one pulled page: the same as [`apply_change`] for each change in turn, done with a few
/// statements for the whole page (one per table), which matters for a first sync of a large firm:
/// a statement per row costs a round trip to the database thread, and every statement that writes
/// a list row makes the trigram index write out what it holds.
///
/// The page is applied change by change instead when doing it at once could end differently: a
/// change to a record with changes queued here (their view needs folding), the same record twice,
/// or a deal whose prospect leaves the list later in the page (one by one, the deal keeps the name
/// it found).
pub async fn apply_page(
    conn: &mut SqliteConnection,
    scope: &str,
    changes: &[Change],
    tracked: &HashSet<(Entity, Uuid)>,
) -> Result<(), ClientError> {
    let pulled: Vec<PulledChange> = changes.iter().map(PulledChange::from_change).collect();
    PreparedPage::new(&pulled)
        .apply(conn, scope, &pulled, tracked)
        .await
}

/// A pulled change as the server sent it, its body left as JSON text: stored as it came, and read
/// only into the records a list shows (a [`Change`] builds every body into a tree first).
#[derive(Debug, Clone, Deserialize)]
pub struct PulledChange {
    pub entity: Entity,
    pub id: Uuid,
    pub version: i64,
    /// None for a tombstone.
    pub body: Option<Box<RawValue>>,
}

impl PulledChange {
    pub fn from_change(change: &Change) -> Self {
        Self {
            entity: change.entity,
            id: change.id,
            version: change.version,
            body: change.body.as_ref().map(|b| {
                RawValue::from_string(to_json(b)).expect("a serialized value is valid JSON")
            }),
        }
    }

    pub fn to_change(&self) -> Result<Change, ClientError> {
        Ok(Change {
            entity: self.entity,
            id: self.id,
            version: self.version,
            body: self
                .body
                .as_ref()
                .map(|b| serde_json::from_str(b.get()).map_err(ClientError::corrupt))
                .transpose()?,
        })
    }
}

/// A page of changes made ready for [`apply_page`] (bodies read into the lists' records) without
/// the database, so that it can be done while the page before is applied.
#[derive(Default)]
pub struct PreparedPage(Option<Page>);

impl PreparedPage {
    pub fn new(changes: &[PulledChange]) -> Self {
        Self(Page::plan(changes))
    }

    /// Applies `changes` (the page this was prepared from) as [`apply_page`] does.
    pub async fn apply(
        self,
        conn: &mut SqliteConnection,
        scope: &str,
        changes: &[PulledChange],
        tracked: &HashSet<(Entity, Uuid)>,
    ) -> Result<(), ClientError> {
        match self.0 {
            Some(page) if !changes.iter().any(|c| tracked.contains(&(c.entity, c.id))) => {
                page.apply(conn, scope).await
            }
            _ => {
                for change in changes {
                    let is_tracked = tracked.contains(&(change.entity, change.id));
                    apply_change(conn, scope, &change.to_change()?, is_tracked).await?;
                }
                Ok(())
            }
        }
    }
}

/// The most server copies stored by one statement (a power of two).
const STORE_ROWS_MAX: usize = 256;

/// The statement that stores `rows` server copies (a power of two up to [`STORE_ROWS_MAX`]): the
/// scope, entity, id, version and body of each.
fn store_sql(rows: usize) -> &'static str {
    static SQL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        (0..=STORE_ROWS_MAX.ilog2())
            .map(|k| {
                // Anonymous parameters: sqlx looks each numbered one up by name, which SQLite
                // answers by walking the list of names (a statement of N takes N² steps).
                let values = vec!["(?, ?, ?, ?, ?, 0, NULL)"; 1usize << k];
                format!(
                    "INSERT INTO record (scope, entity, id, server_version, server_body, overlay,
                       local_body)
                     VALUES {}
                     ON CONFLICT (scope, entity, id) DO UPDATE SET
                       server_version = excluded.server_version,
                       server_body = excluded.server_body,
                       overlay = excluded.overlay, local_body = excluded.local_body",
                    values.join(", ")
                )
            })
            .collect()
    });
    &all[rows.ilog2() as usize]
}

/// A page of changes sorted by what each does to each table.
#[derive(Default)]
struct Page {
    /// (entity, id, version, body as stored)
    stored: Vec<(&'static str, String, i64, String)>,
    /// (entity, id) of tombstones.
    dropped: Vec<(&'static str, String)>,
    prospects: Vec<Prospect>,
    deals: Vec<Deal>,
    unlisted_prospects: Vec<Uuid>,
    unlisted_deals: Vec<Uuid>,
    /// Quotes and orders (and their tombstones), whose list rows are written one by one: they are
    /// far fewer than prospects and deals.
    listed: Vec<(Entity, Uuid, Option<Value>)>,
    /// Ids of the Customers area's records (and tombstones), listed by kind in one statement each.
    referenced: HashMap<Entity, Vec<String>>,
}

impl Page {
    /// The page's work by table, or None when it must be applied change by change (whether a
    /// change has changes queued here is for [`PreparedPage::apply`] to see).
    fn plan(changes: &[PulledChange]) -> Option<Self> {
        let mut seen = HashSet::with_capacity(changes.len());
        if changes.iter().any(|c| !seen.insert((c.entity, c.id))) {
            return None;
        }
        let mut page = Page::default();
        // Where in the page each prospect leaves the list, and where each deal names its prospect.
        let mut unlisted_at: HashMap<Uuid, usize> = HashMap::new();
        let mut deal_at: Vec<(usize, Uuid)> = Vec::new();
        for (i, c) in changes.iter().enumerate() {
            let Some(body) = &c.body else {
                page.dropped.push((c.entity.as_str(), c.id.to_string()));
                match c.entity {
                    Entity::Prospect => {
                        unlisted_at.insert(c.id, i);
                        page.unlisted_prospects.push(c.id);
                    }
                    Entity::Deal => page.unlisted_deals.push(c.id),
                    Entity::Quote | Entity::Order => page.listed.push((c.entity, c.id, None)),
                    e if crate::reference::table(e).is_some() => {
                        page.referenced.entry(e).or_default().push(c.id.to_string());
                    }
                    _ => {}
                }
                continue;
            };
            page.stored.push((
                c.entity.as_str(),
                c.id.to_string(),
                c.version,
                body.get().to_owned(),
            ));
            match c.entity {
                Entity::Prospect => match projection::decode_text::<Prospect>(c.entity, c.id, body)
                {
                    Some(p) => page.prospects.push(p),
                    None => {
                        unlisted_at.insert(c.id, i);
                        page.unlisted_prospects.push(c.id);
                    }
                },
                Entity::Deal => match projection::decode_text::<Deal>(c.entity, c.id, body) {
                    Some(d) => {
                        deal_at.push((i, d.prospect_id.0));
                        page.deals.push(d);
                    }
                    None => page.unlisted_deals.push(c.id),
                },
                Entity::Quote | Entity::Order => {
                    let body = serde_json::from_str(body.get()).ok();
                    page.listed.push((c.entity, c.id, body));
                }
                e if crate::reference::table(e).is_some() => {
                    page.referenced.entry(e).or_default().push(c.id.to_string());
                }
                _ => {}
            }
        }
        if deal_at
            .iter()
            .any(|(i, prospect)| unlisted_at.get(prospect).is_some_and(|j| j > i))
        {
            return None;
        }
        Some(page)
    }

    /// Tombstones first, then the server copies, then the list rows: prospects before deals, so
    /// that each deal finds its prospect's name as it stands at the end of the page.
    async fn apply(self, conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
        if !self.dropped.is_empty() {
            sqlx::query(
                "DELETE FROM record WHERE scope = ?1 AND (entity, id) IN
                   (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?2) AS j)",
            )
            .bind(scope)
            .bind(serde_json::to_string(&self.dropped).map_err(ClientError::corrupt)?)
            .execute(&mut *conn)
            .await?;
        }
        // The bodies are bound as they are (a JSON array of them would be escaped here and parsed
        // again by SQLite), a few hundred rows per statement.
        let mut stored = self.stored.into_iter();
        let mut left = stored.len();
        while left > 0 {
            let rows = STORE_ROWS_MAX.min(1 << left.ilog2());
            let mut query = sqlx::query(store_sql(rows));
            for (entity, id, version, body) in stored.by_ref().take(rows) {
                query = query
                    .bind(scope)
                    .bind(entity)
                    .bind(id)
                    .bind(version)
                    .bind(body);
            }
            query.execute(&mut *conn).await?;
            left -= rows;
        }
        projection::remove_all(conn, "prospect", scope, &self.unlisted_prospects).await?;
        projection::remove_all(conn, "deal", scope, &self.unlisted_deals).await?;
        projection::put_prospects(conn, scope, &self.prospects).await?;
        projection::put_deals(conn, scope, &self.deals).await?;
        for (entity, id, body) in &self.listed {
            let folded = Folded {
                body: body.clone(),
                pending: false,
                waiting: false,
            };
            projection::project(conn, scope, *entity, *id, &folded).await?;
        }
        for (entity, ids) in &self.referenced {
            crate::reference::put(conn, scope, *entity, ids).await?;
        }
        Ok(())
    }
}

/// Drops the scope's copy of the server's data (a reset) but keeps the outbox; the records it
/// holds changes for are refolded from those alone until the pull brings them back.
pub async fn drop_copy(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    let lists = ["record", "prospect", "deal", "quote", "sales_order"];
    for table in lists.into_iter().chain(crate::reference::TABLES) {
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
            Entity::Prospect,
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
        let f = fold(Entity::Prospect, &old, &applied);
        assert_eq!(f.body, Some(json!({"notes": "b"})));
        assert!(!f.pending, "the server has it");
        let pulled = ServerCopy {
            version: 6,
            body: Some(json!({"notes": "z"})),
        };
        assert_eq!(
            fold(Entity::Prospect, &pulled, &applied).body,
            Some(json!({"notes": "z"}))
        );
    }

    #[test]
    fn refused_changes_and_conflicting_fields_leave_the_server_values() {
        let server = ServerCopy {
            version: 3,
            body: Some(json!({"notes": "a", "sector": "x"})),
        };
        let refused = queued(1, update(json!({"notes": "b"})), ChangeState::Refused, None);
        assert_eq!(
            fold(Entity::Prospect, &server, &[refused]).body,
            server.body
        );
        let mut conflict = queued(
            2,
            update(json!({"notes": "b", "sector": "y"})),
            ChangeState::Conflict,
            Some(4),
        );
        conflict.conflicting = vec!["notes".into()];
        assert_eq!(
            fold(Entity::Prospect, &server, &[conflict]).body,
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
                action: DealAction::Submit.into(),
            },
            ChangeState::Pending,
            None,
        );
        let f = fold(
            Entity::Deal,
            &ServerCopy::default(),
            &[created, edit, submit],
        );
        assert_eq!(f.body, Some(json!({"status": "submitted", "notes": "n"})));
        assert!(f.pending && f.waiting);
        let deleted = queued(
            4,
            MutationOp::Delete { base_version: 0 },
            ChangeState::Pending,
            None,
        );
        assert_eq!(
            fold(Entity::Deal, &ServerCopy::default(), &[deleted]).body,
            None
        );
    }

    #[test]
    fn steps_fold_by_the_life_cycle_of_their_record() {
        let act = |id, action: Step| {
            queued(
                id,
                MutationOp::Act {
                    base_version: 3,
                    action,
                },
                ChangeState::Pending,
                None,
            )
        };
        let server = |status: &str| ServerCopy {
            version: 3,
            body: Some(json!({"status": status})),
        };
        let status = |f: Folded| f.body.unwrap()["status"].clone();
        let sent = fold(Entity::Quote, &server("draft"), &[act(1, Step::Send)]);
        assert!(sent.waiting);
        assert_eq!(status(sent), json!("sent"));
        let accepted = fold(
            Entity::Quote,
            &server("draft"),
            &[act(1, Step::Send), act(2, Step::Accept)],
        );
        assert_eq!(status(accepted), json!("accepted"));
        // A step the life cycle does not allow leaves the status (the server will refuse it).
        let f = fold(
            Entity::Quote,
            &server("superseded"),
            &[act(1, Step::Accept)],
        );
        assert!(f.waiting);
        assert_eq!(status(f), json!("superseded"));
        // The same word, submit, by entity.
        let order = fold(
            Entity::Order,
            &server("pending_customer_approval"),
            &[act(1, Step::Submit)],
        );
        assert_eq!(status(order), json!("submitted"));
        let deal = fold(Entity::Deal, &server("draft"), &[act(1, Step::Submit)]);
        assert_eq!(status(deal), json!("submitted"));
        let not_a_quote_step = fold(Entity::Quote, &server("draft"), &[act(1, Step::Submit)]);
        assert_eq!(status(not_a_quote_step), json!("draft"));
    }

    mod pages {
        use super::super::*;
        use crate::{
            cache::Cache,
            projection::{self, put_person},
            sample,
        };
        use chrono::NaiveDate;
        use portal_core::{
            ids::{DealId, UserId},
            money::{Currency, Money},
        };
        use serde_json::json;

        const SCOPE: &str = "scope";

        fn prospect(p: &Prospect, version: i64) -> Change {
            Change {
                entity: Entity::Prospect,
                id: p.id.0,
                version,
                body: Some(serde_json::to_value(p).unwrap()),
            }
        }

        fn deal(n: u128, prospect: &Prospect, number: Option<&str>, version: i64) -> Change {
            let d = Deal {
                id: DealId::from_uuid(Uuid::from_u128(0xd000 + n)),
                number: number.map(str::to_owned),
                prospect_id: prospect.id,
                products: vec!["Bastion Archive".into()],
                estimated_value: Money::new(1_000 + n as i64, Currency::parse("USD").unwrap()),
                expected_close: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
                notes: String::new(),
                owner_id: prospect.owner_id,
                status: DealStatus::Draft,
                status_reason: None,
                submitted_on: None,
                decided_on: None,
                expires_on: None,
            };
            Change {
                entity: Entity::Deal,
                id: d.id.0,
                version,
                body: Some(serde_json::to_value(&d).unwrap()),
            }
        }

        fn gone(entity: Entity, id: Uuid, version: i64) -> Change {
            Change {
                entity,
                id,
                version,
                body: None,
            }
        }

        /// Everything a page changes, read back (list rows without their rowids).
        async fn contents(conn: &mut SqliteConnection) -> Vec<String> {
            let mut out = Vec::new();
            for sql in [
                "SELECT scope, entity, id, server_version, server_body, overlay, local_body
                 FROM record ORDER BY scope, entity, id",
                "SELECT scope, id, company_name, domain, sector, mailboxes, status, status_rank,
                   owner_id, owner_name, pending, search FROM prospect ORDER BY scope, id",
                "SELECT scope, id, number, prospect_id, prospect_name, domain, value_minor,
                   currency, expected_close, status, status_rank, status_reason, expires_on,
                   owner_id, waiting, pending, search FROM deal ORDER BY scope, id",
                "SELECT scope, gram, status_rank, owner_id, n FROM prospect_gram WHERE n <> 0
                 ORDER BY scope, gram, status_rank, owner_id",
                // What the trigram indexes find, by id.
                "SELECT p.id, p.search FROM prospect_fts JOIN prospect p ON p.seq = prospect_fts.rowid
                 WHERE prospect_fts MATCH '\"ltd\"' ORDER BY p.id",
                "SELECT d.id, d.search FROM deal_fts JOIN deal d ON d.seq = deal_fts.rowid
                 WHERE deal_fts MATCH '\"dr-\"' ORDER BY d.id",
            ] {
                let rows: Vec<sqlx::sqlite::SqliteRow> =
                    sqlx::query(sql).fetch_all(&mut *conn).await.unwrap();
                for row in rows {
                    use sqlx::{Row, ValueRef};
                    let cells: Vec<String> = (0..row.len())
                        .map(|i| {
                            let raw = row.try_get_raw(i).unwrap();
                            if raw.is_null() {
                                "NULL".into()
                            } else if let Ok(n) = row.try_get::<i64, _>(i) {
                                n.to_string()
                            } else {
                                row.try_get::<String, _>(i).unwrap()
                            }
                        })
                        .collect();
                    out.push(cells.join("|"));
                }
            }
            for fts in ["prospect_fts", "deal_fts"] {
                sqlx::query(&format!(
                    "INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"
                ))
                .execute(&mut *conn)
                .await
                .unwrap();
            }
            out
        }

        /// The pages applied at once and change by change leave the same cache.
        async fn same_either_way(pages: &[Vec<Change>], expect_at_once: &[bool]) {
            let mut results = Vec::new();
            for at_once in [true, false] {
                let dir = tempfile::tempdir().unwrap();
                let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
                let mut conn = cache.pool().acquire().await.unwrap();
                put_person(
                    &mut conn,
                    SCOPE,
                    &UserId::from_uuid(Uuid::from_u128(1)).to_string(),
                    "Ann Owner",
                )
                .await
                .unwrap();
                for (page, expected) in pages.iter().zip(expect_at_once) {
                    let pulled: Vec<PulledChange> =
                        page.iter().map(PulledChange::from_change).collect();
                    assert_eq!(
                        Page::plan(&pulled).is_some(),
                        *expected,
                        "whether the page goes at once"
                    );
                    if at_once {
                        apply_page(&mut conn, SCOPE, page, &HashSet::new())
                            .await
                            .unwrap();
                    } else {
                        for change in page {
                            apply_change(&mut conn, SCOPE, change, false).await.unwrap();
                        }
                    }
                    projection::settle_grams(&mut conn).await.unwrap();
                }
                results.push(contents(&mut conn).await);
            }
            assert!(results[0].len() > 10);
            assert_eq!(results[0], results[1]);
        }

        #[tokio::test]
        async fn a_page_applied_at_once_ends_as_one_applied_change_by_change() {
            let owners: Vec<UserId> = (1..=2)
                .map(|i| UserId::from_uuid(Uuid::from_u128(i)))
                .collect();
            let ps = sample::prospects(12, &owners, 7);
            let mut renamed = ps[1].clone();
            renamed.company_name = "Renamed Ltd".into();
            let mut moved = ps[2].clone();
            moved.owner_id = owners[1];
            moved.status = portal_core::prospect::ProspectStatus::ALL[3];
            let customer = Change {
                entity: Entity::Customer,
                id: Uuid::from_u128(0xc1),
                version: 0,
                body: Some(json!({"id": "c1", "name": "A customer"})),
            };
            let pages = vec![
                // A deal before its prospect, others after; a customer.
                vec![
                    deal(1, &ps[0], Some("DR-000001"), 1),
                    prospect(&ps[0], 2),
                    prospect(&ps[1], 3),
                    deal(2, &ps[1], Some("DR-000002"), 4),
                    prospect(&ps[2], 5),
                    deal(3, &ps[2], None, 6),
                    prospect(&ps[3], 7),
                    deal(4, &ps[3], Some("DR-000004"), 8),
                    customer.clone(),
                    prospect(&ps[4], 9),
                ],
                // A rename carried to its deals, a prospect changing owner and status, deletions,
                // a body that does not read, a deal whose prospect left earlier in the page, a
                // tombstone for something never held.
                vec![
                    prospect(&renamed, 10),
                    prospect(&moved, 11),
                    gone(Entity::Prospect, ps[3].id.0, 12),
                    deal(5, &ps[3], Some("DR-000005"), 13),
                    gone(Entity::Deal, Uuid::from_u128(0xd001), 14),
                    Change {
                        entity: Entity::Prospect,
                        id: ps[4].id.0,
                        version: 15,
                        body: Some(json!({"id": ps[4].id, "not": "a prospect"})),
                    },
                    gone(Entity::Customer, Uuid::from_u128(0xc1), 16),
                    gone(Entity::Prospect, Uuid::from_u128(0xbad), 17),
                    prospect(&ps[5], 18),
                ],
                // A deal whose prospect leaves later in the same page: change by change.
                vec![
                    deal(6, &ps[5], Some("DR-000006"), 19),
                    gone(Entity::Prospect, ps[5].id.0, 20),
                ],
                // The same record twice: change by change.
                vec![prospect(&ps[6], 21), prospect(&ps[6], 22)],
            ];
            same_either_way(&pages, &[true, true, false, false]).await;
        }
    }
}
