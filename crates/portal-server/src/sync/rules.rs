//! Checks that prospect, deal, quote and order mutations share: the record's shape, the field names
//! an update may carry, new ids, owners, the record (and the records it refers to) being there and
//! visible to the writer, and its status allowing a change; and several problems as one refusal.

use super::writer::Writer;
use crate::error::{Error, Result};
use crate::storage::records::{self, Stored};
use crate::storage::{accounts, changelog, Conn};
use portal_core::ids::UserId;
use portal_core::sync::{apply_fields, Entity, FieldConflict, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Several problems as one refusal: every message in one, with the first one's kind and field.
pub fn joined(errors: Vec<ApiError>) -> Error {
    let mut iter = errors.into_iter();
    let Some(mut first) = iter.next() else {
        return Error::corrupt("a refusal without a reason");
    };
    for e in iter {
        first.message.push(' ');
        first.message.push_str(&e.message);
    }
    first.into()
}

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

/// A record being created, as sent: its portal-core type, with the change's id.
pub fn parse_new<S: Stored>(body: &Value, id: Uuid) -> Result<S::Record> {
    let record: S::Record = parse_record(S::ENTITY, body)?;
    if S::id_of(&record) != id {
        return Err(ApiError::invalid(
            "id",
            format!("The {}'s id is not the change's id.", S::ENTITY.label()),
        )
        .into());
    }
    Ok(record)
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
pub async fn ensure_new_id(db: &mut Conn, w: &Writer, entity: Entity, id: Uuid) -> Result<()> {
    if records::id_taken(db, id).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "A record with this id already exists, so this {} cannot be created.",
                entity.label()
            ),
        )
        .into());
    }
    if changelog::deleted_at(db, w.partner, entity, id)
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
pub async fn missing(db: &mut Conn, w: &Writer, entity: Entity, id: Uuid) -> Error {
    match changelog::deleted_at(db, w.partner, entity, id).await {
        Ok(Some(_)) => deleted(entity),
        Ok(None) => ApiError::not_found(&format!("This {}", entity.label())).into(),
        Err(e) => e,
    }
}

/// The firm's record `id`, if the writer may change it.
pub async fn load<S: Stored>(db: &mut Conn, w: &Writer, id: Uuid) -> Result<S> {
    match S::find(db, w.partner, id).await? {
        Some(stored) => {
            ensure_visible(w, S::ENTITY, stored.owner())?;
            Ok(stored)
        }
        None => Err(missing(db, w, S::ENTITY, id).await),
    }
}

/// A record that another one refers to (a deal's prospect, an order's quote), as the writer finds
/// it.
pub enum Referred<S> {
    /// The firm's, and the writer's to use (any of the firm's, for an administrator).
    Usable(S),
    /// The firm's, but another user's.
    Others,
    Deleted,
    /// Never known to the firm.
    Unknown,
}

/// How the writer finds the firm's record `id` that another record refers to.
pub async fn referred<S: Stored>(db: &mut Conn, w: &Writer, id: Uuid) -> Result<Referred<S>> {
    Ok(match S::find(db, w.partner, id).await? {
        Some(s) if w.sees(s.owner()) => Referred::Usable(s),
        Some(_) => Referred::Others,
        None => match changelog::deleted_at(db, w.partner, S::ENTITY, id).await? {
            Some(_) => Referred::Deleted,
            None => Referred::Unknown,
        },
    })
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
    db: &mut Conn,
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
    if !accounts::is_firm_user(db, w.partner, owner).await? {
        return Err(
            ApiError::invalid("owner_id", "Choose an owner from your firm's users.").into(),
        );
    }
    Ok(())
}

/// A record being created must have a new id and an owner the writer may give it.
pub async fn ensure_creatable<S: Stored>(
    db: &mut Conn,
    w: &Writer,
    record: &S::Record,
) -> Result<()> {
    check_owner(db, w, S::ENTITY, S::owner_of(record), true).await?;
    ensure_new_id(db, w, S::ENTITY, S::id_of(record)).await
}

/// Refuses `doing` ("edited", "deleted") to a record whose status (`status`, its label) no longer
/// allows it (`allowed` false), followed by `hint`, if any.
pub fn ensure_status(
    entity: Entity,
    allowed: bool,
    status: &str,
    doing: &str,
    hint: Option<&str>,
) -> Result<()> {
    if allowed {
        return Ok(());
    }
    let mut message = format!(
        "This {} is {}, so it can no longer be {doing}.",
        entity.label(),
        status.to_lowercase()
    );
    if let Some(hint) = hint {
        message.push(' ');
        message.push_str(hint);
    }
    Err(ApiError::new(ErrorKind::Conflict, message).into())
}
