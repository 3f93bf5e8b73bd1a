//! Renewal reminders: the real client against the real server on 127.0.0.1:0. An administrator's
//! synced cache reminds of each renewal due within the window once; a renewal that enters the
//! window later is reminded of then; 0 days turns reminders off.

use crate::support::{signed_in, synced, ADMIN};
use anyhow::{ensure, Result};
use chrono::{Days, Local, NaiveDate};
use portal_client::Portal;
use portal_server::testing::TestServer;
use std::collections::BTreeSet;

/// The ids of the renewals the cache lists as due in [from, to].
async fn listed_due(
    dir: &std::path::Path,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeSet<String>> {
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.join("cache.sqlite"))
            .read_only(true),
    )
    .await?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM renewal WHERE due_on >= ?1 AND due_on <= ?2")
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&pool)
            .await?;
    Ok(ids.into_iter().collect())
}

async fn due_ids(portal: &Portal, days: u32, today: NaiveDate) -> Result<BTreeSet<String>> {
    Ok(portal
        .due_reminders_on(days, today)
        .await?
        .into_iter()
        .map(|r| r.id.to_string())
        .collect())
}

#[tokio::test]
async fn each_renewal_is_reminded_once_when_it_enters_the_window() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), ADMIN).await?;
    synced(&portal).await?;
    let today = Local::now().date_naive();
    let in_days = |n: u64| today.checked_add_days(Days::new(n)).unwrap();

    assert!(
        portal.due_reminders_on(0, today).await?.is_empty(),
        "0 is off"
    );

    let first = portal.due_reminders_on(30, today).await?;
    let expected = listed_due(dir.path(), today, in_days(30)).await?;
    ensure!(
        !expected.is_empty(),
        "the seed has renewals due within 30 days"
    );
    let ids: BTreeSet<String> = first.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(ids, expected, "exactly the renewals due within the window");
    assert!(
        first.windows(2).all(|w| w[0].due_on <= w[1].due_on),
        "soonest first"
    );
    assert!(first.iter().all(|r| !r.customer_name.is_empty()));

    portal
        .mark_reminded(&first.iter().map(|r| r.id).collect::<Vec<_>>())
        .await?;
    assert!(
        due_ids(&portal, 30, today).await?.is_empty(),
        "once per renewal"
    );
    // Marking again changes nothing.
    portal.mark_reminded(&[first[0].id]).await?;

    // Ten days on, the renewals that entered the window are due, and only they.
    let later = due_ids(&portal, 30, in_days(10)).await?;
    let entered = listed_due(dir.path(), in_days(31), in_days(40)).await?;
    assert_eq!(later, entered);
    assert!(later.is_disjoint(&ids));
    Ok(())
}
