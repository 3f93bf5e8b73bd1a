//! The Customers area's own record of a customer, as its pages show it (the customer's page, an
//! invoice's, a support case's), and the names of the users who look after customers.

use crate::{
    error::ClientError,
    replica::copy,
    store::{names::person, read},
    Portal,
};
use portal_core::{
    api::partner::Address,
    customers::Customer,
    ids::{CustomerId, UserId},
    sync::Entity,
};
use serde::Deserialize;
use sqlx::SqliteConnection;

/// The customer record as the server sends it (`portal_server::sync::reference::CustomerRecord`).
#[derive(Deserialize)]
struct CustomerBody {
    id: CustomerId,
    owner_id: Option<UserId>,
    company_name: String,
    domain: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    address: Address,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
}

/// One customer's own record, if the cache holds it.
pub async fn customer_record(
    conn: &mut SqliteConnection,
    scope: &str,
    id: CustomerId,
) -> Result<Option<Customer>, ClientError> {
    let Some(server) = copy::server_copy(conn, scope, Entity::Customer, id.0)
        .await?
        .body
    else {
        return Ok(None);
    };
    let body: CustomerBody = read::body(server)?;
    let owner_name = match body.owner_id {
        Some(owner) => person(conn, scope, &owner.to_string())
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Some(Customer {
        id: body.id,
        company_name: body.company_name,
        domain: body.domain,
        sector: body.sector,
        address: body.address,
        contact_name: body.contact_name,
        contact_email: body.contact_email,
        owner_id: body.owner_id,
        owner_name,
    }))
}

impl Portal {
    /// Makes sure the cache can name the users who look after the customers: when some owner has
    /// no name yet, the firm's users are fetched once (a failure, offline, leaves names blank).
    pub(crate) async fn know_owners(&self, scope: &str) {
        let unnamed: Result<Option<i64>, sqlx::Error> = async {
            let mut conn = self.cache.pool().acquire().await?;
            sqlx::query_scalar(
                "SELECT 1 FROM (SELECT DISTINCT owner_id FROM customer
                                WHERE scope = ?1 AND owner_id IS NOT NULL) o
                 WHERE NOT EXISTS (SELECT 1 FROM person p
                                   WHERE p.scope = ?1 AND p.user_id = o.owner_id)
                 LIMIT 1",
            )
            .bind(scope)
            .fetch_optional(&mut *conn)
            .await
        }
        .await;
        if matches!(unnamed, Ok(Some(_))) {
            if let Err(e) = self.firm_users().await {
                tracing::debug!(error = %e, "the firm's users could not be fetched");
            }
        }
    }
}
