//! Forgetting: a cursor below the tombstone horizon told to reset, and the hourly housekeeping
//! that forgets old tombstones and push answers but keeps recent ones.

use super::*;

#[tokio::test]
async fn a_cursor_older_than_the_horizon_is_told_to_reset() -> Result<()> {
    let (server, mut sales) = seeded_with_sales().await?;
    let (_, cursor) = sales.pull(0).await?;
    let p = new_prospect(sales.user, "Keystone Legal", "keystone-legal.example");
    let id = *p.id.as_uuid();
    applied(&sales.push_one(Entity::Prospect, id, create(&p)).await?);
    applied(
        &sales
            .push_one(Entity::Prospect, id, MutationOp::Delete { base_version: 0 })
            .await?,
    );
    let (_, current) = sales.pull(cursor).await?;

    assert_eq!(server.purge_tombstones().await?, 1);
    let page = sales.pull_page(cursor, 100).await?;
    assert!(
        page.reset && page.more && page.changes.is_empty() && page.cursor == 0,
        "{page:?}"
    );
    // Up to date at the horizon: nothing lost, no reset.
    let page = sales.pull_page(current, 100).await?;
    assert!(!page.reset && page.changes.is_empty());
    // From 0 a fresh copy needs no tombstones; a cursor from another database resets too.
    let (fresh, _) = sales.pull(0).await?;
    assert!(latest(&fresh, id).is_none());
    assert!(sales.pull_page(current + 1000, 100).await?.reset);
    Ok(())
}

#[tokio::test]
async fn housekeeping_forgets_old_tombstones_and_answers_but_keeps_recent_ones() -> Result<()> {
    use portal_server::sync::Swept;
    let (server, mut sales) = seeded_with_sales().await?;
    let sync = server.config().sync;
    assert_eq!((sync.tombstone_days, sync.applied_mutation_days), (90, 90));
    let day = today();
    let (_, before_all) = sales.pull(0).await?;
    let delete = MutationOp::Delete { base_version: 0 };

    // Day 0: a prospect created and deleted, then the hourly run notes the head.
    let old = new_prospect(sales.user, "Keystone Legal", "keystone-legal.example");
    let old_id = *old.id.as_uuid();
    let first = sales.batch(vec![
        (Entity::Prospect, old_id, create(&old)),
        (Entity::Prospect, old_id, delete.clone()),
    ]);
    anyhow::ensure!(sales.send(&first).await?.status == 200);
    assert_eq!(server.housekeep(day).await?, Swept::default());
    let (_, marked) = sales.pull(before_all).await?;
    // Later on day 0: another one, whose tombstone is newer than the mark.
    let recent = new_prospect(sales.user, "Northgate Dental", "northgate-dental.example");
    let recent_id = *recent.id.as_uuid();
    let second = sales.batch(vec![
        (Entity::Prospect, recent_id, create(&recent)),
        (Entity::Prospect, recent_id, delete),
    ]);
    anyhow::ensure!(sales.send(&second).await?.status == 200);

    // Day 90: the first tombstone is old enough, the second is not; no answer is 90 days old.
    assert_eq!(
        server.housekeep(day + Days::new(90)).await?,
        Swept {
            tombstones: 1,
            applied_mutations: 0
        }
    );
    assert!(
        sales.pull_page(before_all, 100).await?.reset,
        "a copy from before the purged deletion is rebuilt"
    );
    let (changes, _) = sales.pull(marked).await?;
    let kept = latest(&changes, recent_id).context("the newer tombstone is still sent")?;
    assert!(kept.body.is_none());

    // Day 92: every answer is old now; the installation's newest is kept all the same.
    assert_eq!(
        server.housekeep(day + Days::new(92)).await?,
        Swept {
            tombstones: 0,
            applied_mutations: 3
        }
    );
    let left: Vec<i64> = sqlx::query_scalar(
        "SELECT mutation_id FROM applied_mutation WHERE client_id = ?1 ORDER BY mutation_id",
    )
    .bind(sales.id.to_string())
    .fetch_all(&database(&server).await?)
    .await?;
    assert_eq!(left, [second.mutations[1].mutation_id]);

    // The first push, repeated now, is refused rather than applied again: the prospect it
    // created and deleted does not come back.
    let reply = sales.send(&first).await?;
    let answer: PushResponse = serde_json::from_value(reply.body)?;
    for result in &answer.results {
        assert!(
            refused(&result.outcome)
                .message
                .contains("no longer keeps its answer"),
            "{result:?}"
        );
    }
    let (changes, _) = sales.pull(marked).await?;
    assert!(latest(&changes, old_id).is_none(), "not re-created");
    // The newest answer is still given as it was.
    let reply = sales.send(&second).await?;
    let answer: PushResponse = serde_json::from_value(reply.body)?;
    refused(&answer.results[0].outcome);
    assert_eq!(applied(&answer.results[1].outcome), kept.version);
    Ok(())
}
