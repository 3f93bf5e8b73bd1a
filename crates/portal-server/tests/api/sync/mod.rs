//! The sync protocol over real HTTP: pulls and who receives what ([`pull`]), pushes and their
//! outcomes, the field merge and idempotence ([`push`]), deal adjudication, expiry and domain
//! checks ([`deals`]), the horizon reset and the housekeeping ([`horizon`]). This module holds what
//! they share: an installation's pulls, and the prospects, deals and mutations they push.

mod deals;
mod horizon;
mod pull;
mod push;

use crate::support::{applied, create, database, refused, today, Installation};
use anyhow::{Context, Result};
use chrono::Days;
use portal_core::deal::{DealAction, DealStatus};
use portal_core::ids::{DealId, ProspectId, UserId};
use portal_core::prospect::{Prospect, ProspectForm};
use portal_core::registration::{Deal, DealForm};
use portal_core::sales::DomainCheckResponse;
use portal_core::sync::{
    Change, Entity, Mutation, MutationOp, Outcome, PullResponse, PushResponse, MAX_PAGE, MAX_PUSH,
};
use portal_core::ErrorKind;
use portal_server::seed::{CONTESTED_COMPANY, CONTESTED_DOMAIN};
use portal_server::testing::TestServer;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use uuid::Uuid;

/// One installation of the app, signed in as a demo user.
type Client = Installation;

impl Client {
    async fn pull_page(&self, after: i64, limit: u32) -> Result<PullResponse> {
        let reply = self
            .get(&format!("/api/v1/sync/changes?after={after}&limit={limit}"))
            .await?;
        anyhow::ensure!(reply.status == 200, "pull after {after}: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    /// Every page after `after`: the changes, and the cursor to keep.
    async fn pull(&self, after: i64) -> Result<(Vec<Change>, i64)> {
        let (mut changes, mut cursor) = (Vec::new(), after);
        loop {
            let page = self.pull_page(cursor, 1000).await?;
            anyhow::ensure!(!page.reset, "unexpected reset");
            changes.extend(page.changes);
            cursor = page.cursor;
            if !page.more {
                return Ok((changes, cursor));
            }
        }
    }

    async fn domain_check(&self, domain: &str) -> Result<DomainCheckResponse> {
        let reply = self
            .get(&format!("/api/v1/prospects/domain-check?domain={domain}"))
            .await?;
        anyhow::ensure!(reply.status == 200, "{reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }
}

/// A seeded server, and Northwind's salesperson signed in to it on one installation.
async fn seeded_with_sales() -> Result<(TestServer, Client)> {
    let server = TestServer::spawn_seeded().await?;
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    Ok((server, sales))
}

fn new_prospect(owner: UserId, company: &str, domain: &str) -> Prospect {
    let form = ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        mailboxes: "250".into(),
        ..ProspectForm::default()
    };
    form.parse(ProspectId::from_uuid(Uuid::now_v7()), owner)
        .expect("a valid prospect")
}

fn new_deal(owner: UserId, prospect: ProspectId) -> Deal {
    let form = DealForm {
        prospect_id: Some(prospect),
        products: vec!["Bastion Email Security Gateway".into()],
        estimated_value: "12,500".into(),
        expected_close: (today() + Days::new(60)).to_string(),
        ..DealForm::default()
    };
    form.parse(DealId::from_uuid(Uuid::now_v7()), owner, today())
        .expect("a valid deal")
}

fn update(base_version: i64, fields: Value) -> MutationOp {
    MutationOp::Update {
        base_version,
        fields: fields.as_object().expect("an object").clone(),
    }
}

fn act(action: DealAction) -> MutationOp {
    MutationOp::Act {
        base_version: 0,
        action: action.into(),
    }
}

/// The latest change to `id` among `changes`.
fn latest(changes: &[Change], id: Uuid) -> Option<&Change> {
    changes.iter().rev().find(|c| c.id == id)
}

fn bodies<T: serde::de::DeserializeOwned>(changes: &[Change], entity: Entity) -> Vec<T> {
    changes
        .iter()
        .filter(|c| c.entity == entity)
        .filter_map(|c| c.body.clone())
        .map(|b| serde_json::from_value(b).expect("the portal-core shape"))
        .collect()
}
