//! What a mutation does to a support case: an administrator opens one for a customer of the firm.
//! The server numbers it in the one series of case numbers, opens it today and logs it, so every
//! administrator of the firm pulls it. Nothing else may be done to a case from the app.
//!
//! A case has no owner and no field stamps (it is never edited by partners), so it is not one of
//! the [`super::stored::Stored`] records; it is written straight into `support_cases`.

use super::push::Writer;
use super::{changelog, records, rules};
use crate::error::Result;
use portal_core::support::NewSupportCase;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::Value;
use sqlx::SqliteConnection;
use uuid::Uuid;

const E: Entity = Entity::SupportCase;

/// The prefix of every case number (`CS-0000042`), the seeded ones included.
const NUMBER_PREFIX: &str = "CS-";

/// The next number of the series: one above the highest ever given, whichever firm has it.
async fn next_number(conn: &mut SqliteConnection) -> Result<String> {
    let highest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(CAST(substr(number, 4) AS INTEGER)) FROM support_cases
         WHERE number LIKE 'CS-%'",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(format!("{NUMBER_PREFIX}{:07}", highest.unwrap_or(0) + 1))
}

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    if !w.role.sees_customers_area() {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "Only an administrator of your firm can open a support case.",
        )
        .into());
    }
    let case: NewSupportCase = rules::parse_record(E, body)?;
    if *case.id.as_uuid() != id {
        return Err(
            ApiError::invalid("id", "The support case's id is not the change's id.").into(),
        );
    }
    let partner = w.partner_text();
    let id_text = id.to_string();
    let taken: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM support_cases WHERE id = ?1)")
            .bind(&id_text)
            .fetch_one(&mut *conn)
            .await?;
    if taken || records::id_taken(conn, &id_text).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "A record with this id already exists, so this support case cannot be opened.",
        )
        .into());
    }
    let customer: Option<String> =
        sqlx::query_scalar("SELECT company_name FROM customers WHERE id = ?1 AND partner_id = ?2")
            .bind(case.customer_id.to_string())
            .bind(&partner)
            .fetch_optional(&mut *conn)
            .await?;
    if customer.is_none() {
        return Err(ApiError::invalid(
            "customer_id",
            "Choose one of your firm's customers: this one is not.",
        )
        .into());
    }
    let version = changelog::record(conn, &partner, E, &id_text, None, false).await?;
    let number = next_number(conn).await?;
    sqlx::query(
        "INSERT INTO support_cases (id, partner_id, customer_id, number, subject, status, priority,
                                    opened_on, closed_on, description)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, NULL, ?8)",
    )
    .bind(&id_text)
    .bind(&partner)
    .bind(case.customer_id.to_string())
    .bind(&number)
    .bind(&case.subject)
    .bind(case.priority.as_str())
    .bind(crate::db::date_text(w.today))
    .bind(&case.description)
    .execute(&mut *conn)
    .await?;
    Ok(Outcome::Applied { version })
}
