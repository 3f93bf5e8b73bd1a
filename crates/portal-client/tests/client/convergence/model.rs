//! The model of the server: versions from one counter, per-field stamps and the merge rule,
//! predicting every outcome the real server gives.

use super::*;

/// Who last changed a field, and at which version (the server's `Stamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) version: i64,
    pub(crate) client: Uuid,
}

#[derive(Debug, Clone)]
pub(crate) struct ModelRecord {
    pub(crate) body: Value,
    pub(crate) version: i64,
    pub(crate) created: Stamp,
    pub(crate) stamps: BTreeMap<String, Stamp>,
    /// The tombstone's version once deleted.
    pub(crate) deleted: Option<i64>,
}

impl ModelRecord {
    pub(crate) fn owner(&self) -> &str {
        self.body["owner_id"].as_str().unwrap_or_default()
    }
}

/// What became of one field an update sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Applied: the field now holds the value sent.
    Changed,
    /// The field held that value already.
    AlreadySo,
    /// Another client changed it since the base version: not applied.
    Conflict,
}

/// What the server should answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expected {
    Outcome(Outcome),
    Refused(ErrorKind),
}

/// The server as the protocol describes it, for the test's prospects: one version counter for the
/// firm, each applied change takes the next version; an update's field is a conflict when another
/// client changed it after the update's base version to another value; a delete wins.
#[derive(Debug, Default)]
pub(crate) struct Model {
    pub(crate) next_version: i64,
    pub(crate) records: BTreeMap<Uuid, ModelRecord>,
}

impl Model {
    pub(crate) fn take_version(&mut self) -> i64 {
        let v = self.next_version;
        self.next_version += 1;
        v
    }

    /// The answer to `m` from `client`, and for an update what became of each field.
    pub(crate) fn apply(
        &mut self,
        client: Uuid,
        m: &Mutation,
    ) -> Result<(Expected, BTreeMap<String, Fate>)> {
        ensure!(
            m.entity == Entity::Prospect,
            "the test only changes prospects"
        );
        let mut fates = BTreeMap::new();
        let expected = match &m.op {
            MutationOp::Create { body } => {
                if self.records.contains_key(&m.id) {
                    return Ok((Expected::Refused(ErrorKind::Conflict), fates));
                }
                let version = self.take_version();
                self.records.insert(
                    m.id,
                    ModelRecord {
                        body: body.clone(),
                        version,
                        created: Stamp { version, client },
                        stamps: BTreeMap::new(),
                        deleted: None,
                    },
                );
                Expected::Outcome(Outcome::Applied { version })
            }
            MutationOp::Update {
                base_version,
                fields,
            } => {
                let Some(record) = self.records.get(&m.id) else {
                    bail!("an update of {} that the model never saw created", m.id);
                };
                if record.deleted.is_some() {
                    return Ok((Expected::Refused(ErrorKind::NotFound), fates));
                }
                let mut applied = Map::new();
                let mut conflicts = Vec::new();
                for (field, yours) in fields {
                    let theirs = record.body.get(field).cloned().unwrap_or(Value::Null);
                    if &theirs == yours {
                        fates.insert(field.clone(), Fate::AlreadySo);
                        continue;
                    }
                    let stamp = record.stamps.get(field).copied().unwrap_or(record.created);
                    if stamp.version > *base_version && stamp.client != client {
                        fates.insert(field.clone(), Fate::Conflict);
                        conflicts.push(FieldConflict {
                            field: field.clone(),
                            yours: yours.clone(),
                            theirs,
                        });
                    } else {
                        fates.insert(field.clone(), Fate::Changed);
                        applied.insert(field.clone(), yours.clone());
                    }
                }
                if !applied.is_empty() {
                    let version = self.take_version();
                    let record = self.records.get_mut(&m.id).expect("just read");
                    for (field, value) in applied {
                        record.body[&field] = value;
                        record.stamps.insert(field, Stamp { version, client });
                    }
                    record.version = version;
                }
                let version = self.records[&m.id].version;
                Expected::Outcome(if conflicts.is_empty() {
                    Outcome::Applied { version }
                } else {
                    Outcome::Conflict { version, conflicts }
                })
            }
            MutationOp::Delete { .. } => {
                let Some(deleted) = self.records.get(&m.id).map(|r| r.deleted) else {
                    bail!("a delete of {} that the model never saw created", m.id);
                };
                let version = match deleted {
                    Some(tombstone) => tombstone,
                    None => {
                        let v = self.take_version();
                        self.records.get_mut(&m.id).expect("just read").deleted = Some(v);
                        v
                    }
                };
                Expected::Outcome(Outcome::Applied { version })
            }
            MutationOp::Act { .. } => bail!("the test takes no deal actions"),
        };
        Ok((expected, fates))
    }

    /// The live test prospects the user may see: (version, body) by id.
    pub(crate) fn visible(&self, admin: bool, user: UserId) -> BTreeMap<Uuid, (i64, Value)> {
        let user = user.to_string();
        self.records
            .iter()
            .filter(|(_, r)| r.deleted.is_none() && (admin || r.owner() == user))
            .map(|(id, r)| (*id, (r.version, r.body.clone())))
            .collect()
    }
}

/// Does the server's answer match the model's? (Conflicts compared as sets of fields.)
pub(crate) fn matches(expected: &Expected, actual: &Outcome) -> bool {
    pub(crate) fn sorted(c: &[FieldConflict]) -> Vec<FieldConflict> {
        let mut c = c.to_vec();
        c.sort_by(|a, b| a.field.cmp(&b.field));
        c
    }
    match (expected, actual) {
        (Expected::Refused(kind), Outcome::Refused { error }) => error.kind == *kind,
        (
            Expected::Outcome(Outcome::Conflict { version, conflicts }),
            Outcome::Conflict {
                version: v,
                conflicts: c,
            },
        ) => version == v && sorted(conflicts) == sorted(c),
        (Expected::Outcome(e), a) => e == a,
        _ => false,
    }
}
