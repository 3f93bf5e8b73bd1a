//! Checks that prospect and deal mutations share: the record's shape, the field names an update may
//! carry, new ids, owners, and the record being there and visible to the writer.

use super::push::Writer;
use super::{changelog, records};
use crate::error::{Error, Result};
use portal_core::ids::UserId;
use portal_core::sync::{apply_fields, Entity, FieldConflict, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// A whole record as sent, in its portal-core type.
pub fn parse_record<T: DeserializeOwned>(entity: Entity, body: &Value) -> Result<T> {
    T::deserialize(body).map_err(|e| {
        ApiError::new(
            ErrorKind::InvalidInput,
            format!("The {} is not valid: {e}", entity.label()),
        )
        .into()
    })
}

/// Refuses an update naming a field partners may not set.
pub fn known_fields(entity: Entity, fields: &Map<String, Value>, allowed: &[&str]) -> Result<()> {
    match fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(field) => Err(ApiError::invalid(
            field.clone(),
            format!(
                "`{field}` is not a field of a {} that can be changed.",
                entity.label()
            ),
        )
        .into()),
        None => Ok(()),
    }
}

/// The sent field values in the record's own JSON form (a domain lower-cased, and so on), or the
/// first field whose value the record cannot hold.
pub fn normalise<T: Serialize + DeserializeOwned>(
    entity: Entity,
    current: &Value,
    fields: &Map<String, Value>,
) -> Result<Map<String, Value>> {
    let mut candidate = current.clone();
    apply_fields(&mut candidate, fields);
    let typed: T = match T::deserialize(&candidate) {
        Ok(t) => t,
        Err(all) => {
            // Name the culprit: try the fields one at a time.
            for (field, value) in fields {
                let mut one = current.clone();
                apply_fields(&mut one, &Map::from_iter([(field.clone(), value.clone())]));
                if let Err(e) = T::deserialize(&one) {
                    return Err(ApiError::invalid(
                        field.clone(),
                        format!("The {} is not valid: {e}", entity.label()),
                    )
                    .into());
                }
            }
            return Err(ApiError::new(
                ErrorKind::InvalidInput,
                format!("The {} is not valid: {all}", entity.label()),
            )
            .into());
        }
    };
    let json = serde_json::to_value(typed).map_err(Error::corrupt)?;
    Ok(fields
        .keys()
        .map(|k| (k.clone(), json.get(k).cloned().unwrap_or(Value::Null)))
        .collect())
}

/// Applied, or Conflict when some fields were not.
pub fn outcome(version: i64, conflicts: Vec<FieldConflict>) -> Outcome {
    if conflicts.is_empty() {
        Outcome::Applied { version }
    } else {
        Outcome::Conflict { version, conflicts }
    }
}

/// The id of a record being created must be new: ids are global, and a deleted record stays deleted.
pub async fn ensure_new_id(
    conn: &mut SqliteConnection,
    w: &Writer,
    entity: Entity,
    id: Uuid,
) -> Result<()> {
    let id = id.to_string();
    if records::id_taken(conn, &id).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "A record with this id already exists, so this {} cannot be created.",
                entity.label()
            ),
        )
        .into());
    }
    if changelog::is_deleted(conn, &w.partner_text(), entity, &id)
        .await?
        .is_some()
    {
        return Err(deleted(entity));
    }
    Ok(())
}

pub fn deleted(entity: Entity) -> Error {
    ApiError::new(
        ErrorKind::NotFound,
        format!("This {} was deleted.", entity.label()),
    )
    .into()
}

/// Why a record of the firm could not be loaded: deleted, or never known.
pub async fn missing(conn: &mut SqliteConnection, w: &Writer, entity: Entity, id: &str) -> Error {
    match changelog::is_deleted(conn, &w.partner_text(), entity, id).await {
        Ok(Some(_)) => deleted(entity),
        Ok(None) => ApiError::not_found(&format!("This {}", entity.label())).into(),
        Err(e) => e,
    }
}

/// Only administrators act on records other users own.
pub fn ensure_visible(w: &Writer, entity: Entity, owner: UserId) -> Result<()> {
    if w.sees(owner) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Forbidden,
            format!(
                "This {} belongs to another user of your firm; only an administrator can change it.",
                entity.label()
            ),
        )
        .into())
    }
}

/// A record's owner must be a user of the firm, and only administrators give records to others.
pub async fn check_owner(
    conn: &mut SqliteConnection,
    w: &Writer,
    entity: Entity,
    owner: UserId,
    creating: bool,
) -> Result<()> {
    if !w.role.sees_all_firm_records() && owner != w.user {
        let message = if creating {
            format!("You can only create {}s that you own.", entity.label())
        } else {
            format!(
                "Only an administrator can give a {} to another user.",
                entity.label()
            )
        };
        return Err(ApiError::new(ErrorKind::Forbidden, message).into());
    }
    if !records::is_firm_user(conn, &w.partner_text(), &owner.to_string()).await? {
        return Err(
            ApiError::invalid("owner_id", "Choose an owner from your firm's users.").into(),
        );
    }
    Ok(())
}
