//! The pull: pages of changes after the cursor, each applied with its new cursor in one
//! transaction; a reset drops the copy (never the outbox) and starts again from 0.
//!
//! A first sync of a large firm (a pull into an empty copy that takes more than one large page) is
//! made faster in two ways that leave each page and its cursor one transaction:
//! - the next page is fetched, decoded and prepared (everything but the database's part) by a task
//!   of its own while this one is applied, so that the server's time and the cache's overlap. It
//!   is only read, never applied, before this one is committed: a failure or a kill leaves the
//!   cache at a page boundary either way, and a failed fetch ahead still lets the page being
//!   applied commit. Small pages go strictly one by one (applying them takes too little time for
//!   the overlap to matter), as the fault tests' 25-change pages do;
//! - the lists' sorting indexes are set aside while the pages go in and built again, each in one
//!   pass, when the pull ends (however it ends; one left aside by a kill is built when the cache
//!   is next opened). Inserting a page's rows into indexes the size of the firm's lists rewrites
//!   most of their pages at every commit.

use super::{state, Report, SyncContext};
use crate::{
    error::ClientError,
    outbox, projection,
    replica::{self, PreparedPage, PulledChange},
};
use chrono::Utc;
use portal_core::{pending::SyncProgress, sync::MAX_PAGE};
use serde::Deserialize;

/// The changes a pull asks for at once: as many as the server gives (a page is applied with a few
/// statements whatever its size, so fewer, larger pages make a first sync of a large firm faster).
pub const PULL_PAGE: u32 = MAX_PAGE;

/// A page with at least this many changes (and more to come) is a large one: the next page is
/// fetched while it is applied, and a pull into an empty copy sets the lists' indexes aside.
pub const LARGE_PAGE: usize = 1_000;

/// A page as [`portal_core::sync::PullResponse`], each body left as the server's JSON text.
#[derive(Debug, Deserialize)]
pub struct PulledPage {
    pub changes: Vec<PulledChange>,
    pub cursor: i64,
    pub more: bool,
    pub head: i64,
    #[serde(default)]
    pub reset: bool,
}

/// A server that keeps answering "reset" is broken; stop rather than loop.
const MAX_RESETS: u32 = 2;

/// Pulls until the server has nothing more, reporting progress after each page.
pub async fn pull(
    ctx: &SyncContext,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    let pulled = pages(ctx, report, progress).await;
    // Whatever happened, indexes set aside for a first sync are built again now.
    let restored = async {
        let mut tx = ctx.cache.pool().begin().await?;
        projection::restore_list_indexes(&mut tx).await?;
        tx.commit().await?;
        Ok::<_, ClientError>(())
    }
    .await;
    pulled.and(restored)
}

async fn pages(
    ctx: &SyncContext,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    let scope = ctx.scope.as_str();
    let mut cursor = {
        let mut conn = ctx.cache.pool().acquire().await?;
        state::ensure(&mut conn, scope).await?.cursor
    };
    let mut start = cursor;
    let mut resets = 0;
    let mut ahead: Option<Ahead> = None;
    loop {
        let (page, prepared) = match ahead.take() {
            Some(fetching) => fetching.page().await?,
            None => (ctx.api.pull_as(&ctx.token, cursor, PULL_PAGE).await?, None),
        };
        if page.reset {
            resets += 1;
            if resets > MAX_RESETS {
                return Err(ClientError::Protocol(
                    "the server keeps asking for the cache to be rebuilt".into(),
                ));
            }
            let mut tx = ctx.cache.pool().begin().await?;
            report
                .changed
                .extend(replica::entities(&mut tx, scope).await?);
            replica::drop_copy(&mut tx, scope).await?;
            state::set_cursor(&mut tx, scope, 0).await?;
            tx.commit().await?;
            tracing::info!(scope, "the server asked for a reset; pulling from 0");
            cursor = 0;
            start = 0;
            continue;
        }
        let large = page.more && page.changes.len() >= LARGE_PAGE;
        if large {
            ahead = Some(Ahead::fetch(ctx, page.cursor));
        }
        let prepared = prepared.unwrap_or_else(|| PreparedPage::new(&page.changes));
        apply(ctx, report, &page, prepared, large && cursor == 0).await?;
        report.pulled += page.changes.len();
        cursor = page.cursor;
        if page.more {
            progress(SyncProgress {
                done: (cursor - start).max(0),
                total: (page.head - start).max(0),
            });
        } else {
            return Ok(());
        }
    }
}

/// The next page, fetched, decoded and prepared by a task of its own while this one is applied;
/// dropped unread, it stops.
struct Ahead(tokio::task::JoinHandle<Result<(PulledPage, Option<PreparedPage>), ClientError>>);

impl Ahead {
    fn fetch(ctx: &SyncContext, after: i64) -> Self {
        let (api, token) = (ctx.api.clone(), ctx.token.clone());
        Self(tokio::spawn(async move {
            let page: PulledPage = api.pull_as(&token, after, PULL_PAGE).await?;
            let prepared = (!page.reset).then(|| PreparedPage::new(&page.changes));
            Ok((page, prepared))
        }))
    }

    async fn page(mut self) -> Result<(PulledPage, Option<PreparedPage>), ClientError> {
        (&mut self.0).await.map_err(|e| {
            ClientError::Protocol(format!("fetching the next page of changes failed: {e}"))
        })?
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Applies one page and its cursor in one transaction (setting the lists' indexes aside first when
/// `set_aside`); after the last page, settles the changes the server has applied.
async fn apply(
    ctx: &SyncContext,
    report: &mut Report,
    page: &PulledPage,
    prepared: PreparedPage,
    set_aside: bool,
) -> Result<(), ClientError> {
    let scope = ctx.scope.as_str();
    let mut tx = ctx.cache.pool().begin().await?;
    if set_aside {
        projection::set_aside_list_indexes(&mut tx).await?;
    }
    let tracked = outbox::tracked(&mut tx, scope).await?;
    prepared
        .apply(&mut tx, scope, &page.changes, &tracked)
        .await?;
    report
        .changed
        .extend(page.changes.iter().map(|change| change.entity));
    state::set_cursor(&mut tx, scope, page.cursor).await?;
    projection::settle_grams(&mut tx).await?;
    if !page.more {
        // Everything up to the head is in: changes the server applied are in their records.
        for (entity, id) in outbox::settle_pulled(&mut tx, scope, page.cursor).await? {
            replica::refold(&mut tx, scope, entity, id).await?;
        }
        outbox::prune(&mut tx, scope).await?;
        state::set_last_synced(&mut tx, scope, Utc::now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Portal;
    use portal_core::{sales::ProspectQuery, shell::commands::SignIn};
    use portal_server::{
        seed::{self, SeedOptions, DEMO_PASSWORD},
        testing::TestServer,
    };

    /// A first sync in large pages (fetched ahead, the lists' indexes set aside) leaves the cache
    /// whole: every index back, the trigram indexes and the short-search counts in step.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_large_first_sync_leaves_every_index_and_count_in_step() {
        let mut server = TestServer::spawn_seeded().await.unwrap();
        server.stop().await.unwrap();
        let pool = sqlx::SqlitePool::connect_with(
            sqlx::sqlite::SqliteConnectOptions::new().filename(server.database_path()),
        )
        .await
        .unwrap();
        seed::seed(
            &pool,
            &SeedOptions {
                prospects_per_partner: 6_000,
                customers_per_partner: 300,
                ..SeedOptions::default()
            },
        )
        .await
        .unwrap();
        pool.close().await;
        server.start().await.unwrap();

        let dir = tempfile::tempdir().unwrap();
        let portal = Portal::open(dir.path()).await.unwrap();
        let indexes = |portal: &Portal| {
            let pool = portal.cache().pool().clone();
            async move {
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name",
                )
                .fetch_all(&pool)
                .await
                .unwrap();
                names
            }
        };
        let before = indexes(&portal).await;
        portal
            .sign_in(SignIn {
                server_url: server.base_url(),
                email: "admin@northwind.example".into(),
                password: DEMO_PASSWORD.into(),
                remember: false,
            })
            .await
            .unwrap();
        let status = portal.sync_now().await.unwrap();
        assert!(status.last_error.is_none(), "{status:?}");

        let pool = portal.cache().pool().clone();
        assert_eq!(indexes(&portal).await, before, "every index is back");
        let set_aside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM set_aside_index")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(set_aside, 0);
        for fts in ["prospect_fts", "deal_fts"] {
            sqlx::query(&format!(
                "INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"
            ))
            .execute(&pool)
            .await
            .unwrap();
        }
        let (records, listed): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM record WHERE entity = 'prospect'),
                    (SELECT COUNT(*) FROM prospect)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(listed > 6_000 && listed == records, "{listed} of {records}");
        // Short searches are totalled from the counts, longer ones by the trigram index: both
        // agree with a plain scan.
        for search in ["a", "er", "ltd", "example.net"] {
            let total = portal
                .prospects(ProspectQuery {
                    search: search.into(),
                    ..ProspectQuery::default()
                })
                .await
                .unwrap()
                .total;
            let scanned: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM prospect WHERE instr(search, ?1) > 0")
                    .bind(search)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(total, scanned as u64, "{search:?}");
        }
    }
}
