//! Convergence, as a property: three app instances — the firm's administrator on two machines and a
//! sales rep on a third — make random offline creates, edits and deletes of prospects (often the
//! same field of the same record on two machines) and sync in random interleavings against the
//! real server. Then every conflict is resolved (keep mine or take the server's, at random) and
//! everyone syncs until nothing moves. Checked along the way and at the end:
//!
//! - **each action queues exactly the change it means**: an edit, the one field against the
//!   version the view showed; a delete, against that version; a "keep mine", the conflicting
//!   values against the newer version;
//! - **the server does what the protocol says, once**: a model of the server (below: versions
//!   from one counter, per-field stamps, the merge rule) predicts every outcome, version numbers
//!   included, and the server's final records and head version equal the model's — so no
//!   mutation was applied twice and none was lost;
//! - **every view equals the server**: after each sync, that machine's view (and its list rows) of
//!   the test's prospects equals the model as that user may see it; at the end its whole cache
//!   equals a fresh pull for that user;
//! - **no clash is silently overwritten**: when two machines change the same field of the same
//!   record from the same version to different values, the later push of the two comes back as a
//!   conflict on that field (or is refused because the record was deleted), never applied.
//!
//! Few cases, each with a fresh server (`PROPTEST_CASES` and `PROPTEST_RNG_SEED` override the
//! defaults; a failure prints its seed and the shrunk case as a story).

mod support;

use anyhow::{bail, ensure, Context, Result};
use portal_client::{outbox, replica, sync::state, Portal, StoredSession};
use portal_core::{
    ids::{ProspectId, UserId},
    pending::{ChangeState, Resolution},
    prospect::{ProspectForm, ProspectStatus},
    sales::ProspectQuery,
    sync::{Entity, FieldConflict, Mutation, MutationOp, Outcome, MAX_PUSH},
    ErrorKind,
};
use portal_server::testing::TestServer;
use proptest::{
    prelude::*,
    test_runner::{Config, RngSeed, TestCaseError, TestRunner},
};
use serde_json::{json, Map, Value};
use std::{
    cell::Cell,
    collections::{BTreeMap, BTreeSet},
    fmt,
};
use support::{
    assert_converged, cache_records, head, server_records, signed_in, synced, Records, ADMIN, SALES,
};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// The generated case
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Machine {
    /// The administrator's desktop.
    Admin1,
    /// The administrator's laptop (the same user, another client id).
    Admin2,
    /// The sales rep, who sees only the prospects they own.
    Sales,
}

const MACHINES: [Machine; 3] = [Machine::Admin1, Machine::Admin2, Machine::Sales];

impl Machine {
    fn email(self) -> &'static str {
        match self {
            Machine::Admin1 | Machine::Admin2 => ADMIN,
            Machine::Sales => SALES,
        }
    }

    fn is_admin(self) -> bool {
        self != Machine::Sales
    }
}

/// The prospect fields the test edits, each with three values (so two machines often pick the
/// same value, which is no clash, and often different ones, which is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Notes,
    Sector,
    Status,
    Mailboxes,
    CompanyName,
}

const SECTORS: [&str; 3] = ["Retail", "Finance", "Legal"];

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Notes => "notes",
            Field::Sector => "sector",
            Field::Status => "status",
            Field::Mailboxes => "mailboxes",
            Field::CompanyName => "company_name",
        }
    }

    /// The value as the form takes it.
    fn set(self, form: &mut ProspectForm, v: u8) {
        match self {
            Field::Notes => form.notes = format!("n{v}"),
            Field::Sector => form.sector = SECTORS[usize::from(v)].into(),
            Field::Status => form.status = Some(ProspectStatus::ALL[usize::from(v)]),
            Field::Mailboxes => form.mailboxes = (u32::from(v + 1) * 10).to_string(),
            Field::CompanyName => form.company_name = format!("Company {v}"),
        }
    }

    /// The same value as the record's JSON holds it.
    fn json(self, v: u8) -> Value {
        match self {
            Field::Notes => json!(format!("n{v}")),
            Field::Sector => json!(SECTORS[usize::from(v)]),
            Field::Status => json!(ProspectStatus::ALL[usize::from(v)]),
            Field::Mailboxes => json!(u32::from(v + 1) * 10),
            Field::CompanyName => json!(format!("Company {v}")),
        }
    }
}

/// One step of the story. `pick` chooses among the test prospects the machine sees, in the
/// order they were created (modulo their number), so a shrunk case reads "the first one".
#[derive(Clone)]
enum Op {
    Create {
        on: Machine,
        for_sales: bool,
    },
    Edit {
        on: Machine,
        pick: u8,
        field: Field,
        value: u8,
    },
    Delete {
        on: Machine,
        pick: u8,
    },
    Sync {
        on: Machine,
    },
    /// Settles the machine's oldest conflict, if it has one.
    Resolve {
        on: Machine,
        keep_mine: bool,
    },
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Create { on, for_sales } => {
                write!(
                    f,
                    "{on:?} creates{}",
                    if *for_sales { " for Sales" } else { "" }
                )
            }
            Op::Edit {
                on,
                pick,
                field,
                value,
            } => write!(
                f,
                "{on:?} edits #{pick} {} = {}",
                field.name(),
                field.json(*value)
            ),
            Op::Delete { on, pick } => write!(f, "{on:?} deletes #{pick}"),
            Op::Sync { on } => write!(f, "{on:?} syncs"),
            Op::Resolve { on, keep_mine } => write!(
                f,
                "{on:?} resolves ({})",
                if *keep_mine {
                    "keep mine"
                } else {
                    "take server's"
                }
            ),
        }
    }
}

#[derive(Debug, Clone)]
struct Case {
    ops: Vec<Op>,
    /// How the end game settles each remaining conflict in turn (true: keep mine).
    endgame: Vec<bool>,
}

fn machine() -> impl Strategy<Value = Machine> {
    prop_oneof![
        Just(Machine::Admin1),
        Just(Machine::Admin2),
        Just(Machine::Sales)
    ]
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        3 => Just(Field::Notes),
        1 => Just(Field::Sector),
        1 => Just(Field::Status),
        1 => Just(Field::Mailboxes),
        1 => Just(Field::CompanyName),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (machine(), 0..4u8, field(), 0..3u8).prop_map(|(on, pick, field, value)| Op::Edit {
            on,
            pick,
            field,
            value
        }),
        4 => machine().prop_map(|on| Op::Sync { on }),
        2 => (machine(), any::<bool>()).prop_map(|(on, for_sales)| Op::Create { on, for_sales }),
        1 => (machine(), 0..4u8).prop_map(|(on, pick)| Op::Delete { on, pick }),
        1 => (machine(), any::<bool>()).prop_map(|(on, keep_mine)| Op::Resolve { on, keep_mine }),
    ]
}

/// Two machines edit the same field of the same record to different values, one after the other:
/// a clash whenever both saw the record at the same version.
fn clash() -> impl Strategy<Value = Vec<Op>> {
    (machine(), machine(), 0..4u8, field(), 0..3u8, 1..3u8)
        .prop_filter("two machines", |(a, b, ..)| a != b)
        .prop_map(|(a, b, pick, field, value, other)| {
            vec![
                Op::Edit {
                    on: a,
                    pick,
                    field,
                    value,
                },
                Op::Edit {
                    on: b,
                    pick,
                    field,
                    value: (value + other) % 3,
                },
            ]
        })
}

fn case() -> impl Strategy<Value = Case> {
    let step = prop_oneof![
        5 => op().prop_map(|op| vec![op]),
        1 => clash(),
    ];
    (
        prop::collection::vec(step, 1..=24),
        prop::collection::vec(any::<bool>(), 1..=4),
    )
        .prop_map(|(steps, endgame)| Case {
            ops: steps.into_iter().flatten().collect(),
            endgame,
        })
}

// ---------------------------------------------------------------------------------------------
// The model of the server
// ---------------------------------------------------------------------------------------------

/// Who last changed a field, and at which version (the server's `Stamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    version: i64,
    client: Uuid,
}

#[derive(Debug, Clone)]
struct ModelRecord {
    body: Value,
    version: i64,
    created: Stamp,
    stamps: BTreeMap<String, Stamp>,
    /// The tombstone's version once deleted.
    deleted: Option<i64>,
}

impl ModelRecord {
    fn owner(&self) -> &str {
        self.body["owner_id"].as_str().unwrap_or_default()
    }
}

/// What became of one field an update sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Applied: the field now holds the value sent.
    Changed,
    /// The field held that value already.
    AlreadySo,
    /// Another client changed it since the base version: not applied.
    Conflict,
}

/// What the server should answer.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Outcome(Outcome),
    Refused(ErrorKind),
}

/// The server as the protocol describes it, for the test's prospects: one version counter for the
/// firm, each applied change takes the next version; an update's field is a conflict when another
/// client changed it after the update's base version to another value; a delete wins.
#[derive(Debug, Default)]
struct Model {
    next_version: i64,
    records: BTreeMap<Uuid, ModelRecord>,
}

impl Model {
    fn take_version(&mut self) -> i64 {
        let v = self.next_version;
        self.next_version += 1;
        v
    }

    /// The answer to `m` from `client`, and for an update what became of each field.
    fn apply(&mut self, client: Uuid, m: &Mutation) -> Result<(Expected, BTreeMap<String, Fate>)> {
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
    fn visible(&self, admin: bool, user: UserId) -> BTreeMap<Uuid, (i64, Value)> {
        let user = user.to_string();
        self.records
            .iter()
            .filter(|(_, r)| r.deleted.is_none() && (admin || r.owner() == user))
            .map(|(id, r)| (*id, (r.version, r.body.clone())))
            .collect()
    }
}

/// Does the server's answer match the model's? (Conflicts compared as sets of fields.)
fn matches(expected: &Expected, actual: &Outcome) -> bool {
    fn sorted(c: &[FieldConflict]) -> Vec<FieldConflict> {
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

// ---------------------------------------------------------------------------------------------
// Running a case against the real server and clients
// ---------------------------------------------------------------------------------------------

struct Client {
    machine: Machine,
    portal: Portal,
    stored: StoredSession,
    client_id: Uuid,
    _dir: tempfile::TempDir,
}

impl Client {
    fn scope(&self) -> String {
        self.stored.user_id.to_string()
    }

    /// The changes that the next sync pushes, in order.
    async fn pending(&self) -> Result<Vec<Mutation>> {
        let mut conn = self.portal.cache().pool().acquire().await?;
        Ok(outbox::next_batch(&mut conn, &self.scope(), MAX_PUSH).await?)
    }
}

/// A user's edit of one field, as the user meant it.
#[derive(Debug, Clone)]
struct Intent {
    machine: Machine,
    client: Uuid,
    record: Uuid,
    field: String,
    base: i64,
    value: Value,
    mutation_id: i64,
}

/// What became of a pushed mutation: its place in the order the server received pushes, and
/// the outcome.
#[derive(Debug, Clone)]
struct Pushed {
    seq: usize,
    outcome: Outcome,
    /// What became of each field an update sent (from the model, which agreed with the outcome).
    fates: BTreeMap<String, Fate>,
}

/// What a case did, for the end-of-run summary (and to be sure the cases were not vacuous).
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    pushed: usize,
    conflicts: usize,
    refusals: usize,
    clashes: usize,
}

struct World {
    _server: TestServer,
    base: String,
    clients: Vec<Client>,
    sales_user: UserId,
    model: Model,
    /// "P<n>" by record id, in order of creation.
    labels: BTreeMap<Uuid, String>,
    created: u32,
    intents: Vec<Intent>,
    pushed: BTreeMap<(Uuid, i64), Pushed>,
    story: Vec<String>,
    tally: Tally,
    endgame: Vec<bool>,
    endgame_turn: usize,
}

const DOMAIN_SUFFIX: &str = ".conv.example";

impl World {
    async fn new(endgame: Vec<bool>) -> Result<World> {
        let server = TestServer::spawn_seeded().await?;
        let base = server.base_url();
        let mut clients = Vec::new();
        for machine in MACHINES {
            let dir = tempfile::tempdir()?;
            let (portal, stored) = signed_in(dir.path(), &base, machine.email()).await?;
            synced(&portal).await?;
            let client_id = {
                let mut conn = portal.cache().pool().acquire().await?;
                state::load(&mut conn, &stored.user_id.to_string())
                    .await?
                    .context("a sync state")?
                    .client_id
            };
            clients.push(Client {
                machine,
                portal,
                stored,
                client_id,
                _dir: dir,
            });
        }
        let sales_user = clients[2].stored.user_id;
        let next_version = head(&base, &clients[0].stored.token).await? + 1;
        Ok(World {
            _server: server,
            base,
            clients,
            sales_user,
            model: Model {
                next_version,
                ..Model::default()
            },
            labels: BTreeMap::new(),
            created: 0,
            intents: Vec::new(),
            pushed: BTreeMap::new(),
            story: Vec::new(),
            tally: Tally::default(),
            endgame,
            endgame_turn: 0,
        })
    }

    fn client(&self, machine: Machine) -> &Client {
        &self.clients[machine as usize]
    }

    fn label(&self, id: Uuid) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    fn tell(&mut self, line: String) {
        self.story.push(line);
    }

    /// The test's prospects the machine's view shows, in order of creation.
    async fn visible(&self, machine: Machine) -> Result<Vec<ProspectId>> {
        let list = self
            .client(machine)
            .portal
            .prospects(ProspectQuery {
                search: DOMAIN_SUFFIX.into(),
                limit: 1_000,
                ..ProspectQuery::default()
            })
            .await?;
        let mut ids: Vec<ProspectId> = list
            .rows
            .iter()
            .filter(|r| r.domain.ends_with(DOMAIN_SUFFIX))
            .map(|r| r.id)
            .collect();
        let order: BTreeMap<Uuid, usize> = self
            .labels
            .keys()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        ids.sort_by_key(|id| order.get(&id.0).copied().unwrap_or(usize::MAX));
        Ok(ids)
    }

    /// The one change an action queued (or none): what is pending now beyond what was before.
    async fn queued_by(&self, machine: Machine, before: &[Mutation]) -> Result<Option<Mutation>> {
        let after = self.client(machine).pending().await?;
        ensure!(
            after.len() <= before.len() + 1 && after[..before.len().min(after.len())] == *before,
            "one action queued more than one change, or changed queued ones"
        );
        Ok(after.get(before.len()).cloned())
    }

    async fn run(&mut self, op: &Op) -> Result<()> {
        match *op {
            Op::Create { on, for_sales } => self.create(on, for_sales).await,
            Op::Edit {
                on,
                pick,
                field,
                value,
            } => self.edit(on, pick, field, value).await,
            Op::Delete { on, pick } => self.delete(on, pick).await,
            Op::Sync { on } => self.sync(on).await,
            Op::Resolve { on, keep_mine } => self.resolve_oldest(on, keep_mine).await,
        }
    }

    async fn create(&mut self, on: Machine, for_sales: bool) -> Result<()> {
        self.created += 1;
        let n = self.created;
        let label = format!("P{n}");
        let owner = (on.is_admin() && for_sales).then_some(self.sales_user);
        let form = ProspectForm {
            company_name: label.clone(),
            domain: format!("p{n}{DOMAIN_SUFFIX}"),
            sector: SECTORS[0].into(),
            mailboxes: "10".into(),
            owner_id: owner,
            ..ProspectForm::default()
        };
        let before = self.client(on).pending().await?;
        let detail = self.client(on).portal.save_prospect(None, form).await?;
        let id = detail.prospect.id.0;
        self.labels.insert(id, label.clone());
        let queued = self
            .queued_by(on, &before)
            .await?
            .context("a create queues")?;
        let body = serde_json::to_value(&detail.prospect)?;
        ensure!(
            queued.id == id && queued.op == MutationOp::Create { body },
            "{on:?} created {label} but queued {queued:?}"
        );
        let whose = if owner.is_some() || on == Machine::Sales {
            "Sales's"
        } else {
            "its own"
        };
        self.tell(format!(
            "{on:?} creates {label} ({whose}): #{}",
            queued.mutation_id
        ));
        Ok(())
    }

    async fn edit(&mut self, on: Machine, pick: u8, field: Field, value: u8) -> Result<()> {
        let visible = self.visible(on).await?;
        let Some(&id) = visible.get(usize::from(pick) % visible.len().max(1)) else {
            self.tell(format!("{on:?} has no prospect to edit"));
            return Ok(());
        };
        let label = self.label(id.0);
        let portal = &self.client(on).portal;
        let detail = portal.prospect(id).await?;
        let shown = serde_json::to_value(&detail.prospect)?[field.name()].clone();
        let wanted = field.json(value);
        let mut form = ProspectForm::from_prospect(&detail.prospect);
        field.set(&mut form, value);
        let before = self.client(on).pending().await?;
        let saved = portal.save_prospect(Some(id), form).await?;
        ensure!(
            serde_json::to_value(&saved.prospect)?[field.name()] == wanted,
            "the view does not show the edit"
        );
        let queued = self.queued_by(on, &before).await?;
        let what = format!(
            "{on:?} edits {label} {} {shown} -> {wanted} (seen at v{})",
            field.name(),
            detail.version
        );
        match queued {
            None => {
                ensure!(shown == wanted, "{what}: nothing was queued");
                self.tell(format!("{what}: unchanged, nothing queued"));
            }
            Some(m) => {
                let expected = MutationOp::Update {
                    base_version: detail.version,
                    fields: Map::from_iter([(field.name().to_owned(), wanted.clone())]),
                };
                ensure!(
                    shown != wanted && m.id == id.0 && m.op == expected,
                    "{what}: queued {m:?}"
                );
                self.intents.push(Intent {
                    machine: on,
                    client: self.client(on).client_id,
                    record: id.0,
                    field: field.name().into(),
                    base: detail.version,
                    value: wanted,
                    mutation_id: m.mutation_id,
                });
                self.tell(format!("{what}: #{}", m.mutation_id));
            }
        }
        Ok(())
    }

    async fn delete(&mut self, on: Machine, pick: u8) -> Result<()> {
        let visible = self.visible(on).await?;
        let Some(&id) = visible.get(usize::from(pick) % visible.len().max(1)) else {
            self.tell(format!("{on:?} has no prospect to delete"));
            return Ok(());
        };
        let label = self.label(id.0);
        let portal = &self.client(on).portal;
        let version = portal.prospect(id).await?.version;
        let before = self.client(on).pending().await?;
        portal.delete_prospect(id).await?;
        let m = self
            .queued_by(on, &before)
            .await?
            .context("a delete queues")?;
        ensure!(
            m.id == id.0
                && m.op
                    == MutationOp::Delete {
                        base_version: version
                    },
            "{on:?} deleted {label} but queued {m:?}"
        );
        ensure!(
            portal.prospect(id).await.is_err(),
            "{label} is still shown after its delete"
        );
        self.tell(format!(
            "{on:?} deletes {label} (seen at v{version}): #{}",
            m.mutation_id
        ));
        Ok(())
    }

    async fn resolve_oldest(&mut self, on: Machine, keep_mine: bool) -> Result<()> {
        let oldest = self
            .client(on)
            .portal
            .pending_changes()
            .await?
            .into_iter()
            .filter(|c| c.state == ChangeState::Conflict)
            .min_by_key(|c| c.mutation_id);
        match oldest {
            Some(change) => self.resolve(on, change.mutation_id, keep_mine).await,
            None => {
                self.tell(format!("{on:?} has no conflict to resolve"));
                Ok(())
            }
        }
    }

    async fn resolve(&mut self, on: Machine, mutation_id: i64, keep_mine: bool) -> Result<()> {
        let client = self.client(on);
        let scope = client.scope();
        let (entry, server_version) = {
            let mut conn = client.portal.cache().pool().acquire().await?;
            let entry = outbox::get(&mut conn, &scope, mutation_id)
                .await?
                .context("the conflict is in the outbox")?;
            let copy =
                replica::server_copy(&mut conn, &scope, entry.entity, entry.record_id).await?;
            (entry, copy.version)
        };
        let Some(Outcome::Conflict { version, conflicts }) = entry.outcome.clone() else {
            bail!("#{mutation_id} is not a conflict: {entry:?}");
        };
        let label = self.label(entry.record_id);
        let before = client.pending().await?;
        let resolution = if keep_mine {
            Resolution::KeepMine
        } else {
            Resolution::TakeServer
        };
        client
            .portal
            .resolve_change(mutation_id, resolution)
            .await?;
        let queued = self.queued_by(on, &before).await?;
        let fields: Vec<&str> = conflicts.iter().map(|c| c.field.as_str()).collect();
        if !keep_mine {
            ensure!(queued.is_none(), "taking the server's queued {queued:?}");
            self.tell(format!(
                "{on:?} takes the server's {fields:?} of {label} (#{mutation_id})"
            ));
            return Ok(());
        }
        let m = queued.context("keeping mine queues the values again")?;
        let base = version.max(server_version);
        let expected = MutationOp::Update {
            base_version: base,
            fields: conflicts
                .iter()
                .map(|c| (c.field.clone(), c.yours.clone()))
                .collect(),
        };
        ensure!(
            m.id == entry.record_id && m.op == expected,
            "{on:?} kept its {fields:?} of {label}, queued {m:?}"
        );
        for c in &conflicts {
            self.intents.push(Intent {
                machine: on,
                client: self.client(on).client_id,
                record: entry.record_id,
                field: c.field.clone(),
                base,
                value: c.yours.clone(),
                mutation_id: m.mutation_id,
            });
        }
        self.tell(format!(
            "{on:?} keeps its {fields:?} of {label} (#{mutation_id}) against v{base}: #{}",
            m.mutation_id
        ));
        Ok(())
    }

    /// Syncs one machine; each outcome must be the model's, and the view the model's after it.
    async fn sync(&mut self, on: Machine) -> Result<()> {
        let batch = self.client(on).pending().await?;
        let client_id = self.client(on).client_id;
        let scope = self.client(on).scope();
        let status = self.client(on).portal.sync_now().await?;
        ensure!(
            status.last_error.is_none(),
            "{on:?}'s sync failed: {status:?}"
        );
        ensure!(
            status.pending == 0,
            "{on:?} still has changes waiting: {status:?}"
        );
        let mut answers = Vec::new();
        for m in &batch {
            let entry = {
                let mut conn = self.client(on).portal.cache().pool().acquire().await?;
                outbox::get(&mut conn, &scope, m.mutation_id)
                    .await?
                    .context("a pushed change stays listed")?
            };
            let actual = entry.outcome.context("a pushed change has its outcome")?;
            let (expected, fates) = self.model.apply(client_id, m)?;
            let what = format!("#{} on {}", m.mutation_id, self.label(m.id));
            ensure!(
                matches(&expected, &actual),
                "{on:?}'s {what}: the server answered {actual:?}, the model expects {expected:?}"
            );
            match &actual {
                Outcome::Conflict { .. } => self.tally.conflicts += 1,
                Outcome::Refused { .. } => self.tally.refusals += 1,
                Outcome::Applied { .. } => {}
            }
            answers.push(format!("{what} {}", brief(&actual)));
            let seq = self.pushed.len();
            self.pushed.insert(
                (client_id, m.mutation_id),
                Pushed {
                    seq,
                    outcome: actual,
                    fates,
                },
            );
        }
        self.tally.pushed += batch.len();
        let line = if answers.is_empty() {
            format!("{on:?} syncs")
        } else {
            format!("{on:?} syncs: {}", answers.join("; "))
        };
        self.tell(line);
        self.check_view(on).await
    }

    /// Right after its sync, a machine shows the test's prospects exactly as the server holds them
    /// for its user, in the detail view and in the list.
    async fn check_view(&self, on: Machine) -> Result<()> {
        let client = self.client(on);
        let expected = self.model.visible(on.is_admin(), client.stored.user_id);
        let view: BTreeMap<Uuid, (i64, Value)> =
            test_prospects(&cache_records(client.portal.cache().pool(), &client.scope()).await?);
        if view != expected {
            let mut diffs = Vec::new();
            for id in expected.keys().chain(view.keys()).collect::<BTreeSet<_>>() {
                if view.get(id) != expected.get(id) {
                    diffs.push(format!(
                        "{}: shown {:?}, server {:?}",
                        self.label(*id),
                        view.get(id),
                        expected.get(id)
                    ));
                }
            }
            bail!("{on:?}'s view is not the server's:\n{}", diffs.join("\n"));
        }
        let listed = client
            .portal
            .prospects(ProspectQuery {
                search: DOMAIN_SUFFIX.into(),
                limit: 1_000,
                ..ProspectQuery::default()
            })
            .await?;
        let rows: BTreeMap<Uuid, Value> = listed
            .rows
            .iter()
            .filter(|r| r.domain.ends_with(DOMAIN_SUFFIX))
            .map(|r| {
                let row = json!({"company_name": r.company_name, "domain": r.domain,
                    "sector": r.sector, "mailboxes": r.mailboxes, "status": r.status,
                    "owner_id": r.owner_id, "pending": r.pending});
                (r.id.0, row)
            })
            .collect();
        let from_view: BTreeMap<Uuid, Value> = expected
            .iter()
            .map(|(id, (_, b))| {
                let row = json!({"company_name": b["company_name"], "domain": b["domain"],
                    "sector": b["sector"], "mailboxes": b["mailboxes"], "status": b["status"],
                    "owner_id": b["owner_id"], "pending": false});
                (*id, row)
            })
            .collect();
        ensure!(
            rows == from_view,
            "{on:?}'s list rows differ from its records:\nrows {rows:#?}\nrecords {from_view:#?}"
        );
        Ok(())
    }

    /// Resolves every conflict (keep mine or take the server's, in the end game's order), dismisses
    /// every refusal, and syncs everyone, round after round, until a round pushes nothing.
    async fn settle(&mut self) -> Result<()> {
        for round in 1..=10 {
            let pushed_before = self.pushed.len();
            let mut settled = 0;
            for on in MACHINES {
                for change in self.client(on).portal.pending_changes().await? {
                    match change.state {
                        ChangeState::Conflict => {
                            let keep = self.endgame[self.endgame_turn % self.endgame.len()];
                            self.endgame_turn += 1;
                            self.resolve(on, change.mutation_id, keep).await?;
                            settled += 1;
                        }
                        ChangeState::Refused => {
                            self.client(on)
                                .portal
                                .dismiss_change(change.mutation_id)
                                .await?;
                            self.tell(format!(
                                "{on:?} dismisses the refused #{}",
                                change.mutation_id
                            ));
                            settled += 1;
                        }
                        ChangeState::Pending | ChangeState::Synced => {}
                    }
                }
                self.sync(on).await?;
            }
            if settled == 0 && self.pushed.len() == pushed_before {
                self.tell(format!("quiet after {round} end-game round(s)"));
                return Ok(());
            }
        }
        bail!("still not quiet after 10 rounds of resolving and syncing")
    }

    /// The end state: every machine's whole cache is the server's for its user, the server's test
    /// prospects and head are the model's, and no clash was silently overwritten.
    async fn check_end(&mut self) -> Result<()> {
        for client in &self.clients {
            assert_converged(
                client.portal.cache().pool(),
                &client.scope(),
                &self.base,
                &client.stored.token,
            )
            .await
            .with_context(|| format!("{:?} at the end", client.machine))?;
        }
        let admin = &self.clients[0].stored.token;
        let (records, head) = server_records(&self.base, admin).await?;
        ensure!(
            head == self.model.next_version - 1,
            "the server's head is v{head}, the model's v{}: some change was applied {}",
            self.model.next_version - 1,
            if head > self.model.next_version - 1 {
                "more than once or unexpectedly"
            } else {
                "not at all"
            }
        );
        let on_server = test_prospects(&records);
        ensure!(
            on_server == self.model.visible(true, self.sales_user),
            "the server's prospects are not the model's"
        );
        let domains: BTreeSet<&str> = on_server
            .values()
            .filter_map(|(_, b)| b["domain"].as_str())
            .collect();
        ensure!(
            domains.len() == on_server.len(),
            "two prospects share a domain"
        );
        self.check_clashes()
    }

    /// Two machines changed the same field of the same record from the same version to different
    /// values, and the first push of the two changed it: the later one must come back as a
    /// conflict on that field, or refused (the record deleted meanwhile) — unless by then the
    /// field already held the later value (a third change set it), which leaves nothing to clash.
    fn check_clashes(&mut self) -> Result<()> {
        let mut clashes = 0;
        for (i, a) in self.intents.iter().enumerate() {
            for b in &self.intents[i + 1..] {
                if a.client == b.client
                    || a.record != b.record
                    || a.field != b.field
                    || a.base != b.base
                    || a.value == b.value
                {
                    continue;
                }
                let pushed = |x: &Intent| {
                    self.pushed
                        .get(&(x.client, x.mutation_id))
                        .with_context(|| {
                            format!("#{} of {:?} was never pushed", x.mutation_id, x.machine)
                        })
                };
                let (pa, pb) = (pushed(a)?, pushed(b)?);
                let ((earlier, pe), (later, pl)) = if pa.seq < pb.seq {
                    ((a, pa), (b, pb))
                } else {
                    ((b, pb), (a, pa))
                };
                if pe.fates.get(&earlier.field) != Some(&Fate::Changed) {
                    continue;
                }
                clashes += 1;
                let surfaced = match &pl.outcome {
                    Outcome::Conflict { conflicts, .. } => conflicts
                        .iter()
                        .any(|c| c.field == later.field && c.yours == later.value),
                    Outcome::Refused { error } => error.kind == ErrorKind::NotFound,
                    Outcome::Applied { .. } => false,
                };
                let already = pl.fates.get(&later.field) == Some(&Fate::AlreadySo);
                ensure!(
                    surfaced || already,
                    "{:?}'s #{} set {} of {} to {} over {:?}'s {} (both from v{}) without a \
                     conflict: {:?}",
                    later.machine,
                    later.mutation_id,
                    later.field,
                    self.label(later.record),
                    later.value,
                    earlier.machine,
                    earlier.value,
                    later.base,
                    pl.outcome
                );
            }
        }
        self.tally.clashes += clashes;
        Ok(())
    }
}

/// The test's prospects among `records`: (version, body) by id.
fn test_prospects(records: &Records) -> BTreeMap<Uuid, (i64, Value)> {
    records
        .iter()
        .filter(|((entity, _), (_, body))| {
            *entity == Entity::Prospect
                && body["domain"]
                    .as_str()
                    .is_some_and(|d| d.ends_with(DOMAIN_SUFFIX))
        })
        .map(|((_, id), v)| (*id, v.clone()))
        .collect()
}

fn brief(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Applied { version } => format!("applied v{version}"),
        Outcome::Conflict { version, conflicts } => {
            let fields: Vec<String> = conflicts
                .iter()
                .map(|c| format!("{} (yours {}, theirs {})", c.field, c.yours, c.theirs))
                .collect();
            format!("conflict v{version} on {}", fields.join(", "))
        }
        Outcome::Refused { error } => format!("refused ({:?})", error.kind),
    }
}

/// One case: two of Sales's prospects everyone sees to start with, then the generated story, then
/// the end game. Fails with the story so far.
async fn run_case(case: &Case) -> Result<Tally> {
    let mut world = World::new(case.endgame.clone()).await?;
    let prelude = [
        Op::Create {
            on: Machine::Sales,
            for_sales: true,
        },
        Op::Create {
            on: Machine::Sales,
            for_sales: true,
        },
        Op::Sync { on: Machine::Sales },
        Op::Sync {
            on: Machine::Admin1,
        },
        Op::Sync {
            on: Machine::Admin2,
        },
    ];
    let mut result = Ok(());
    for op in prelude.iter().chain(&case.ops) {
        result = world.run(op).await.with_context(|| format!("at {op:?}"));
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = world.settle().await.context("in the end game");
    }
    if result.is_ok() {
        result = world.check_end().await.context("at the end");
    }
    match result {
        Ok(()) => Ok(world.tally),
        Err(e) => {
            // The cause first, then the step it happened at, then the story up to there.
            let mut causes: Vec<String> = e.chain().map(ToString::to_string).collect();
            causes.reverse();
            bail!(
                "{}\nthe story:\n  {}",
                causes.join("\n"),
                world.story.join("\n  ")
            )
        }
    }
}

#[test]
fn clients_converge_and_no_clash_is_silently_overwritten() {
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Uuid::new_v4().as_u64_pair().0);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        // Each case runs a server and three clients: shrink a while, not forever.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let total = Cell::new(Tally::default());
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| {
        let tally = runtime
            .block_on(run_case(&case))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut t = total.get();
        t.pushed += tally.pushed;
        t.conflicts += tally.conflicts;
        t.refusals += tally.refusals;
        t.clashes += tally.clashes;
        total.set(t);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n(rerun this exact run with PROPTEST_RNG_SEED={seed})");
    }
    let total = total.get();
    println!("{cases} cases (seed {seed}): {total:?}");
    assert!(
        total.conflicts > 0 && total.clashes > 0,
        "the cases never made two machines clash: {total:?} (seed {seed})"
    );
}
