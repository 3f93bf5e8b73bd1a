//! Running a case against the real server and three real clients: the world they share, and
//! each step of the case ([`actions`]) checked as it goes and at the end ([`checks`]).

mod actions;
mod checks;

use super::*;

pub(crate) struct Client {
    pub(crate) machine: Machine,
    pub(crate) portal: Portal,
    pub(crate) stored: StoredSession,
    pub(crate) client_id: Uuid,
    pub(crate) _dir: tempfile::TempDir,
}

impl Client {
    pub(crate) fn scope(&self) -> String {
        self.stored.user_id.to_string()
    }

    /// The changes that the next sync pushes, in order.
    pub(crate) async fn pending(&self) -> Result<Vec<Mutation>> {
        let mut conn = self.portal.cache().pool().acquire().await?;
        Ok(outbox::next_batch(&mut conn, &self.scope(), MAX_PUSH).await?)
    }
}

/// A user's edit of one field, as the user meant it.
#[derive(Debug, Clone)]
pub(crate) struct Intent {
    pub(crate) machine: Machine,
    pub(crate) client: Uuid,
    pub(crate) record: Uuid,
    pub(crate) field: String,
    pub(crate) base: i64,
    pub(crate) value: Value,
    pub(crate) mutation_id: i64,
}

/// What became of a pushed mutation: its place in the order the server received pushes, and
/// the outcome.
#[derive(Debug, Clone)]
pub(crate) struct Pushed {
    pub(crate) seq: usize,
    pub(crate) outcome: Outcome,
    /// What became of each field an update sent (from the model, which agreed with the outcome).
    pub(crate) fates: BTreeMap<String, Fate>,
}

/// What a case did, for the end-of-run summary (and to be sure the cases were not vacuous).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    pub(crate) pushed: usize,
    pub(crate) conflicts: usize,
    pub(crate) refusals: usize,
    pub(crate) clashes: usize,
}

pub(crate) struct World {
    pub(crate) _server: TestServer,
    pub(crate) base: String,
    pub(crate) clients: Vec<Client>,
    pub(crate) sales_user: UserId,
    pub(crate) model: Model,
    /// "P<n>" by record id, in order of creation.
    pub(crate) labels: BTreeMap<Uuid, String>,
    pub(crate) created: u32,
    pub(crate) intents: Vec<Intent>,
    pub(crate) pushed: BTreeMap<(Uuid, i64), Pushed>,
    pub(crate) story: Vec<String>,
    pub(crate) tally: Tally,
    pub(crate) endgame: Vec<bool>,
    pub(crate) endgame_turn: usize,
}

pub(crate) const DOMAIN_SUFFIX: &str = ".conv.example";

impl World {
    pub(crate) async fn new(endgame: Vec<bool>) -> Result<World> {
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

    pub(crate) fn client(&self, machine: Machine) -> &Client {
        &self.clients[machine as usize]
    }

    pub(crate) fn label(&self, id: Uuid) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub(crate) fn tell(&mut self, line: String) {
        self.story.push(line);
    }

    /// The test's prospects the machine's view shows, in order of creation.
    pub(crate) async fn visible(&self, machine: Machine) -> Result<Vec<ProspectId>> {
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
    pub(crate) async fn queued_by(
        &self,
        machine: Machine,
        before: &[Mutation],
    ) -> Result<Option<Mutation>> {
        let after = self.client(machine).pending().await?;
        ensure!(
            after.len() <= before.len() + 1 && after[..before.len().min(after.len())] == *before,
            "one action queued more than one change, or changed queued ones"
        );
        Ok(after.get(before.len()).cloned())
    }
    pub(crate) async fn run(&mut self, op: &Op) -> Result<()> {
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
}
