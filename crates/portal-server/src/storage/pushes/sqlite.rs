//! The pushes' SQL for SQLite: `sync_clients` and `applied_mutation` (outcomes as JSON text).

use crate::error::Result;
use crate::storage::sqlite::{instant_text, json_text, parse_id, parse_json, Connection};
use chrono::{DateTime, Utc};
use portal_core::ids::UserId;
use portal_core::sync::Outcome;
use uuid::Uuid;

pub async fn claim(
    c: &mut Connection,
    client: Uuid,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<UserId> {
    let client = client.to_string();
    sqlx::query(
        "INSERT INTO sync_clients (client_id, user_id, first_seen) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO NOTHING",
    )
    .bind(&client)
    .bind(user.to_string())
    .bind(instant_text(now))
    .execute(&mut *c)
    .await?;
    let owner: String = sqlx::query_scalar("SELECT user_id FROM sync_clients WHERE client_id = ?1")
        .bind(&client)
        .fetch_one(&mut *c)
        .await?;
    parse_id(&owner)
}

pub async fn outcome(c: &mut Connection, client: Uuid, mutation: i64) -> Result<Option<Outcome>> {
    let recorded: Option<String> = sqlx::query_scalar(
        "SELECT result FROM applied_mutation WHERE client_id = ?1 AND mutation_id = ?2",
    )
    .bind(client.to_string())
    .bind(mutation)
    .fetch_optional(&mut *c)
    .await?;
    recorded
        .as_deref()
        .map(|text| parse_json("outcome", text))
        .transpose()
}

pub async fn newest(c: &mut Connection, client: Uuid) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT MAX(mutation_id) FROM applied_mutation WHERE client_id = ?1")
            .bind(client.to_string())
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn remember(
    c: &mut Connection,
    client: Uuid,
    mutation: i64,
    user: UserId,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO applied_mutation (client_id, mutation_id, user_id, result, applied_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(client.to_string())
    .bind(mutation)
    .bind(user.to_string())
    .bind(json_text(outcome)?)
    .bind(instant_text(now))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn forget_before(c: &mut Connection, before: DateTime<Utc>) -> Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM applied_mutation
         WHERE applied_at < ?1
           AND mutation_id < (SELECT MAX(newest.mutation_id) FROM applied_mutation newest
                              WHERE newest.client_id = applied_mutation.client_id)",
    )
    .bind(instant_text(before))
    .execute(&mut *c)
    .await?
    .rows_affected())
}
