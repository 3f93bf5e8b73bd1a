//! The support-case list's rows, routed by where a case stands: one opened here lists from its
//! queued create (no number yet, open, opened today) until the server sends it back; from then on
//! its row is projected from the server's copy like the rest of the Customers area's
//! ([`super::reference`]).

use super::reference;
use crate::{
    error::ClientError,
    replica::{copy, Folded},
};
use portal_core::{customers::CaseStatus, support::NewSupportCase, sync::Entity};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// Keeps a case's list row in step with its view.
pub async fn project(
    conn: &mut SqliteConnection,
    scope: &str,
    id: Uuid,
    folded: &Folded,
) -> Result<(), ClientError> {
    let entity = Entity::SupportCase;
    // A case opened here lists from its queued create until the server sends it back.
    let opened = match &folded.body {
        Some(body) if folded.pending || !copy::has_server_copy(conn, scope, entity, id).await? => {
            serde_json::from_value::<NewSupportCase>(body.clone()).ok()
        }
        _ => None,
    };
    match opened {
        Some(case) => {
            let today = chrono::Local::now().date_naive();
            put_opened(conn, scope, &case, today).await
        }
        None => reference::put(conn, scope, entity, &[id.to_string()]).await,
    }
}

/// The list row of a case opened here that the server has not sent back yet: no number, open,
/// opened `today`.
pub async fn put_opened(
    conn: &mut SqliteConnection,
    scope: &str,
    case: &NewSupportCase,
    today: chrono::NaiveDate,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO support_case (scope, id, customer_id, number, subject, status, priority,
                                   opened_on, closed_on)
         VALUES (?1, ?2, ?3, '', ?4, ?7, ?5, ?6, NULL)
         ON CONFLICT (scope, id) DO UPDATE SET customer_id = excluded.customer_id,
           number = '', subject = excluded.subject, status = excluded.status,
           priority = excluded.priority, opened_on = excluded.opened_on, closed_on = NULL",
    )
    .bind(scope)
    .bind(case.id.to_string())
    .bind(case.customer_id.to_string())
    .bind(&case.subject)
    .bind(case.priority.as_str())
    .bind(today.to_string())
    .bind(CaseStatus::Open.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
