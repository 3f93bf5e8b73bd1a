//! Offline work and sync: the real client (its own cache directory each) against the real server on
//! 127.0.0.1:0 with a fresh, seeded database.

mod support;

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
use support::{synced, ADMIN, SALES};
use tempfile::TempDir;

/// A signed-in app instance with its own cache directory.
struct App {
    portal: Portal,
    dir: TempDir,
    stored: portal_client::StoredSession,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, stored) = support::signed_in(dir.path(), &server.base_url(), email).await?;
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

#[tokio::test]
async fn offline_work_is_queued_then_synced_and_seen_by_a_colleague() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    let first = synced(&sales.portal).await?;
    assert_eq!(first.connection, Connection::Online);
    assert!(first.last_synced.is_some());
    assert!(
        !sales.portal.product_names().await?.is_empty(),
        "the price book came with the first sync"
    );

    server.stop().await?;
    let created = sales
        .portal
        .save_prospect(None, prospect_form("Quince Foods", "quincefoods.example"))
        .await?;
    let id = created.prospect.id;
    assert!(created.pending);
    assert_eq!(created.version, 0, "the server has not seen it");
    let mut form = ProspectForm::from_prospect(&created.prospect);
    form.notes = "Met at the trade fair.".into();
    let edited = sales.portal.save_prospect(Some(id), form).await?;
    assert_eq!(edited.prospect.notes, "Met at the trade fair.");
    let deal = sales.portal.save_deal(None, deal_form(id)).await?;
    assert_eq!(deal.deal.status, DealStatus::Draft);
    assert_eq!(deal.prospect_name, "Quince Foods");
    let submitted = sales
        .portal
        .deal_action(deal.deal.id, DealAction::Submit)
        .await?;
    assert_eq!(submitted.deal.status, DealStatus::Submitted);
    assert!(submitted.waiting_for_server);

    let changes = sales.portal.pending_changes().await?;
    let summaries: Vec<_> = changes.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["Submitted", "Created", "Edited notes", "Created"]
    );
    assert!(changes.iter().all(|c| c.state == ChangeState::Pending));
    assert_eq!(changes[3].record_label, "Quince Foods");
    let offline = sales.portal.sync_now().await?;
    assert_eq!(offline.connection, Connection::Offline);
    assert_eq!(offline.pending, 4);
    assert_eq!(offline.last_error.map(|e| e.kind), Some(ErrorKind::Offline));
    // The lists show the offline work.
    let list = sales.portal.prospects(search("quince")).await?;
    assert_eq!(list.total, 1);
    assert!(list.rows[0].pending);
    let deals = sales
        .portal
        .deals(DealQuery {
            search: "quince".into(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(deals.total, 1);
    assert!(deals.rows[0].waiting_for_server);

    server.start().await?;
    settled(&sales.portal).await?;
    let changes = sales.portal.pending_changes().await?;
    assert!(changes.iter().all(|c| c.state == ChangeState::Synced));
    let detail = sales.portal.deal(deal.deal.id).await?;
    assert_eq!(detail.deal.status, DealStatus::Approved, "decided at once");
    assert!(detail.deal.expires_on.is_some());
    assert!(!detail.waiting_for_server && !detail.pending);
    let number = detail
        .deal
        .number
        .clone()
        .context("numbered by the server")?;
    let prospect = sales.portal.prospect(id).await?;
    assert!(prospect.version > 0 && !prospect.pending);
    assert_eq!(prospect.prospect.notes, "Met at the trade fair.");
    assert_eq!(prospect.deals.len(), 1);

    // The firm's administrator, on another machine, sees both.
    let admin = synced_app(&server, ADMIN).await?;
    let seen = admin.portal.prospect(id).await?;
    assert_eq!(seen.prospect.notes, "Met at the trade fair.");
    assert_eq!(seen.prospect.owner_id, sales.stored.user_id);
    let by_number = admin
        .portal
        .deals(DealQuery {
            search: number.to_lowercase(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(by_number.total, 1);
    assert_eq!(by_number.rows[0].status, DealStatus::Approved);
    assert_eq!(by_number.rows[0].prospect_name, "Quince Foods");
    Ok(())
}

#[tokio::test]
async fn edits_to_different_fields_merge() -> Result<()> {
    let (_server, sales, admin) = with_rep_and_admin().await?;
    let id = find(&sales.portal, "Adatum Corporation").await?;

    let mut mine = ProspectForm::from_prospect(&sales.portal.prospect(id).await?.prospect);
    mine.notes = "Wants a pilot in March.".into();
    sales.portal.save_prospect(Some(id), mine).await?;
    let mut theirs = ProspectForm::from_prospect(&admin.portal.prospect(id).await?.prospect);
    theirs.sector = "Insurance".into();
    admin.portal.save_prospect(Some(id), theirs).await?;

    synced(&sales.portal).await?;
    let status = synced(&admin.portal).await?;
    assert_eq!(
        status.needs_attention, 0,
        "different fields do not conflict"
    );
    synced(&sales.portal).await?;
    for portal in [&sales.portal, &admin.portal] {
        let p = portal.prospect(id).await?.prospect;
        assert_eq!(p.notes, "Wants a pilot in March.");
        assert_eq!(p.sector, "Insurance");
    }
    Ok(())
}

#[tokio::test]
async fn a_same_field_conflict_is_shown_and_either_side_can_win() -> Result<()> {
    let (_server, sales, admin) = with_rep_and_admin().await?;
    let id = find(&sales.portal, "Tailspin Toys").await?;

    async fn set_notes(portal: &Portal, id: ProspectId, notes: &str) -> Result<()> {
        let mut f = ProspectForm::from_prospect(&portal.prospect(id).await?.prospect);
        f.notes = notes.into();
        portal.save_prospect(Some(id), f).await?;
        Ok(())
    }

    // Round one: the sales rep keeps theirs.
    set_notes(&admin.portal, id, "Admin: call in May.").await?;
    set_notes(&sales.portal, id, "Sales: call in June.").await?;
    synced(&admin.portal).await?;
    let status = synced(&sales.portal).await?;
    assert_eq!(status.needs_attention, 1);
    let conflict = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Conflict)
        .context("the conflict is listed")?;
    assert_eq!(conflict.conflicts.len(), 1);
    assert_eq!(conflict.conflicts[0].field, "notes");
    assert_eq!(conflict.conflicts[0].yours, "Sales: call in June.");
    assert_eq!(conflict.conflicts[0].theirs, "Admin: call in May.");
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Admin: call in May.",
        "nothing unresolved is shown as if it were saved"
    );
    // Signing out would lose it.
    let refused = sales.portal.sign_out(false).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);

    sales
        .portal
        .resolve_change(conflict.mutation_id, Resolution::KeepMine)
        .await?;
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Sales: call in June."
    );
    settled(&sales.portal).await?;
    synced(&admin.portal).await?;
    assert_eq!(
        admin.portal.prospect(id).await?.prospect.notes,
        "Sales: call in June."
    );

    // Round two: the sales rep takes the server's.
    set_notes(&admin.portal, id, "Admin: lost interest.").await?;
    set_notes(&sales.portal, id, "Sales: still keen.").await?;
    synced(&admin.portal).await?;
    synced(&sales.portal).await?;
    let conflict = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Conflict)
        .context("the second conflict is listed")?;
    sales
        .portal
        .resolve_change(conflict.mutation_id, Resolution::TakeServer)
        .await?;
    settled(&sales.portal).await?;
    assert_eq!(
        sales.portal.prospect(id).await?.prospect.notes,
        "Admin: lost interest."
    );
    Ok(())
}

#[tokio::test]
async fn a_channel_conflict_is_refused_with_the_reason() -> Result<()> {
    let (_server, sales) = with_rep().await?;

    let check = sales.portal.check_domain(CONTESTED_DOMAIN, None).await?;
    assert!(check.checked_with_server);
    assert!(check.registered_elsewhere);
    assert!(check.existing.is_none());

    let prospect = sales
        .portal
        .save_prospect(None, prospect_form("Fabrikam", CONTESTED_DOMAIN))
        .await?;
    let deal = sales
        .portal
        .save_deal(None, deal_form(prospect.prospect.id))
        .await?;
    let submitted = sales
        .portal
        .deal_action(deal.deal.id, DealAction::Submit)
        .await?;
    assert!(submitted.waiting_for_server);

    let status = synced(&sales.portal).await?;
    assert_eq!((status.pending, status.needs_attention), (0, 1));
    let refused = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .find(|c| c.state == ChangeState::Refused)
        .context("the refusal is listed")?;
    assert_eq!(refused.summary, "Submitted");
    let error = refused.error.context("with the server's reason")?;
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(
        error.message.contains("Channel conflict"),
        "{}",
        error.message
    );
    let detail = sales.portal.deal(deal.deal.id).await?;
    assert_eq!(detail.deal.status, DealStatus::Rejected);
    assert!(detail
        .deal
        .status_reason
        .as_deref()
        .is_some_and(|r| r.contains("Channel conflict")));
    assert!(!detail.waiting_for_server);

    // It stays listed until dismissed.
    sales.portal.dismiss_change(refused.mutation_id).await?;
    assert_eq!(sales.portal.sync_status().await?.needs_attention, 0);
    assert_eq!(
        sales.portal.deal(deal.deal.id).await?.deal.status,
        DealStatus::Rejected
    );
    Ok(())
}

#[tokio::test]
async fn local_rules_refuse_before_anything_is_queued() -> Result<()> {
    let (mut server, sales) = with_rep().await?;

    let duplicate = sales
        .portal
        .save_prospect(
            None,
            prospect_form("Contoso Again", "https://www.contoso.example/"),
        )
        .await
        .unwrap_err();
    assert_eq!(duplicate.kind(), ErrorKind::InvalidInput);
    let api = duplicate.to_api_error();
    assert_eq!(api.field.as_deref(), Some("domain"));
    assert!(api.message.contains("Contoso Ltd"), "{}", api.message);

    let bad = sales
        .portal
        .save_prospect(None, prospect_form("", "not a domain"))
        .await
        .unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::InvalidInput);

    let contoso = find(&sales.portal, "Contoso Ltd").await?;
    let approved = sales.portal.prospect(contoso).await?.deals[0].id;
    let withdraw = sales
        .portal
        .deal_action(approved, DealAction::Withdraw)
        .await
        .unwrap_err();
    assert_eq!(withdraw.kind(), ErrorKind::Conflict);
    assert!(withdraw.to_string().contains("approved"), "{withdraw}");
    assert_eq!(
        sales.portal.delete_deal(approved).await.unwrap_err().kind(),
        ErrorKind::Conflict
    );
    assert_eq!(
        sales
            .portal
            .delete_prospect(contoso)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::Conflict
    );
    assert!(sales.portal.pending_changes().await?.is_empty());

    server.stop().await?;
    let check = sales
        .portal
        .check_domain("ann@contoso.example", None)
        .await?;
    assert!(!check.checked_with_server);
    assert_eq!(check.domain, "contoso.example");
    assert_eq!(
        check.existing.map(|e| e.company_name).as_deref(),
        Some("Contoso Ltd")
    );
    let own = sales
        .portal
        .check_domain("contoso.example", Some(contoso))
        .await?;
    assert!(
        own.existing.is_none(),
        "the prospect being edited is not a duplicate"
    );
    Ok(())
}

#[tokio::test]
async fn search_matches_substrings_ignoring_case() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = synced_app(&server, ADMIN).await?;
    let all = admin.portal.prospects(ProspectQuery::default()).await?;
    assert!(
        all.total > 7,
        "the named and generated prospects: {}",
        all.total
    );

    for (text, company) in [
        ("ntos", "Contoso Ltd"),
        ("CONTOSO", "Contoso Ltd"),
        ("woodgrovebank.ex", "Woodgrove Bank"),
        ("lindgren", "Contoso Ltd"), // the primary contact's last name
        ("ann lind", "Contoso Ltd"),
        ("ta", "Tailspin Toys"), // shorter than a trigram
    ] {
        let list = admin.portal.prospects(search(text)).await?;
        assert!(
            list.rows.iter().any(|r| r.company_name == company),
            "{text:?} finds {company}"
        );
        assert_eq!(list.rows.len() as u64, list.total.min(50), "{text:?}");
    }
    assert_eq!(admin.portal.prospects(search("zzqqxx")).await?.total, 0);

    let deals = admin
        .portal
        .deals(DealQuery {
            search: "woodgrove".into(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(deals.total, 1);
    assert_eq!(deals.rows[0].status, DealStatus::Won);
    let by_number = admin
        .portal
        .deals(DealQuery {
            search: deals.rows[0].number.clone().unwrap_or_default(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(by_number.total, 1);

    // Paging and sorting agree with the total.
    let page = admin
        .portal
        .prospects(ProspectQuery {
            limit: 5,
            offset: 5,
            descending: true,
            ..ProspectQuery::default()
        })
        .await?;
    assert_eq!(page.total, all.total);
    assert_eq!(page.rows.len(), 5);
    let names: Vec<_> = page
        .rows
        .iter()
        .map(|r| r.company_name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted);

    // Owners are named once the user list is known (the administrator's own name at once).
    admin.portal.users().await?;
    let by_owner = admin
        .portal
        .prospects(ProspectQuery {
            sort: portal_core::sales::ProspectSort::Owner,
            limit: 1_000,
            ..ProspectQuery::default()
        })
        .await?;
    assert!(by_owner.rows.iter().all(|r| !r.owner_name.is_empty()));
    let owners: Vec<_> = by_owner
        .rows
        .iter()
        .map(|r| r.owner_name.to_lowercase())
        .collect();
    let mut sorted = owners.clone();
    sorted.sort();
    assert_eq!(owners, sorted);
    Ok(())
}

#[tokio::test]
async fn the_background_sync_pushes_each_change_and_announces_what_changed() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    let mut status = sales.portal.subscribe_status();
    let mut data = sales.portal.subscribe_data_changes();
    sales.portal.start_sync().await?;

    let changed = tokio::time::timeout(Duration::from_secs(30), data.recv()).await??;
    assert!(changed.contains(&Entity::Prospect), "{changed:?}");
    sales
        .portal
        .save_prospect(None, prospect_form("Quince Foods", "quincefoods.example"))
        .await?;
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            status.changed().await?;
            let s = status.borrow_and_update().clone();
            if s.pending == 0 && !s.running && s.last_error.is_none() && s.last_synced.is_some() {
                let list = sales.portal.prospects(search("quince")).await?;
                if list.total == 1 && !list.rows[0].pending {
                    return anyhow::Ok(());
                }
            }
        }
    })
    .await??;
    sales.portal.stop_sync().await;
    Ok(())
}

#[tokio::test]
async fn a_repeated_push_after_a_lost_answer_changes_nothing() -> Result<()> {
    let (server, sales) = with_rep().await?;
    let created = sales
        .portal
        .save_prospect(None, prospect_form("Quince Foods", "quincefoods.example"))
        .await?;

    // The app pushed, the server applied, and the app died before storing the answer: replay
    // exactly what it sent.
    let (client_id, op): (String, String) = sqlx::query_as(
        "SELECT s.client_id, o.op FROM sync_state s JOIN outbox o ON o.scope = s.scope
         WHERE s.scope = ?1",
    )
    .bind(sales.stored.user_id.to_string())
    .fetch_one(sales.portal.cache().pool())
    .await?;
    let api = ServerApi::new(&server.base_url());
    let mutation = portal_core::sync::Mutation {
        mutation_id: 1,
        entity: Entity::Prospect,
        id: created.prospect.id.0,
        op: serde_json::from_str::<MutationOp>(&op)?,
    };
    let request = PushRequest {
        client_id: client_id.parse()?,
        mutations: vec![mutation],
    };
    api.push(&sales.stored.token, &request).await?;

    // A fresh instance on the same cache still holds the change, and its sync gets the stored
    // answer rather than a duplicate-domain refusal.
    drop(sales.portal);
    let portal = Portal::open(sales.dir.path()).await?;
    portal.resume(sales.stored.clone()).await?;
    assert_eq!(portal.sync_status().await?.pending, 1);
    settled(&portal).await?;
    let list = portal.prospects(search("quince")).await?;
    assert_eq!(list.total, 1);
    assert!(!list.rows[0].pending);
    Ok(())
}

#[tokio::test]
async fn a_reset_rebuilds_the_copy_and_keeps_pending_changes() -> Result<()> {
    let (server, sales, admin) = with_rep_and_admin().await?;

    // A deletion whose tombstone is purged before the sales rep's cache hears of it: only a reset
    // can take the prospect (and its rejected registration) out of that cache.
    let gone = find(&admin.portal, "Tailspin Toys").await?;
    assert_eq!(sales.portal.prospect(gone).await?.deals.len(), 1);
    admin.portal.delete_prospect(gone).await?;
    synced(&admin.portal).await?;
    let adatum = find(&sales.portal, "Adatum Corporation").await?;
    let mut f = ProspectForm::from_prospect(&sales.portal.prospect(adatum).await?.prospect);
    f.notes = "Queued before the reset.".into();
    sales.portal.save_prospect(Some(adatum), f).await?;
    assert!(server.purge_tombstones().await? > 0);

    let mut data = sales.portal.subscribe_data_changes();
    settled(&sales.portal).await?;
    assert!(data.try_recv()?.contains(&Entity::Prospect));
    assert_eq!(
        sales.portal.prospect(gone).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let deals = sales
        .portal
        .deals(DealQuery {
            search: "tailspin".into(),
            ..DealQuery::default()
        })
        .await?;
    assert_eq!(deals.total, 0);
    assert_eq!(
        sales.portal.prospect(adatum).await?.prospect.notes,
        "Queued before the reset."
    );
    assert!(
        !sales.portal.product_names().await?.is_empty(),
        "reference data came back"
    );
    synced(&admin.portal).await?;
    assert_eq!(
        admin.portal.prospect(adatum).await?.prospect.notes,
        "Queued before the reset."
    );
    Ok(())
}

#[tokio::test]
async fn signing_out_with_unsynced_changes_needs_force() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    server.stop().await?;
    sales
        .portal
        .save_prospect(None, prospect_form("Quince Foods", "quincefoods.example"))
        .await?;
    let refused = sales.portal.sign_out(false).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert!(refused.to_string().contains("1 change"), "{refused}");
    assert_eq!(
        sales.portal.sync_status().await?.pending,
        1,
        "nothing was lost"
    );

    sales.portal.sign_out(true).await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE scope = ?1")
        .bind(sales.stored.user_id.to_string())
        .fetch_one(sales.portal.cache().pool())
        .await?;
    assert_eq!(left, 0);
    assert_eq!(
        sales.portal.pending_changes().await.unwrap_err().kind(),
        ErrorKind::Unauthenticated
    );
    Ok(())
}

#[tokio::test]
async fn deals_are_edited_and_deleted_only_as_drafts() -> Result<()> {
    let (_server, sales) = with_rep().await?;
    let adatum = find(&sales.portal, "Adatum Corporation").await?;
    let draft: DealId = sales.portal.prospect(adatum).await?.deals[0].id;
    let detail = sales.portal.deal(draft).await?;
    assert_eq!(detail.deal.status, DealStatus::Draft);
    let mut form = DealForm::from_deal(&detail.deal);
    form.notes = "Two sites.".into();
    form.expected_close = (Utc::now().date_naive() + Days::new(30)).to_string();
    let saved = sales.portal.save_deal(Some(draft), form).await?;
    assert_eq!(saved.deal.notes, "Two sites.");
    assert_eq!(
        saved.deal.number, detail.deal.number,
        "the server's fields stay"
    );
    synced(&sales.portal).await?;
    assert_eq!(sales.portal.deal(draft).await?.deal.notes, "Two sites.");

    sales.portal.delete_deal(draft).await?;
    assert_eq!(
        sales.portal.deal(draft).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    settled(&sales.portal).await?;
    assert!(sales.portal.prospect(adatum).await?.deals.is_empty());
    Ok(())
}
