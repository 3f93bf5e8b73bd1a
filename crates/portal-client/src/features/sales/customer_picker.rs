//! Sales › Quotes: the firm's customers as the quote builder's customer picker offers them, read
//! from the reference records a sync pulled (administrators only receive the Customers area), with
//! the mailboxes their subscriptions cover.

use crate::{error::ClientError, store::read, Portal};
use chrono::Utc;
use portal_core::{quoting::CustomerOption, sync::Entity};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// How many customers the picker is offered at a time.
pub const CUSTOMER_OPTIONS: u32 = 20;

/// One page of the scope's customers whose company name or domain contains `search` (any case),
/// those whose name starts with it first, then by name.
pub async fn customer_options(
    conn: &mut SqliteConnection,
    scope: &str,
    search: &str,
    today: &str,
) -> Result<Vec<CustomerOption>, ClientError> {
    let search = search.trim().to_lowercase();
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, company_name, domain, sector FROM (
             SELECT id,
                    COALESCE(server_body ->> '$.company_name', '') AS company_name,
                    COALESCE(server_body ->> '$.domain', '') AS domain,
                    COALESCE(server_body ->> '$.sector', '') AS sector
             FROM record
             WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL)
         WHERE ?3 = '' OR instr(lower(company_name), ?3) > 0 OR instr(lower(domain), ?3) > 0
         ORDER BY instr(lower(company_name), ?3) <> 1, company_name COLLATE NOCASE, id
         LIMIT ?4",
    )
    .bind(scope)
    .bind(Entity::Customer.as_str())
    .bind(&search)
    .bind(CUSTOMER_OPTIONS)
    .fetch_all(&mut *conn)
    .await?;
    let mailboxes = mailboxes(conn, scope, rows.iter().map(|r| r.0.as_str()), today).await?;
    rows.into_iter()
        .map(|(id, company_name, domain, sector)| {
            Ok(CustomerOption {
                mailboxes: mailboxes.get(&id).copied(),
                id: read::id(&id)?,
                company_name,
                domain,
                sector,
            })
        })
        .collect()
}

/// The mailboxes of each of `customers` that has a subscription: the most seats among those running
/// `today` (every product covers the same mailboxes), or, when all have ended, the seats of the
/// one that ended last — what a renewal starts from.
async fn mailboxes(
    conn: &mut SqliteConnection,
    scope: &str,
    customers: impl Iterator<Item = &str>,
    today: &str,
) -> Result<HashMap<String, u32>, ClientError> {
    let ids = serde_json::to_string(&customers.collect::<Vec<_>>()).expect("strings serialize");
    // A running subscription's end counts as today, so running ones come first, most seats first.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT customer_id, seats FROM (
             SELECT server_body ->> '$.customer_id' AS customer_id,
                    CAST(server_body ->> '$.seats' AS INTEGER) AS seats,
                    MIN(COALESCE(server_body ->> '$.ends_on', ''), ?3) AS until
             FROM record
             WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL)
         WHERE customer_id IN (SELECT value FROM json_each(?4)) AND seats > 0
         ORDER BY customer_id, until DESC, seats DESC",
    )
    .bind(scope)
    .bind(Entity::Subscription.as_str())
    .bind(today)
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = HashMap::new();
    for (customer, seats) in rows {
        if let Ok(seats) = u32::try_from(seats) {
            out.entry(customer).or_insert(seats);
        }
    }
    Ok(out)
}

impl Portal {
    /// The customers the quote builder's picker offers for `search` (company name or domain), from
    /// the local cache; none for a user whose cache holds no customers (sales users).
    pub async fn customer_options(&self, search: &str) -> Result<Vec<CustomerOption>, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive().to_string();
        let mut conn = self.cache.pool().acquire().await?;
        customer_options(&mut conn, &scope, search, &today).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Cache;
    use serde_json::json;
    use uuid::Uuid;

    async fn put(conn: &mut SqliteConnection, entity: Entity, id: Uuid, body: serde_json::Value) {
        sqlx::query(
            "INSERT INTO record (scope, entity, id, server_version, server_body)
             VALUES ('me', ?1, ?2, 1, ?3)",
        )
        .bind(entity.as_str())
        .bind(id.to_string())
        .bind(body.to_string())
        .execute(conn)
        .await
        .unwrap();
    }

    fn customer(id: Uuid, name: &str, domain: &str) -> serde_json::Value {
        json!({"id": id, "company_name": name, "domain": domain, "sector": "Retail"})
    }

    fn subscription(customer: Uuid, seats: i64, ends_on: &str) -> serde_json::Value {
        json!({"id": Uuid::now_v7(), "customer_id": customer, "seats": seats, "ends_on": ends_on})
    }

    #[tokio::test]
    async fn names_starting_with_the_search_come_first_and_mailboxes_come_from_subscriptions() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
        let mut conn = cache.pool().acquire().await.unwrap();
        let (acme, bolt, cedar) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        put(
            &mut conn,
            Entity::Customer,
            acme,
            customer(acme, "Acme Bolts", "acme.example"),
        )
        .await;
        put(
            &mut conn,
            Entity::Customer,
            bolt,
            customer(bolt, "Bolt Works", "boltworks.example"),
        )
        .await;
        put(
            &mut conn,
            Entity::Customer,
            cedar,
            customer(cedar, "Cedar Ltd", "cedar.example"),
        )
        .await;
        // Acme: two running products (the most seats count) and an older, larger one that ended.
        for (seats, ends_on) in [
            (120, "2031-01-01"),
            (150, "2030-06-01"),
            (900, "2020-01-01"),
        ] {
            let s = Uuid::now_v7();
            put(
                &mut conn,
                Entity::Subscription,
                s,
                subscription(acme, seats, ends_on),
            )
            .await;
        }
        // Bolt: everything ended; the last to end is what a renewal starts from.
        for (seats, ends_on) in [(40, "2024-01-01"), (55, "2025-01-01")] {
            let s = Uuid::now_v7();
            put(
                &mut conn,
                Entity::Subscription,
                s,
                subscription(bolt, seats, ends_on),
            )
            .await;
        }
        let today = "2026-01-01";

        let all = customer_options(&mut conn, "me", "", today).await.unwrap();
        let names: Vec<_> = all.iter().map(|c| c.company_name.as_str()).collect();
        assert_eq!(names, ["Acme Bolts", "Bolt Works", "Cedar Ltd"]);
        let seats: Vec<_> = all.iter().map(|c| c.mailboxes).collect();
        assert_eq!(seats, [Some(150), Some(55), None]);

        let bolts = customer_options(&mut conn, "me", " BOLT ", today)
            .await
            .unwrap();
        let names: Vec<_> = bolts.iter().map(|c| c.company_name.as_str()).collect();
        assert_eq!(
            names,
            ["Bolt Works", "Acme Bolts"],
            "the name that starts with it first"
        );
        let by_domain = customer_options(&mut conn, "me", "cedar.ex", today)
            .await
            .unwrap();
        assert_eq!(by_domain.len(), 1);
        assert_eq!(by_domain[0].id.0, cedar);
        assert!(customer_options(&mut conn, "other", "", today)
            .await
            .unwrap()
            .is_empty());
    }
}
