//! The Lead Inbox: the firm's leads filtered and counted by state (as of now, with decisions made
//! here on top), a lead's page (a domain clash with a prospect shown before the user tries, the
//! owners the user may choose), and accepting or declining as a queued `lead_decision`.

use crate::{
    error::ClientError,
    lists::pims::{self as cached, Mark},
    replica::outbox::NewChange,
    Portal,
};
use chrono::{DateTime, Utc};
use portal_core::{
    ids::{LeadId, ProspectId},
    pims::{
        app::{AcceptForm, DeclineForm, LeadDetail, LeadList, LeadQuery, LeadRow, OwnerOption},
        lead::{decision_refusal, Decision, Lead, LeadDecision, LeadState},
        works_leads,
    },
    role::Role,
    sync::{Entity, MutationOp},
    ApiError, ErrorKind,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The snapshot the lead owners are kept under.
const LEAD_OWNERS: &str = "lead_owners";

/// The state a decision queued here gives the lead until the server answers.
fn decided(d: &LeadDecision) -> LeadState {
    match d.decision {
        Decision::Accept { .. } => LeadState::Accepted,
        Decision::Decline { .. } => LeadState::Declined,
    }
}

/// A lead as the inbox lists it, as of `now`, with a decision queued here on top.
pub(crate) fn row(lead: &Lead, queued: Option<&LeadDecision>, now: DateTime<Utc>) -> LeadRow {
    let state = queued.map_or_else(|| lead.state_at(now), decided);
    LeadRow {
        id: lead.id,
        name: lead.name.clone(),
        company: lead.company.clone(),
        email: lead.email.to_string(),
        origin: lead.origin.clone(),
        source: lead.source,
        received_at: lead.received_at,
        state,
        countdown: (state == LeadState::Pending)
            .then(|| lead.countdown(now))
            .flatten(),
        unsynced: queued.is_some(),
    }
}

/// Whether the lead matches every word of the search in its name, company, email or origin.
fn matches(lead: &Lead, search: &str) -> bool {
    let haystack = format!(
        "{} {} {} {}",
        lead.name, lead.company, lead.email, lead.origin
    )
    .to_lowercase();
    search
        .to_lowercase()
        .split_whitespace()
        .all(|w| haystack.contains(w))
}

fn no_lead() -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::NotFound,
        "This lead is no longer in your inbox: the vendor took it back, or it is not meant for you.",
    ))
}

impl Portal {
    /// The firm's leads with the decisions queued here, newest first.
    pub(crate) async fn held_leads(
        &self,
    ) -> Result<(Vec<Lead>, HashMap<LeadId, LeadDecision>), ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let mut leads: Vec<Lead> = cached::leads(&mut conn, &scope)
            .await?
            .into_iter()
            .map(|l| l.value)
            .collect();
        leads.sort_by_key(|l| std::cmp::Reverse((l.received_at, l.id.0)));
        let queued = cached::queued_decisions(&mut conn, &scope).await?;
        Ok((leads, queued))
    }

    /// The leads matching `query`, newest first, and how many are in each state.
    pub async fn leads(&self, query: &LeadQuery) -> Result<LeadList, ClientError> {
        let (leads, queued) = self.held_leads().await?;
        let now = Utc::now();
        let found: Vec<LeadRow> = leads
            .iter()
            .filter(|l| matches(l, &query.search))
            .map(|l| row(l, queued.get(&l.id), now))
            .collect();
        let counts = LeadState::ALL
            .into_iter()
            .map(|s| {
                let n = found.iter().filter(|r| r.state == s).count();
                (s, u32::try_from(n).unwrap_or(u32::MAX))
            })
            .collect();
        let rows = found
            .into_iter()
            .filter(|r| query.state.is_none_or(|s| r.state == s))
            .collect();
        Ok(LeadList { rows, counts })
    }

    /// One lead; opening it counts as having looked at it.
    pub async fn lead(&self, id: LeadId) -> Result<LeadDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let role = self.pims_role().await?;
        let (leads, queued) = self.held_leads().await?;
        let lead = leads.into_iter().find(|l| l.id == id).ok_or_else(no_lead)?;
        let now = Utc::now();
        let shown = row(&lead, queued.get(&id), now);
        let (clash, domain_problem) = {
            let mut conn = self.cache.pool().acquire().await?;
            cached::set_mark(&mut conn, &scope, Mark::Seen, &[id], now).await?;
            match lead.domain() {
                Ok(d) => (
                    cached::prospect_with_domain(&mut conn, &scope, d.as_str()).await?,
                    None,
                ),
                // The prospect's domain rule, in its words: accepting would be refused for it.
                Err(e) => (None, Some(e.message)),
            }
        };
        let owners = self.lead_owners(role, me).await?;
        Ok(LeadDetail {
            may_decide: shown.state == LeadState::Pending && works_leads(role) && !shown.unsynced,
            state: shown.state,
            countdown: shown.countdown,
            unsynced: shown.unsynced,
            clash,
            domain_problem,
            owners,
            lead,
        })
    }

    /// Who may be made the prospect's owner (`pims::may_own_lead`, asked of the server and kept for
    /// offline); never fetched yet and offline, the user alone.
    async fn lead_owners(
        &self,
        role: Role,
        me: portal_core::ids::UserId,
    ) -> Result<Vec<OwnerOption>, ClientError> {
        let mut owners = match self
            .snapshot(LEAD_OWNERS, |api, token| async move {
                api.lead_owners(&token).await
            })
            .await
        {
            Ok(s) => s.data,
            Err(e) if e.is_offline() => Vec::new(),
            Err(e) => return Err(e),
        };
        if role == Role::Sales {
            owners.retain(|o| o.id == me);
        }
        if !owners.iter().any(|o| o.id == me) {
            let (scope, _) = self.me().await?;
            let mut conn = self.cache.pool().acquire().await?;
            let name = crate::store::names::person(&mut conn, &scope, &scope)
                .await?
                .unwrap_or_else(|| "Me".to_owned());
            owners.insert(0, OwnerOption { id: me, name });
        }
        Ok(owners)
    }

    /// Queues a decision on the lead after the checks the server makes (too late, already
    /// decided here, the decision's own fields).
    async fn decide(&self, id: LeadId, decision: Decision) -> Result<LeadDetail, ClientError> {
        let role = self.pims_role().await?;
        if !works_leads(role) {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Forbidden,
                "Only Marketing, Sales and Administrator users work leads.",
            )));
        }
        let (scope, me) = self.me().await?;
        let (leads, queued) = self.held_leads().await?;
        let lead = leads.into_iter().find(|l| l.id == id).ok_or_else(no_lead)?;
        if queued.contains_key(&id) {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                "You have already decided on this lead; your decision is waiting to reach the server.",
            )));
        }
        let now = Utc::now();
        if let Some(too_late) = decision_refusal(&lead, now) {
            return Err(ClientError::Refused(too_late));
        }
        let body = LeadDecision {
            lead_id: id,
            decision,
            at: now,
        };
        body.check().map_err(ClientError::Invalid)?;
        let mut tx = self.cache.pool().begin().await?;
        if let Decision::Accept {
            prospect_id,
            owner_id,
            next_step,
        } = &body.decision
        {
            if role == Role::Sales && *owner_id != me {
                return Err(ClientError::Invalid(ApiError::invalid(
                    "owner_id",
                    "A Sales user takes a lead as their own prospect.",
                )));
            }
            // The prospect it becomes must pass the prospect's rules (its domain among them).
            let prospect = lead
                .prospect(*prospect_id, *owner_id, next_step)
                .map_err(ClientError::Invalid)?;
            if let Some(other) =
                cached::prospect_with_domain(&mut tx, &scope, prospect.domain.as_str()).await?
            {
                return Err(ClientError::Refused(ApiError::new(
                    ErrorKind::Conflict,
                    format!(
                        "A prospect with the domain {} already exists: {}. Decline this lead as a \
                         duplicate, or work it from that prospect.",
                        prospect.domain, other.company_name
                    ),
                )));
            }
        }
        let change = NewChange {
            entity: Entity::LeadDecision,
            record_id: Uuid::now_v7(),
            op: MutationOp::Create {
                body: serde_json::to_value(&body).expect("a decision serializes"),
            },
            record_label: format!("Lead from {}", lead.name),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.lead(id).await
    }

    /// Accepts the lead into a new prospect (queued; the server's answer wins).
    pub async fn accept_lead(
        &self,
        id: LeadId,
        form: AcceptForm,
    ) -> Result<LeadDetail, ClientError> {
        self.decide(
            id,
            Decision::Accept {
                prospect_id: ProspectId::from_uuid(Uuid::now_v7()),
                owner_id: form.owner_id,
                next_step: form.next_step.trim().to_owned(),
            },
        )
        .await
    }

    /// Declines the lead with a reason (queued).
    pub async fn decline_lead(
        &self,
        id: LeadId,
        form: DeclineForm,
    ) -> Result<LeadDetail, ClientError> {
        self.decide(
            id,
            Decision::Decline {
                reason: form.reason,
                note: form.note.trim().to_owned(),
            },
        )
        .await
    }
}
