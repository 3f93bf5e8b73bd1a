//! The reference tables: the Customers area's list rows (customers, subscriptions, renewals,
//! invoices, support cases), projected in SQL from the server copies a pull stored. These records
//! are read-only, so their view is always the server's copy, and a whole page of them is listed
//! by one statement per kind.

use crate::{error::ClientError, store::read::to_json};
use portal_core::{sync::Entity, wire::WireName};
use sqlx::SqliteConnection;

/// The list tables of the reference kinds (what a reset or a sign-out empties).
pub const TABLES: [&str; 5] = [
    "customer",
    "subscription",
    "renewal",
    "invoice",
    "support_case",
];

/// The list table of a reference kind, if it has one.
pub fn table(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Customer => Some("customer"),
        Entity::Subscription => Some("subscription"),
        Entity::Renewal => Some("renewal"),
        Entity::Invoice => Some("invoice"),
        Entity::SupportCase => Some("support_case"),
        _ => None,
    }
}

/// The columns of a kind's list row and the expressions that read them from `server_body`
/// (the shapes of `portal_server::sync::reference`).
fn columns(entity: Entity) -> &'static [(&'static str, &'static str)] {
    match entity {
        Entity::Customer => &[
            (
                "company_name",
                "COALESCE(server_body ->> '$.company_name', '')",
            ),
            ("domain", "COALESCE(server_body ->> '$.domain', '')"),
            ("sector", "COALESCE(server_body ->> '$.sector', '')"),
            ("owner_id", "server_body ->> '$.owner_id'"),
            (
                "search",
                "lower(COALESCE(server_body ->> '$.company_name', '') || ' ' ||
                       COALESCE(server_body ->> '$.domain', ''))",
            ),
        ],
        Entity::Subscription => &[
            (
                "customer_id",
                "COALESCE(server_body ->> '$.customer_id', '')",
            ),
            ("product_id", "COALESCE(server_body ->> '$.product_id', '')"),
            ("seats", "COALESCE(server_body ->> '$.seats', 0)"),
            (
                "term_months",
                "COALESCE(server_body ->> '$.term_months', 0)",
            ),
            ("starts_on", "COALESCE(server_body ->> '$.starts_on', '')"),
            ("ends_on", "COALESCE(server_body ->> '$.ends_on', '')"),
        ],
        Entity::Renewal => &[
            (
                "subscription_id",
                "COALESCE(server_body ->> '$.subscription_id', '')",
            ),
            (
                "customer_id",
                "COALESCE(server_body ->> '$.customer_id', '')",
            ),
            ("product_id", "COALESCE(server_body ->> '$.product_id', '')"),
            ("due_on", "COALESCE(server_body ->> '$.due_on', '')"),
            (
                "value_minor",
                "COALESCE(server_body ->> '$.value.minor', 0)",
            ),
            (
                "currency",
                "COALESCE(server_body ->> '$.value.currency', '')",
            ),
        ],
        Entity::Invoice => &[
            ("customer_id", "server_body ->> '$.customer_id'"),
            ("number", "COALESCE(server_body ->> '$.number', '')"),
            ("kind", "COALESCE(server_body ->> '$.kind', '')"),
            ("issued_on", "COALESCE(server_body ->> '$.issued_on', '')"),
            ("due_on", "COALESCE(server_body ->> '$.due_on', '')"),
            (
                "total_minor",
                "COALESCE(server_body ->> '$.total.minor', 0)",
            ),
            (
                "currency",
                "COALESCE(server_body ->> '$.total.currency', '')",
            ),
            ("status", "COALESCE(server_body ->> '$.status', '')"),
        ],
        Entity::SupportCase => &[
            ("customer_id", "server_body ->> '$.customer_id'"),
            ("number", "COALESCE(server_body ->> '$.number', '')"),
            ("subject", "COALESCE(server_body ->> '$.subject', '')"),
            ("status", "COALESCE(server_body ->> '$.status', '')"),
            ("priority", "COALESCE(server_body ->> '$.priority', '')"),
            ("opened_on", "COALESCE(server_body ->> '$.opened_on', '')"),
            ("closed_on", "server_body ->> '$.closed_on'"),
        ],
        _ => &[],
    }
}

/// `column` sorted by the core's order of `statuses` (a status or a priority):
/// `CASE column WHEN 'open' THEN 0 … END`.
pub fn rank_case<T: WireName>(column: &str, statuses: &[T]) -> String {
    let whens: String = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| format!(" WHEN '{}' THEN {i}", s.as_str()))
        .collect();
    format!("CASE {column}{whens} END")
}

/// The statement that lists the records of `entity` whose ids are in the JSON array `?2` (scope
/// `?1`) from their stored server copies.
fn put_sql(entity: Entity, table: &str) -> String {
    let cols = columns(entity);
    let names: Vec<&str> = cols.iter().map(|c| c.0).collect();
    let exprs: Vec<&str> = cols.iter().map(|c| c.1).collect();
    let updates: Vec<String> = names
        .iter()
        .map(|n| format!("{n} = excluded.{n}"))
        .collect();
    format!(
        "INSERT INTO {table} (scope, id, {})
         SELECT scope, id, {} FROM record
         WHERE scope = ?1 AND entity = '{}' AND server_body IS NOT NULL
           AND id IN (SELECT value FROM json_each(?2))
         ON CONFLICT (scope, id) DO UPDATE SET {}",
        names.join(", "),
        exprs.join(", "),
        entity.as_str(),
        updates.join(", ")
    )
}

/// Lists the records of `entity` with these ids from their stored server copies (those with
/// none, tombstones, are dropped from the list). Kinds without a list are ignored.
pub async fn put(
    conn: &mut SqliteConnection,
    scope: &str,
    entity: Entity,
    ids: &[String],
) -> Result<(), ClientError> {
    let Some(table) = table(entity) else {
        return Ok(());
    };
    if ids.is_empty() {
        return Ok(());
    }
    let ids = to_json(&ids);
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE scope = ?1 AND id IN (SELECT value FROM json_each(?2))
           AND id NOT IN (SELECT id FROM record WHERE scope = ?1 AND entity = '{}'
                            AND server_body IS NOT NULL
                            AND id IN (SELECT value FROM json_each(?2)))",
        entity.as_str()
    ))
    .bind(scope)
    .bind(&ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&put_sql(entity, table))
        .bind(scope)
        .bind(&ids)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Cache;
    use serde_json::json;

    #[tokio::test]
    async fn rows_follow_the_stored_copies_and_tombstones_drop_them() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
        let mut conn = cache.pool().acquire().await.unwrap();
        let body = json!({"id": "i1", "customer_id": null, "number": "INV-1", "kind": "consolidated",
            "issued_on": "2026-01-01", "due_on": "2026-01-31",
            "total": {"minor": 1234, "currency": "USD"}, "status": "open"});
        sqlx::query(
            "INSERT INTO record (scope, entity, id, server_version, server_body)
             VALUES ('me', 'invoice', 'i1', 1, ?1)",
        )
        .bind(body.to_string())
        .execute(&mut *conn)
        .await
        .unwrap();
        put(&mut conn, "me", Entity::Invoice, &["i1".into()])
            .await
            .unwrap();
        let row: (Option<String>, String, i64, String) = sqlx::query_as(
            "SELECT customer_id, number, total_minor, currency FROM invoice WHERE scope = 'me'",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(row, (None, "INV-1".into(), 1234, "USD".into()));
        sqlx::query("DELETE FROM record")
            .execute(&mut *conn)
            .await
            .unwrap();
        put(&mut conn, "me", Entity::Invoice, &["i1".into()])
            .await
            .unwrap();
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM invoice")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
}
