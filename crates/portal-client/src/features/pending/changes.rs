//! The Pending Changes page's commands: the user's changes, newest first, worded and with the
//! values each carried made readable; settling a conflict (keep mine or take the server's) and
//! dismissing an answered change.

use super::{entered::entered, readable, wording};
use crate::{
    error::ClientError,
    lists::{price_book::cached_products, refold},
    replica::{
        copy,
        outbox::{self, Entry, EntryRow, NewChange},
    },
    Portal,
};
use portal_core::{
    pending::{ChangeState, EnteredValue, PendingChange, Resolution},
    pricebook::Product,
    sync::{Entity, MutationOp, Outcome},
    ApiError, ErrorKind,
};
use sqlx::SqliteConnection;

/// Every change kept, newest first, with the values each create or edit carries.
///
/// A deal's (quote's, order's) change is labelled by its number as soon as the replica knows it.
/// The label stored with the change is the record's name when it was made, and a deal made
/// offline has no number until the server gives it one; the number reaches the cache by a pull
/// page, a reset's rebuild or a push answer's refold. Reading it from the record's list row here
/// keeps every one of those paths right without each having to rewrite the outbox.
async fn list(conn: &mut SqliteConnection, scope: &str) -> Result<Vec<PendingChange>, ClientError> {
    let columns = EntryRow::columns(
        "COALESCE(NULLIF(d.number, ''),
                  NULLIF(q.number, '')
                    || CASE WHEN q.revision > 1 THEN ' rev ' || q.revision ELSE '' END,
                  NULLIF(so.number, ''),
                  o.record_label)",
    );
    let rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT {columns}
         FROM outbox o
         LEFT JOIN deal d ON o.entity = ?2 AND d.scope = o.scope AND d.id = o.record_id
         LEFT JOIN quote q ON o.entity = ?3 AND q.scope = o.scope AND q.id = o.record_id
         LEFT JOIN sales_order so
           ON o.entity = ?4 AND so.scope = o.scope AND so.id = o.record_id
         WHERE o.scope = ?1 ORDER BY o.mutation_id DESC"
    ))
    .bind(scope)
    .bind(Entity::Deal.as_str())
    .bind(Entity::Quote.as_str())
    .bind(Entity::Order.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut changes = Vec::with_capacity(rows.len());
    // Read once, and only if a quote's lines need its products' names.
    let mut products: Option<Vec<Product>> = None;
    for row in rows {
        let entry = row.entry()?;
        let mut entered = entered(entry.entity, &entry.op, scope);
        readable::name_records(conn, scope, &mut entered).await?;
        if products.is_none() && readable::needs_products(entry.entity, &entered) {
            products = Some(cached_products(conn, scope).await?);
        }
        let products = products.as_deref().unwrap_or_default();
        readable::describe_values(entry.entity, &mut entered, products);
        let mut change = pending_change(entry, entered);
        readable::describe_conflicts(change.entity, &mut change.conflicts, products);
        changes.push(change);
    }
    Ok(changes)
}

fn pending_change(entry: Entry, entered: Vec<EnteredValue>) -> PendingChange {
    let summary = wording::summary(entry.entity, &entry.op, &entry.summary);
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
        summary,
        state: entry.state,
        made_at: entry.made_at,
        conflicts,
        error,
        entered,
    }
}

impl Portal {
    /// The user's changes, newest first, with where each stands.
    pub async fn pending_changes(&self) -> Result<Vec<PendingChange>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        list(&mut conn, &scope).await
    }

    /// Settles a conflict: send my values again against the server's newer version, or take the
    /// server's.
    pub async fn resolve_change(
        &self,
        mutation_id: i64,
        resolution: Resolution,
    ) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let entry = outbox::get(&mut tx, &scope, mutation_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This change")))?;
        let (version, conflicts) = match (entry.state, entry.outcome) {
            (ChangeState::Conflict, Some(Outcome::Conflict { version, conflicts })) => {
                (version, conflicts)
            }
            _ => {
                return Err(ClientError::Refused(ApiError::new(
                    ErrorKind::Conflict,
                    "This change has no conflict to resolve.",
                )))
            }
        };
        outbox::set_synced(&mut tx, &scope, mutation_id).await?;
        match resolution {
            Resolution::TakeServer => {
                refold(&mut tx, &scope, entry.entity, entry.record_id).await?;
                tx.commit().await?;
                self.changed_locally(&scope).await;
            }
            Resolution::KeepMine => {
                let server =
                    copy::server_copy(&mut tx, &scope, entry.entity, entry.record_id).await?;
                let fields: serde_json::Map<_, _> =
                    conflicts.into_iter().map(|c| (c.field, c.yours)).collect();
                let change = NewChange {
                    entity: entry.entity,
                    record_id: entry.record_id,
                    summary: Some(wording::kept(&fields)),
                    op: MutationOp::Update {
                        base_version: server.version.max(version),
                        fields,
                    },
                    record_label: entry.record_label,
                };
                self.queue(tx, &scope, change).await?;
            }
        }
        Ok(())
    }

    /// Removes an answered change from the list; the record keeps the server's state. A change
    /// still waiting for the server cannot be dismissed.
    pub async fn dismiss_change(&self, mutation_id: i64) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let entry = outbox::get(&mut tx, &scope, mutation_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This change")))?;
        if entry.state == ChangeState::Pending {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                "This change is still waiting for the server.",
            )));
        }
        outbox::remove(&mut tx, &scope, mutation_id).await?;
        refold(&mut tx, &scope, entry.entity, entry.record_id).await?;
        tx.commit().await?;
        self.changed_locally(&scope).await;
        Ok(())
    }
}
