//! What must hold after each sync and at the end: every view equals the server as that user may
//! see it, everyone settles, and no clash was silently overwritten.

use super::*;

impl World {
    /// Right after its sync, a machine shows the test's prospects exactly as the server holds them
    /// for its user, in the detail view and in the list.
    pub(crate) async fn check_view(&self, on: Machine) -> Result<()> {
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
    pub(crate) async fn settle(&mut self) -> Result<()> {
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
    pub(crate) async fn check_end(&mut self) -> Result<()> {
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
    pub(crate) fn check_clashes(&mut self) -> Result<()> {
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
