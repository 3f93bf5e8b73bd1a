//! What a mutation does to a support case: an administrator opens one for a customer of the firm.
//! The server numbers it in the one series of case numbers, opens it today and logs it, so every
//! administrator of the firm pulls it. Nothing else may be done to a case from the app.
//!
//! A case has no owner and no field stamps (it is never edited by partners), so it is not one of
//! the [`crate::storage::records::Stored`] records; it is written straight to the Customers area.

use super::rules;
use super::writer::Writer;
use crate::error::Result;
use crate::storage::customers::{self, SupportCase};
use crate::storage::{changelog, records, Conn, Write};
use portal_core::customers::CaseStatus;
use portal_core::support::NewSupportCase;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::Value;
use uuid::Uuid;

const E: Entity = Entity::SupportCase;

/// The prefix of every case number (`CS-0000042`), the seeded ones included.
const NUMBER_PREFIX: &str = "CS-";

/// The next number of the series: one above the highest ever given, whichever firm has it.
async fn next_number(db: &mut Conn) -> Result<String> {
    let highest = customers::highest_case_number(db, NUMBER_PREFIX).await?;
    Ok(format!("{NUMBER_PREFIX}{:07}", highest.unwrap_or(0) + 1))
}

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
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
    if customers::case_id_taken(tx, case.id).await? || records::id_taken(tx, id).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "A record with this id already exists, so this support case cannot be opened.",
        )
        .into());
    }
    if customers::company_name(tx, w.partner, case.customer_id)
        .await?
        .is_none()
    {
        return Err(ApiError::invalid(
            "customer_id",
            "Choose one of your firm's customers: this one is not.",
        )
        .into());
    }
    let version = changelog::record(tx, w.partner, E, id, None, false).await?;
    let number = next_number(tx).await?;
    customers::add_case(
        tx,
        &SupportCase {
            id: case.id,
            partner: w.partner,
            customer: case.customer_id,
            number,
            subject: case.subject,
            status: CaseStatus::Open,
            priority: case.priority,
            opened_on: w.today,
            closed_on: None,
            description: case.description,
        },
    )
    .await?;
    Ok(Outcome::Applied { version })
}
