//! Opening a support case: the real client against the real server on 127.0.0.1:0. An
//! administrator opens a case offline; it lists at once without a number and waits in Pending
//! Changes; once the server is back it syncs, and the server's number and status come back.

use crate::support::{signed_in, synced, ADMIN};
use anyhow::Result;
use portal_core::customers::{CaseStatus, CustomerQuery, SupportCaseQuery};
use portal_core::pending::ChangeState;
use portal_core::support::SupportCaseForm;
use portal_core::sync::Entity;
use portal_server::testing::TestServer;
use sqlx::{sqlite::SqliteConnectOptions, SqlitePool};

#[tokio::test]
async fn a_case_opened_offline_lists_at_once_then_syncs_and_is_numbered() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), ADMIN).await?;
    synced(&portal).await?;
    let customer = portal
        .customers(CustomerQuery::default())
        .await?
        .rows
        .into_iter()
        .next()
        .expect("the firm has customers");
    let open_cases = |search: &str| SupportCaseQuery {
        status: CaseStatus::Open,
        search: search.into(),
        ..SupportCaseQuery::default()
    };

    // A form that breaks the rules is refused on its fields and queues nothing.
    let bad = portal
        .open_support_case(SupportCaseForm {
            subject: "Hi".into(),
            ..SupportCaseForm::for_customer(Some(customer.id))
        })
        .await
        .unwrap_err();
    assert!(format!("{bad:?}").contains("subject"), "{bad:?}");
    assert!(portal.pending_changes().await?.is_empty());

    server.stop().await?;
    let form = SupportCaseForm {
        subject: "Activation server unreachable".into(),
        description: "Activation times out for every seat since Monday.".into(),
        ..SupportCaseForm::for_customer(Some(customer.id))
    };
    let opened = portal.open_support_case(form).await?;
    let id = opened.case.id;
    assert_eq!(
        opened.case.number, "",
        "not numbered before the server has it"
    );
    assert_eq!(opened.case.status, CaseStatus::Open);
    assert_eq!(
        opened.case.customer_name.as_deref(),
        Some(customer.company_name.as_str())
    );
    assert_eq!(
        opened.description,
        "Activation times out for every seat since Monday."
    );
    let listed = portal
        .support_cases(open_cases("activation server"))
        .await?;
    assert_eq!(listed.rows.len(), 1);
    assert_eq!(listed.rows[0].id, id);
    let changes = portal.pending_changes().await?;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].entity, Entity::SupportCase);
    assert_eq!(changes[0].summary, "Opened");
    assert_eq!(changes[0].record_label, "Activation server unreachable");
    assert_eq!(changes[0].state, ChangeState::Pending);
    assert!(changes[0]
        .entered
        .iter()
        .any(|v| v.field == "customer_id" && v.value == customer.company_name.as_str()));

    server.start().await?;
    let status = synced(&portal).await?;
    assert_eq!(
        (status.pending, status.needs_attention),
        (0, 0),
        "{status:?}"
    );
    let db = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(server.database_path())
            .read_only(true),
    )
    .await?;
    let (number, opened_on): (String, String) =
        sqlx::query_as("SELECT number, opened_on FROM support_cases WHERE id = ?1")
            .bind(id.to_string())
            .fetch_one(&db)
            .await?;
    assert!(number.starts_with("CS-"), "{number}");
    let synced_case = portal.support_case(id).await?;
    assert_eq!(synced_case.case.number, number);
    assert_eq!(synced_case.case.opened_on.to_string(), opened_on);
    assert_eq!(synced_case.case.status, CaseStatus::Open);
    let listed = portal
        .support_cases(open_cases(&number.to_lowercase()))
        .await?;
    assert_eq!(listed.rows.len(), 1, "listed once, by its number");
    Ok(())
}
