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

use super::{
    page::{PreparedPage, PulledPage},
    plan::{self, Apply, Decision, PageHead, PullState},
    state, Report, SyncLink,
};
use crate::{
    error::ClientError,
    lists::{aside, grams, refold, resources},
    replica::{copy, outbox},
};
use chrono::Utc;
use portal_core::{pending::SyncProgress, sync::MAX_PAGE};

/// The changes a pull asks for at once: as many as the server gives (a page is applied with a few
/// statements whatever its size, so fewer, larger pages make a first sync of a large firm faster).
pub const PULL_PAGE: u32 = MAX_PAGE;

/// Pulls until the server has nothing more, reporting progress after each page.
pub async fn pull(
    link: &SyncLink,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    let pulled = pages(link, report, progress).await;
    // Whatever happened, indexes set aside for a first sync are built again now.
    let restored = async {
        let mut tx = link.cache.pool().begin().await?;
        aside::restore_list_indexes(&mut tx).await?;
        tx.commit().await?;
        Ok::<_, ClientError>(())
    }
    .await;
    pulled.and(restored)
}

async fn pages(
    link: &SyncLink,
    report: &mut Report,
    progress: &mut (dyn FnMut(SyncProgress) + Send),
) -> Result<(), ClientError> {
    let scope = link.scope.as_str();
    let mut state = {
        let mut conn = link.cache.pool().acquire().await?;
        PullState::from(state::ensure(&mut conn, scope).await?.cursor)
    };
    let mut ahead: Option<Ahead> = None;
    loop {
        let (page, prepared) = match ahead.take() {
            Some(fetching) => fetching.page().await?,
            None => (
                link.api
                    .pull_as(&link.token, state.cursor, PULL_PAGE)
                    .await?,
                None,
            ),
        };
        let head = PageHead {
            reset: page.reset,
            changes: page.changes.len(),
            cursor: page.cursor,
            more: page.more,
            head: page.head,
        };
        let (decision, next) = plan::decide(state, &head);
        state = next;
        match decision {
            Decision::GiveUp => {
                return Err(ClientError::Protocol(
                    "the server keeps asking for the cache to be rebuilt".into(),
                ))
            }
            Decision::Reset => {
                let mut tx = link.cache.pool().begin().await?;
                report.changed.extend(copy::entities(&mut tx, scope).await?);
                refold::drop_copy(&mut tx, scope).await?;
                state::set_cursor(&mut tx, scope, 0).await?;
                tx.commit().await?;
                tracing::info!(scope, "the server asked for a reset; pulling from 0");
            }
            Decision::Apply(how) => {
                if how.fetch_ahead {
                    ahead = Some(Ahead::fetch(link, page.cursor));
                }
                let prepared = prepared.unwrap_or_else(|| PreparedPage::new(&page.changes));
                apply(link, report, &page, prepared, how).await?;
                report.pulled += page.changes.len();
                match how.progress {
                    Some(p) => progress(p),
                    None => return Ok(()),
                }
            }
        }
    }
}

/// The next page, fetched, decoded and prepared by a task of its own while this one is applied;
/// dropped unread, it stops.
struct Ahead(tokio::task::JoinHandle<Result<(PulledPage, Option<PreparedPage>), ClientError>>);

impl Ahead {
    fn fetch(link: &SyncLink, after: i64) -> Self {
        let (api, token) = (link.api.clone(), link.token.clone());
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

/// Applies one page and its cursor in one transaction, as the plan says (setting the lists'
/// indexes aside first; after the last page, settling the changes the server has applied).
async fn apply(
    link: &SyncLink,
    report: &mut Report,
    page: &PulledPage,
    prepared: PreparedPage,
    how: Apply,
) -> Result<(), ClientError> {
    let scope = link.scope.as_str();
    let mut tx = link.cache.pool().begin().await?;
    if how.set_aside {
        aside::set_aside_list_indexes(&mut tx).await?;
    }
    let tracked = outbox::tracked(&mut tx, scope).await?;
    prepared
        .apply(&mut tx, scope, &page.changes, &tracked)
        .await?;
    report
        .changed
        .extend(page.changes.iter().map(|change| change.entity));
    state::set_cursor(&mut tx, scope, page.cursor).await?;
    grams::settle_grams(&mut tx).await?;
    if how.last {
        // Everything up to the head is in: changes the server applied are in their records.
        for (entity, id) in outbox::settle_pulled(&mut tx, scope, page.cursor).await? {
            refold::refold(&mut tx, scope, entity, id).await?;
        }
        outbox::prune(&mut tx, scope).await?;
        resources::library_synced(&mut tx, scope).await?;
        state::set_last_synced(&mut tx, scope, Utc::now()).await?;
    }
    tx.commit().await?;
    Ok(())
}
