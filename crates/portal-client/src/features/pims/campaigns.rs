//! The Campaigns page: every kit the firm receives with its campaign, drafts saved (offline too)
//! and deleted as queued changes, and the steps taken on the server (launch, pause, resume, end)
//! after the queued edits are pushed.

use super::render::{firm_campaign, offline_words, public_url};
use crate::{
    error::ClientError,
    lists::{pims as cached, refold},
    replica::outbox::{self, NewChange},
    Portal,
};
use chrono::Utc;
use portal_core::{
    ids::{CampaignId, CampaignKitId},
    pending::ChangeState,
    pims::{
        app::{CampaignForm, CampaignRow, CampaignView, KitList, KitRow},
        campaign::{refusal, Campaign, CampaignStep, CAMPAIGN_FIELDS},
        runs_marketing,
    },
    sync::{changed_fields, Change, Entity, MutationOp},
    ApiError, ErrorKind,
};
use uuid::Uuid;

fn refused(kind: ErrorKind, words: impl Into<String>) -> ClientError {
    ClientError::Refused(ApiError::new(kind, words))
}

fn not_yours() -> ClientError {
    refused(
        ErrorKind::Forbidden,
        "Only Marketing and Administrator users can prepare and run campaigns.",
    )
}

fn no_campaign() -> ClientError {
    refused(
        ErrorKind::NotFound,
        "This campaign is no longer here: it was deleted, here or by a colleague.",
    )
}

impl Portal {
    /// The kits, active first, then upcoming, then ended, each with the firm's campaign.
    pub async fn campaign_kits(&self) -> Result<KitList, ClientError> {
        let (scope, _) = self.me().await?;
        let may_run = runs_marketing(self.pims_role().await?);
        let server_url = self.session().await?.stored.server_url;
        let today = Utc::now().date_naive();
        let mut conn = self.cache.pool().acquire().await?;
        let kits = cached::kits(&mut conn, &scope).await?;
        let campaigns = cached::campaigns(&mut conn, &scope).await?;
        let leads = cached::leads(&mut conn, &scope).await?;
        let profile_missing = cached::profile(&mut conn, &scope)
            .await?
            .map(|p| p.value.missing())
            .unwrap_or_default();
        drop(conn);
        let mut rows: Vec<KitRow> = kits
            .into_iter()
            .map(|k| {
                let kit = k.value;
                let campaign = firm_campaign(campaigns.clone(), kit.id).map(|c| {
                    let c = c.value;
                    let received = leads
                        .iter()
                        .filter(|l| l.value.campaign_id == Some(c.id))
                        .count();
                    CampaignRow {
                        id: c.id,
                        name: c.name.clone(),
                        status: c.effective_status(&kit, today),
                        public_url: public_url(&server_url, &c),
                        leads: u32::try_from(received).unwrap_or(u32::MAX),
                    }
                });
                KitRow {
                    kit_id: kit.id,
                    phase: kit.phase(today),
                    starts_on: kit.starts_on,
                    ends_on: kit.ends_on,
                    name: kit.name,
                    summary: kit.summary,
                    products: kit.products,
                    campaign,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.phase, a.starts_on, &a.name, a.kit_id.0).cmp(&(
                b.phase,
                b.starts_on,
                &b.name,
                b.kit_id.0,
            ))
        });
        Ok(KitList {
            rows,
            may_run,
            profile_missing,
        })
    }

    /// Saves the editor as the kit's draft: created the first time, else an update of the changed
    /// `CAMPAIGN_FIELDS`; queued (offline too).
    pub async fn save_campaign_draft(
        &self,
        kit_id: CampaignKitId,
        form: CampaignForm,
    ) -> Result<CampaignView, ClientError> {
        if !runs_marketing(self.pims_role().await?) {
            return Err(not_yours());
        }
        let kit = self.held_kit(kit_id).await?;
        let (scope, me) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let held = firm_campaign(cached::campaigns(&mut tx, &scope).await?, kit_id);
        let mut next = match &held {
            Some(h) if !h.value.is_editable() => {
                return Err(refused(
                    ErrorKind::Conflict,
                    "This campaign has ended; its text can no longer be changed.",
                ))
            }
            Some(h) => h.value.clone(),
            None => Campaign::draft(CampaignId::from_uuid(Uuid::now_v7()), &kit, me, Utc::now()),
        };
        if !form.name.trim().is_empty() || held.is_some() {
            next.name = form.name.trim().to_owned();
        }
        // A region left empty shows the kit's own text.
        next.regions = form
            .regions
            .into_iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .collect();
        next.check(&kit).map_err(ClientError::Invalid)?;
        let body = serde_json::to_value(&next).expect("a campaign serializes");
        let op = match &held {
            None => MutationOp::Create { body },
            Some(h) => {
                let before = serde_json::to_value(&h.value).expect("a campaign serializes");
                let mut fields = changed_fields(&before, &body);
                fields.retain(|k, _| CAMPAIGN_FIELDS.contains(&k.as_str()));
                match outbox::edit(h.version, fields) {
                    Some(op) => op,
                    None => {
                        drop(tx);
                        return self.campaign_view(kit, held).await;
                    }
                }
            }
        };
        let change = NewChange {
            entity: Entity::Campaign,
            record_id: next.id.0,
            op,
            record_label: next.name.clone(),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.campaign(kit_id).await
    }

    /// Deletes a draft (queued).
    pub async fn delete_campaign_draft(&self, id: CampaignId) -> Result<(), ClientError> {
        if !runs_marketing(self.pims_role().await?) {
            return Err(not_yours());
        }
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let held = cached::campaigns(&mut tx, &scope)
            .await?
            .into_iter()
            .find(|c| c.id == id.0)
            .ok_or_else(no_campaign)?;
        if !held.value.is_deletable() {
            return Err(refused(
                ErrorKind::Conflict,
                "Only a draft can be deleted: a launched campaign keeps the history of its leads. \
                 End it instead.",
            ));
        }
        let change = NewChange {
            entity: Entity::Campaign,
            record_id: id.0,
            op: MutationOp::Delete {
                base_version: held.version,
            },
            record_label: held.value.name,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        Ok(())
    }

    /// Launches, pauses, resumes or ends the campaign on the server, after pushing the queued
    /// changes; the campaign as the server answers it. Offline, refused in words.
    pub async fn campaign_step(
        &self,
        id: CampaignId,
        step: CampaignStep,
    ) -> Result<CampaignView, ClientError> {
        if !runs_marketing(self.pims_role().await?) {
            return Err(not_yours());
        }
        let (scope, _) = self.me().await?;
        let find = || async {
            let mut conn = self.cache.pool().acquire().await?;
            cached::campaigns(&mut conn, &scope)
                .await?
                .into_iter()
                .find(|c| c.id == id.0)
                .ok_or_else(no_campaign)
        };
        let held = find().await?;
        let kit = self.held_kit(held.value.kit_id).await?;
        let profile = self.held_profile().await?.value;
        let today = Utc::now().date_naive();
        // The same rule the server applies, asked first: the words come at once, offline too.
        if let Some(words) = refusal(step, &held.value, &kit, &profile, today) {
            return Err(refused(ErrorKind::Conflict, words));
        }
        // The server takes the step on what it has: the queued edits go first.
        let link = self.sync_link().await?;
        let status = self.hub.run(&link).await;
        if status.connection == portal_core::shell::Connection::Offline {
            return Err(refused(ErrorKind::Offline, offline_words(step)));
        }
        let unsent = {
            let mut conn = self.cache.pool().acquire().await?;
            outbox::for_record(&mut conn, &scope, Entity::Campaign, id.0)
                .await?
                .iter()
                .any(|q| q.state != ChangeState::Synced)
        };
        if unsent {
            return Err(refused(
                ErrorKind::Conflict,
                "Changes to this campaign have not reached the server (see Pending Changes); \
                 settle them first, so the server launches what you see.",
            ));
        }
        let current = self.session().await?;
        let api = self.api(&current.stored.server_url);
        let answered = match api.campaign_step(&current.stored.token, id, step).await {
            Ok(c) => c,
            Err(e) if e.is_offline() => {
                return Err(refused(ErrorKind::Offline, offline_words(step)))
            }
            Err(e) => return Err(e),
        };
        // The answer is the server's copy now (at the version the cache has: the next pull brings
        // the newer one, with the same body).
        let held = find().await?;
        let change = Change {
            entity: Entity::Campaign,
            id: id.0,
            version: held.version,
            body: Some(serde_json::to_value(&answered).expect("a campaign serializes")),
        };
        let mut tx = self.cache.pool().begin().await?;
        refold::apply_change(&mut tx, &scope, &change, true).await?;
        tx.commit().await?;
        self.hub.trigger();
        self.campaign(kit.id).await
    }
}
