//! New leads: the count of open leads the user has not looked at (menu, Dashboard), and those
//! to announce with a desktop notification, each once.

use super::leads::row;
use crate::{
    error::ClientError,
    lists::pims::{self as cached, Mark},
    Portal,
};
use chrono::Utc;
use portal_core::{
    ids::LeadId,
    pims::{app::NewLeads, works_leads},
};

/// How many of the newest leads a notification names.
const NEWEST: usize = 3;

impl Portal {
    /// Open leads (pending, unexpired, undecided here) without `mark`, newest first.
    async fn open_unmarked(&self, mark: Mark) -> Result<NewLeads, ClientError> {
        if !works_leads(self.pims_role().await?) {
            return Ok(NewLeads {
                count: 0,
                newest: Vec::new(),
            });
        }
        let (scope, _) = self.me().await?;
        let (leads, queued) = self.held_leads().await?;
        let marked = {
            let mut conn = self.cache.pool().acquire().await?;
            cached::marked(&mut conn, &scope, mark).await?
        };
        let now = Utc::now();
        let open: Vec<_> = leads
            .iter()
            .filter(|l| l.is_open(now) && !queued.contains_key(&l.id) && !marked.contains(&l.id))
            .map(|l| row(l, None, now))
            .collect();
        Ok(NewLeads {
            count: u32::try_from(open.len()).unwrap_or(u32::MAX),
            newest: open.into_iter().take(NEWEST).collect(),
        })
    }

    /// Open leads the user has not opened yet (for the menu's badge); nothing is marked.
    pub async fn new_leads(&self) -> Result<NewLeads, ClientError> {
        self.open_unmarked(Mark::Seen).await
    }

    /// Open leads not announced before, now marked announced: the shell's notification after a
    /// sync (empty for roles that do not work leads).
    pub async fn leads_to_announce(&self) -> Result<NewLeads, ClientError> {
        let fresh = self.open_unmarked(Mark::Told).await?;
        if fresh.count > 0 {
            // Every one of them, not only the few named.
            let (scope, _) = self.me().await?;
            let (leads, _) = self.held_leads().await?;
            let told = {
                let mut conn = self.cache.pool().acquire().await?;
                cached::marked(&mut conn, &scope, Mark::Told).await?
            };
            let now = Utc::now();
            let ids: Vec<LeadId> = leads
                .iter()
                .filter(|l| l.is_open(now) && !told.contains(&l.id))
                .map(|l| l.id)
                .collect();
            let mut conn = self.cache.pool().acquire().await?;
            cached::set_mark(&mut conn, &scope, Mark::Told, &ids, now).await?;
        }
        Ok(fresh)
    }
}
