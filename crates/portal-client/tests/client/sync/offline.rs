//! Work done offline is queued, then synced and seen by a colleague.

use super::*;

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
