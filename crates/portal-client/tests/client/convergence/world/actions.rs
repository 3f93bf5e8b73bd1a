//! The steps of a case on one machine — create, edit, delete, resolve a conflict, sync — each
//! checked to queue exactly the change it means, and its outcome checked against the model.

use super::*;

impl World {
    pub(crate) async fn create(&mut self, on: Machine, for_sales: bool) -> Result<()> {
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

    pub(crate) async fn edit(
        &mut self,
        on: Machine,
        pick: u8,
        field: Field,
        value: u8,
    ) -> Result<()> {
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

    pub(crate) async fn delete(&mut self, on: Machine, pick: u8) -> Result<()> {
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

    pub(crate) async fn resolve_oldest(&mut self, on: Machine, keep_mine: bool) -> Result<()> {
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

    pub(crate) async fn resolve(
        &mut self,
        on: Machine,
        mutation_id: i64,
        keep_mine: bool,
    ) -> Result<()> {
        let client = self.client(on);
        let scope = client.scope();
        let (entry, server_version) = {
            let mut conn = client.portal.cache().pool().acquire().await?;
            let entry = outbox::get(&mut conn, &scope, mutation_id)
                .await?
                .context("the conflict is in the outbox")?;
            let copy = copy::server_copy(&mut conn, &scope, entry.entity, entry.record_id).await?;
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
    pub(crate) async fn sync(&mut self, on: Machine) -> Result<()> {
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
}
