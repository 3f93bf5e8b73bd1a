//! Keeps each record's list row in step with its view: a prospect's, deal's, quote's or order's
//! row is projected from the view (so the lists sort, filter and search without reading JSON), a
//! support case's is routed by where it stands, and the Customers area's read-only kinds are
//! listed from their server copies, as are the marketing resources.

use super::{deals, orders, prospects, quotes, reference, resources, support_cases};
use crate::{
    error::ClientError,
    replica::Folded,
    store::read::{self, to_json},
};
use portal_core::{
    order::Order, prospect::Prospect, quote::Quote, registration::Deal, resources::Resource,
    sync::Entity,
};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// Keeps the list row of a record of kind `entity` in step with its view.
pub async fn project(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    id: Uuid,
    folded: &Folded,
) -> Result<(), ClientError> {
    let body = folded.body.as_ref();
    match entity {
        Entity::Prospect => match body.and_then(|b| read::listed::<Prospect>(entity, id, b)) {
            Some(p) => prospects::put_prospect(conn, scope, &p, folded.pending).await,
            None => remove(conn, "prospect", scope, id).await,
        },
        Entity::Deal => match body.and_then(|b| read::listed::<Deal>(entity, id, b)) {
            Some(d) => deals::put_deal(conn, scope, &d, folded.pending, folded.waiting).await,
            None => remove(conn, "deal", scope, id).await,
        },
        Entity::Quote => match body.and_then(|b| read::listed::<Quote>(entity, id, b)) {
            Some(q) => quotes::put_quote(conn, scope, &q, folded.pending, folded.waiting).await,
            None => remove(conn, "quote", scope, id).await,
        },
        Entity::Order => match body.and_then(|b| read::listed::<Order>(entity, id, b)) {
            Some(o) => orders::put_order(conn, scope, &o, folded.pending, folded.waiting).await,
            None => remove(conn, "sales_order", scope, id).await,
        },
        Entity::SupportCase => support_cases::project(conn, scope, id, folded).await,
        Entity::Resource => match body.and_then(|b| read::listed::<Resource>(entity, id, b)) {
            Some(r) => resources::put_resource(conn, scope, &r).await,
            None => remove(conn, "resource", scope, id).await,
        },
        _ => reference::put(conn, scope, entity, &[id.to_string()]).await,
    }
}

/// Removes one record's row from the list `table`.
async fn remove(
    conn: &mut SqliteConnection,
    table: &str,
    scope: &str,
    id: Uuid,
) -> Result<(), ClientError> {
    sqlx::query(&format!("DELETE FROM {table} WHERE scope = ?1 AND id = ?2"))
        .bind(scope)
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes the list rows of `ids` from `table` (`prospect` or `deal`).
pub async fn remove_all(
    conn: &mut SqliteConnection,
    table: &str,
    scope: &str,
    ids: &[Uuid],
) -> Result<(), ClientError> {
    debug_assert!(matches!(table, "prospect" | "deal"));
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE scope = ?1 AND id IN (SELECT value FROM json_each(?2))"
    ))
    .bind(scope)
    .bind(to_json(&ids))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
