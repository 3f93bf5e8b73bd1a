//! Offline work and sync: the real client (its own cache directory each) against the real server on
//! 127.0.0.1:0 with a fresh, seeded database — offline work queued and synced ([`offline`]), merges
//! and conflicts ([`conflicts`]), the local rules and search ([`rules`]), pushes, resets and the
//! background sync ([`recovery`]), a large first sync ([`first_sync`]).

mod conflicts;
mod first_sync;
mod offline;
mod recovery;
mod rules;

use crate::support::{synced, ADMIN, SALES};
use anyhow::{Context, Result};
use chrono::{Days, Utc};
use portal_client::{http::ServerApi, Portal};
use portal_core::{
    deal::{DealAction, DealStatus},
    ids::{DealId, ProspectId},
    pending::{ChangeState, Resolution},
    prospect::{Contact, ProspectForm},
    registration::DealForm,
    sales::{DealQuery, ProspectQuery},
    shell::Connection,
    sync::{Entity, MutationOp, PushRequest},
    ErrorKind,
};
use portal_server::{seed::CONTESTED_DOMAIN, testing::TestServer};
use std::time::Duration;
use tempfile::TempDir;

/// A signed-in app instance with its own cache directory.
struct App {
    portal: Portal,
    dir: TempDir,
    stored: portal_client::StoredSession,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, stored) = crate::support::signed_in(dir.path(), &server.base_url(), email).await?;
    Ok(App {
        portal,
        dir,
        stored,
    })
}

/// A signed-in app instance that has synced once.
async fn synced_app(server: &TestServer, email: &str) -> Result<App> {
    let app = app(server, email).await?;
    synced(&app.portal).await?;
    Ok(app)
}

/// Syncs, and insists that nothing is left waiting for the server or needing the user.
async fn settled(portal: &Portal) -> Result<()> {
    let status = synced(portal).await?;
    anyhow::ensure!(
        (status.pending, status.needs_attention) == (0, 0),
        "not settled: {status:?}"
    );
    Ok(())
}

/// A fresh seeded server, and the sales rep's app synced once.
async fn with_rep() -> Result<(TestServer, App)> {
    let server = TestServer::spawn_seeded().await?;
    let sales = synced_app(&server, SALES).await?;
    Ok((server, sales))
}

/// A fresh seeded server, and the sales rep's and the administrator's apps, each synced once.
async fn with_rep_and_admin() -> Result<(TestServer, App, App)> {
    let (server, sales) = with_rep().await?;
    let admin = synced_app(&server, ADMIN).await?;
    Ok((server, sales, admin))
}

fn prospect_form(company: &str, domain: &str) -> ProspectForm {
    ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        sector: "Retail".into(),
        mailboxes: "120".into(),
        primary_contact: Contact {
            first_name: "Zelda".into(),
            last_name: "Quince".into(),
            email: format!("zelda@{domain}"),
            ..Contact::default()
        },
        ..ProspectForm::default()
    }
}

fn deal_form(prospect: ProspectId) -> DealForm {
    DealForm {
        prospect_id: Some(prospect),
        products: vec!["Bastion Archive".into()],
        estimated_value: "18,000".into(),
        expected_close: (Utc::now().date_naive() + Days::new(60)).to_string(),
        ..DealForm::default()
    }
}

fn search(text: &str) -> ProspectQuery {
    ProspectQuery {
        search: text.into(),
        ..ProspectQuery::default()
    }
}

async fn find(portal: &Portal, company: &str) -> Result<ProspectId> {
    let list = portal.prospects(search(company)).await?;
    list.rows
        .iter()
        .find(|r| r.company_name == company)
        .map(|r| r.id)
        .with_context(|| format!("{company} is not in the list"))
}
