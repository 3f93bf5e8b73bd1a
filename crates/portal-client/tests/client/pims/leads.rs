//! The Lead Inbox: a lead accepted offline becomes a prospect after the sync; a lead that expired
//! on the server meanwhile is refused, and Pending Changes says so in the server's words; a
//! domain clash with a prospect is shown before anyone tries; no firm sees another's leads.

use super::*;
use chrono::Utc;
use portal_core::{
    pending::ChangeState,
    pims::{
        app::{AcceptForm, DeclineForm, LeadQuery},
        lead::{DeclineReason, LeadState},
    },
    sales::ProspectQuery,
    ErrorKind,
};

#[tokio::test]
async fn a_lead_accepted_offline_becomes_a_prospect_after_the_sync() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let marketing = App::new(&server, MARKETING).await?;
    let firm = marketing.firm().await?;
    let lead = give_lead(
        &server,
        firm,
        "Ada Lovelace",
        "ada@analytical-engines.example",
        None,
    )
    .await?;
    synced(&marketing.portal).await?;

    let inbox = marketing.portal.leads(&LeadQuery::default()).await?;
    let row = inbox
        .rows
        .iter()
        .find(|r| r.id == lead.id)
        .context("the lead is listed")?;
    assert_eq!(row.state, LeadState::Pending);
    assert!(row
        .countdown
        .as_deref()
        .is_some_and(|c| c.ends_with("left")));
    // Announced once; new until opened.
    let told = marketing.portal.leads_to_announce().await?;
    assert!(told.newest.iter().any(|r| r.id == lead.id));
    assert_eq!(marketing.portal.leads_to_announce().await?.count, 0);
    let before = marketing.portal.new_leads().await?.count;
    assert!(before >= 1);

    let open = marketing.portal.dashboard().await?.figures.new_leads;
    assert!(open.is_some_and(|n| n >= 1), "{open:?}");
    let me = marketing.stored.user_id;
    let detail = marketing.portal.lead(lead.id).await?;
    assert_eq!(marketing.portal.new_leads().await?.count, before - 1);
    assert!(detail.may_decide);
    assert!(detail.clash.is_none() && detail.domain_problem.is_none());
    assert!(detail.owners.iter().any(|o| o.id == me));
    // Marketing routes leads to the firm's people who work them, not only to itself.
    assert!(detail.owners.len() >= 3, "{:?}", detail.owners);

    server.stop().await?;
    // The decision's own rule first.
    let err = marketing
        .portal
        .accept_lead(
            lead.id,
            AcceptForm {
                owner_id: me,
                next_step: " ".into(),
            },
        )
        .await
        .expect_err("a next step is needed");
    assert_eq!(err.to_api_error().field.as_deref(), Some("next_step"));
    let accepted = marketing
        .portal
        .accept_lead(
            lead.id,
            AcceptForm {
                owner_id: me,
                next_step: "Call on Tuesday".into(),
            },
        )
        .await?;
    assert_eq!(accepted.state, LeadState::Accepted);
    assert!(accepted.unsynced && !accepted.may_decide);
    assert_eq!(
        marketing.portal.dashboard().await?.figures.new_leads,
        open.map(|n| n - 1),
        "a decided lead is no longer open"
    );
    let listed = marketing
        .portal
        .leads(&LeadQuery {
            state: Some(LeadState::Accepted),
            search: "lovelace".into(),
        })
        .await?;
    assert_eq!(listed.rows.len(), 1);
    assert!(listed.rows[0].unsynced);
    assert!(listed.counts.contains(&(LeadState::Accepted, 1)));
    let change = &marketing.portal.pending_changes().await?[0];
    assert_eq!(change.record_label, "Lead from Ada Lovelace");
    assert_eq!(
        change.summary,
        "Accepted into a prospect (next step: Call on Tuesday)"
    );

    server.start().await?;
    let status = synced(&marketing.portal).await?;
    assert_eq!((status.pending, status.needs_attention), (0, 0));
    let detail = marketing.portal.lead(lead.id).await?;
    assert_eq!(detail.state, LeadState::Accepted);
    assert!(!detail.unsynced);
    let prospect_id = detail.lead.prospect_id.context("the prospect it became")?;
    let admin = App::new(&server, crate::support::ADMIN).await?;
    let prospect = admin.portal.prospect(prospect_id).await?;
    assert_eq!(
        prospect.prospect.domain.as_str(),
        "analytical-engines.example"
    );
    assert_eq!(prospect.prospect.owner_id, me);
    assert!(prospect.prospect.notes.contains("Call on Tuesday"));
    Ok(())
}

/// Ends the lead's window an hour ago in the server's database (the server is stopped), as the
/// days passing would; the server's sweep then expires it when it runs.
fn end_window(server: &TestServer, lead: portal_core::ids::LeadId) -> Result<()> {
    let past = Utc::now() - chrono::Duration::hours(1);
    let db = rusqlite::Connection::open(server.database_path())?;
    let changed = db.execute(
        "UPDATE leads SET expires_at = ?2, body = json_set(body, '$.expires_at', ?3) WHERE id = ?1",
        rusqlite::params![
            lead.to_string(),
            past.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            serde_json::to_value(past)?.as_str().context("an instant")?,
        ],
    )?;
    anyhow::ensure!(changed == 1, "the lead is in the server's database");
    Ok(())
}

#[tokio::test]
async fn a_lead_that_expired_on_the_server_meanwhile_refuses_the_decision_in_words() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let marketing = App::new(&server, MARKETING).await?;
    let lead = give_lead(
        &server,
        marketing.firm().await?,
        "Ada Lovelace",
        "ada@difference-engines.example",
        None,
    )
    .await?;
    synced(&marketing.portal).await?;

    // Decided offline while the lead was open here…
    server.stop().await?;
    let declined = marketing
        .portal
        .decline_lead(
            lead.id,
            DeclineForm {
                reason: DeclineReason::NoCapacity,
                note: String::new(),
            },
        )
        .await?;
    assert_eq!(declined.state, LeadState::Declined);
    assert!(declined.unsynced);
    // …while on the server its window ran out and the sweep expired it.
    end_window(&server, lead.id)?;
    server.start().await?;
    // The server's sweep expires it (its own job may have run first on start: either way, once
    // this returns the lead is expired on the server).
    let storage = server.storage().await?;
    use portal_server::sync::pims::leads;
    leads::expire_leads(&storage, Utc::now()).await?;
    let expired = leads::list(&storage, LeadState::Expired).await?;
    storage.close().await;
    assert!(expired.iter().any(|l| l.lead.id == lead.id));

    let status = marketing.portal.sync_now().await?;
    assert_eq!(status.needs_attention, 1, "{status:?}");
    let change = marketing
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.record_label == "Lead from Ada Lovelace")
        .context("the decision is listed")?;
    assert_eq!(change.state, ChangeState::Refused);
    assert_eq!(change.summary, "Declined: We can't take it on now");
    let words = change.error.context("the server's words")?.message;
    assert!(
        words.starts_with("The lead from Ada Lovelace expired on ")
            && words.contains("before your decision reached the server"),
        "{words}"
    );
    // The inbox shows what the server says: expired, nothing waiting.
    let detail = marketing.portal.lead(lead.id).await?;
    assert_eq!(detail.state, LeadState::Expired);
    assert!(!detail.unsynced && !detail.may_decide);
    Ok(())
}

#[tokio::test]
async fn a_domain_clash_with_a_prospect_is_shown_and_accepting_is_refused() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = App::new(&server, crate::support::ADMIN).await?;
    let existing = admin
        .portal
        .prospects(ProspectQuery::default())
        .await?
        .rows
        .into_iter()
        .next()
        .context("a seeded prospect")?;
    let firm = admin.firm().await?;
    let lead = give_lead(
        &server,
        firm,
        "Grace Hopper",
        &format!("grace@{}", existing.domain),
        None,
    )
    .await?;
    synced(&admin.portal).await?;
    let detail = admin.portal.lead(lead.id).await?;
    let clash = detail.clash.context("the clash is shown")?;
    assert_eq!(clash.company_name, existing.company_name);
    let err = admin
        .portal
        .accept_lead(
            lead.id,
            AcceptForm {
                owner_id: admin.stored.user_id,
                next_step: "Call".into(),
            },
        )
        .await
        .expect_err("the domain is taken");
    assert!(
        err.to_string().contains("already exists")
            && err.to_string().contains(&existing.company_name),
        "{err}"
    );
    // Declining it as a duplicate is fine.
    let declined = admin
        .portal
        .decline_lead(
            lead.id,
            DeclineForm {
                reason: DeclineReason::Duplicate,
                note: String::new(),
            },
        )
        .await?;
    assert_eq!(declined.state, LeadState::Declined);
    synced(&admin.portal).await?;
    assert_eq!(
        admin.portal.lead(lead.id).await?.lead.state,
        LeadState::Declined
    );
    Ok(())
}

#[tokio::test]
async fn a_firm_never_sees_another_firms_leads() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let northwind = App::new(&server, crate::support::ADMIN).await?;
    let bluefin = App::new(&server, BLUEFIN).await?;
    let lead = give_lead(
        &server,
        northwind.firm().await?,
        "Alan Turing",
        "alan@bletchley.example",
        None,
    )
    .await?;
    synced(&northwind.portal).await?;
    synced(&bluefin.portal).await?;
    assert!(northwind
        .portal
        .leads(&LeadQuery::default())
        .await?
        .rows
        .iter()
        .any(|r| r.id == lead.id));
    let theirs = bluefin.portal.leads(&LeadQuery::default()).await?;
    assert!(theirs.rows.iter().all(|r| r.id != lead.id));
    assert!(bluefin.portal.lead(lead.id).await.is_err());
    let err = bluefin
        .portal
        .decline_lead(
            lead.id,
            DeclineForm {
                reason: DeclineReason::NotAFit,
                note: String::new(),
            },
        )
        .await
        .expect_err("not theirs");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    Ok(())
}
