//! Field stamps: when each top-level field of a synced record last changed and which client changed
//! it, as the merge rule (`sync::merge`) needs them, and their stored form (`field_versions`).

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// When a field last changed, and which client changed it (`None` for the server and the seed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub version: i64,
    pub client: Option<Uuid>,
}

/// The stamps of a record's fields: those changed since creation, and the creation's for the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStamps {
    pub created: Stamp,
    changed: BTreeMap<String, Stamp>,
}

impl FieldStamps {
    /// A record just created: every field carries the creation's stamp.
    pub fn new(created: Stamp) -> Self {
        Self {
            created,
            changed: BTreeMap::new(),
        }
    }

    /// From the stored columns: `field_versions` JSON (`{"field": {"v": 12, "c": "<client>"}}`).
    pub fn from_stored(created: Stamp, field_versions: &str) -> Result<Self, String> {
        let map: Map<String, Value> = serde_json::from_str(field_versions)
            .map_err(|e| format!("field_versions {field_versions:?}: {e}"))?;
        let mut changed = BTreeMap::new();
        for (field, stamp) in map {
            let version = stamp["v"]
                .as_i64()
                .ok_or_else(|| format!("field_versions: {field} has no version"))?;
            let client = match stamp.get("c").and_then(Value::as_str) {
                Some(c) => Some(Uuid::parse_str(c).map_err(|e| format!("field_versions: {e}"))?),
                None => None,
            };
            changed.insert(field, Stamp { version, client });
        }
        Ok(Self { created, changed })
    }

    /// The `field_versions` column's text.
    pub fn to_stored(&self) -> String {
        let map: Map<String, Value> = self
            .changed
            .iter()
            .map(|(field, s)| {
                let stamp = match s.client {
                    Some(c) => json!({"v": s.version, "c": c.to_string()}),
                    None => json!({"v": s.version}),
                };
                (field.clone(), stamp)
            })
            .collect();
        Value::Object(map).to_string()
    }

    pub fn get(&self, field: &str) -> Stamp {
        self.changed.get(field).copied().unwrap_or(self.created)
    }

    pub fn set(&mut self, field: &str, stamp: Stamp) {
        self.changed.insert(field.to_owned(), stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: Uuid = Uuid::from_u128(1);
    const OTHER: Uuid = Uuid::from_u128(2);

    #[test]
    fn stamps_round_trip_through_their_column() {
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
        let text = s.to_stored();
        assert_eq!(FieldStamps::from_stored(s.created, &text).unwrap(), s);
        assert_eq!(s.get("sector"), s.created);
        assert!(FieldStamps::from_stored(s.created, "[1]").is_err());
    }
}
