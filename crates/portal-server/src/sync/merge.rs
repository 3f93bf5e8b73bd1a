//! The field merge rule: which fields of an update apply and which are conflicts. Pure, no I/O.
//!
//! Each top-level field of a record carries a stamp ([`FieldStamps`]): the version of its last change and the client
//! that made it. A field sent in an update is a conflict only when somebody else (another client)
//! changed it after the update's `base_version` to a value other than the one sent. A client's own
//! earlier change never conflicts with its later one: mutations of one client arrive in order, so an
//! edit queued before the client learnt its create's version (base 0) still applies.

use crate::storage::records::FieldStamps;
use portal_core::sync::FieldConflict;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The result of merging an update into a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The record with every applicable field applied.
    pub body: Value,
    /// Fields whose value changed, in the order sent.
    pub changed: Vec<String>,
    /// Fields somebody else changed since `base_version` to another value; not applied.
    pub conflicts: Vec<FieldConflict>,
}

/// Merges `fields` (already normalised to the record's JSON form) into `current`.
pub fn merge(
    current: &Value,
    stamps: &FieldStamps,
    base_version: i64,
    fields: &Map<String, Value>,
    client: Uuid,
) -> Merged {
    let mut body = current.clone();
    let mut changed = Vec::new();
    let mut conflicts = Vec::new();
    for (field, yours) in fields {
        let theirs = current.get(field).cloned().unwrap_or(Value::Null);
        if &theirs == yours {
            continue;
        }
        let stamp = stamps.get(field);
        if stamp.version > base_version && stamp.client != Some(client) {
            conflicts.push(FieldConflict {
                field: field.clone(),
                yours: yours.clone(),
                theirs,
            });
        } else {
            if let Value::Object(obj) = &mut body {
                obj.insert(field.clone(), yours.clone());
            }
            changed.push(field.clone());
        }
    }
    Merged {
        body,
        changed,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::records::Stamp;
    use serde_json::json;

    const ME: Uuid = Uuid::from_u128(1);
    const OTHER: Uuid = Uuid::from_u128(2);

    fn fields(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn stamps() -> FieldStamps {
        let mut s = FieldStamps::new(Stamp {
            version: 3,
            client: Some(ME),
        });
        s.set(
            "notes",
            Stamp {
                version: 8,
                client: Some(OTHER),
            },
        );
        s
    }

    #[test]
    fn untouched_fields_apply_and_fields_changed_by_others_conflict() {
        let current = json!({"id": "x", "notes": "theirs", "sector": "Retail"});
        let m = merge(
            &current,
            &stamps(),
            5,
            &fields(json!({"notes": "mine", "sector": "Legal"})),
            ME,
        );
        assert_eq!(m.changed, ["sector"]);
        assert_eq!(m.body["sector"], "Legal");
        assert_eq!(m.body["notes"], "theirs");
        assert_eq!(
            m.conflicts,
            [FieldConflict {
                field: "notes".into(),
                yours: json!("mine"),
                theirs: json!("theirs")
            }]
        );
    }

    #[test]
    fn the_same_value_is_no_conflict_and_no_change() {
        let current = json!({"notes": "same"});
        let m = merge(
            &current,
            &stamps(),
            0,
            &fields(json!({"notes": "same"})),
            ME,
        );
        assert!(m.changed.is_empty() && m.conflicts.is_empty());
    }

    #[test]
    fn a_clients_own_earlier_change_never_conflicts() {
        // Created by ME at 3; an edit queued before the create was acknowledged has base 0.
        let current = json!({"sector": "Retail"});
        let m = merge(
            &current,
            &stamps(),
            0,
            &fields(json!({"sector": "Legal"})),
            ME,
        );
        assert_eq!(m.changed, ["sector"]);
        // Another client that never saw version 3 does conflict.
        let m = merge(
            &current,
            &stamps(),
            0,
            &fields(json!({"sector": "Legal"})),
            OTHER,
        );
        assert_eq!(m.conflicts.len(), 1);
    }
}
