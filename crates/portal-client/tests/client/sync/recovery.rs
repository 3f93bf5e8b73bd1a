//! The background sync, a repeated push, a reset and a forced sign-out: nothing is lost and
//! nothing is applied twice.

use super::*;

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
