//! The names the lists know records by, for pages that show a record another one refers to: a
//! prospect's, a customer's, the prospect's or customer's a quote is for, a deal registration's.

use crate::error::ClientError;
use portal_core::{quote::QuoteFor, sync::Entity};
use sqlx::SqliteConnection;

/// The name and domain of a cached prospect.
pub async fn prospect_name(
    conn: &mut SqliteConnection,
    scope: &str,
    id: &str,
) -> Result<Option<(String, String)>, ClientError> {
    Ok(
        sqlx::query_as("SELECT company_name, domain FROM prospect WHERE scope = ?1 AND id = ?2")
            .bind(scope)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The company name of a customer of the firm's list.
pub async fn customer_name(
    conn: &mut SqliteConnection,
    scope: &str,
    id: &str,
) -> Result<Option<String>, ClientError> {
    Ok(
        sqlx::query_scalar("SELECT company_name FROM customer WHERE scope = ?1 AND id = ?2")
            .bind(scope)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The name and domain of the prospect or customer a quote is for, when the cache holds it.
pub async fn party(
    conn: &mut SqliteConnection,
    scope: &str,
    quote_for: QuoteFor,
) -> Result<Option<(String, String)>, ClientError> {
    Ok(match quote_for {
        QuoteFor::Prospect(p) => prospect_name(conn, scope, &p.to_string()).await?,
        QuoteFor::Customer(c) => {
            sqlx::query_as(
                "SELECT COALESCE(server_body ->> '$.company_name', ''),
                        COALESCE(server_body ->> '$.domain', '')
                 FROM record WHERE scope = ?1 AND entity = ?3 AND id = ?2
                   AND server_body IS NOT NULL",
            )
            .bind(scope)
            .bind(c.to_string())
            .bind(Entity::Customer.as_str())
            .fetch_optional(&mut *conn)
            .await?
        }
    })
}

/// A deal registration by its number, or by its prospect before the server numbered it.
pub async fn deal_name(
    conn: &mut SqliteConnection,
    scope: &str,
    id: &str,
) -> Result<Option<String>, ClientError> {
    let row: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT number, prospect_name FROM deal WHERE scope = ?1 AND id = ?2")
            .bind(scope)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(number, prospect)| match number {
        Some(n) if !n.trim().is_empty() => n,
        _ => format!("Deal for {prospect}"),
    }))
}
