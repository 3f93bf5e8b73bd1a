//! A pulled page applied to the cache: the server copies stored and the lists kept in step with a
//! few statements for the whole page (a first sync of a large firm writes hundreds of thousands
//! of rows), or change by change when doing it at once could end differently. Everything but the
//! database's part is done ahead ([`PreparedPage`]), so that it can overlap the page before.

use crate::{
    error::ClientError,
    lists::{deals, prospects, reference, refold, rows},
    replica::{copy, Folded},
    store::read::{self, to_json},
};
use portal_core::{
    prospect::Prospect,
    registration::Deal,
    sync::{Change, Entity},
};
use serde::Deserialize;
use serde_json::{value::RawValue, Value};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

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

/// Applies one pulled page: the same as [`refold::apply_change`] for each change in turn, done with
/// a few statements for the whole page (one per table), which matters for a first sync of a large
/// firm: a statement per row costs a round trip to the database thread, and every statement that
/// writes a list row makes the trigram index write out what it holds.
///
/// The page is applied change by change instead when doing it at once could end differently: a
/// change to a record with changes queued here (their view needs folding), the same record twice,
/// or a deal whose prospect leaves the list later in the page (one by one, the deal keeps the name
/// it found).
pub async fn apply_page(
    conn: &mut SqliteConnection,
    scope: &str,
    changes: &[Change],
    tracked: &HashSet<(Entity, Uuid)>,
) -> Result<(), ClientError> {
    let pulled: Vec<PulledChange> = changes.iter().map(PulledChange::from_change).collect();
    PreparedPage::new(&pulled)
        .apply(conn, scope, &pulled, tracked)
        .await
}

/// A pulled change as the server sent it, its body left as JSON text: stored as it came, and read
/// only into the records a list shows (a [`Change`] builds every body into a tree first).
#[derive(Debug, Clone, Deserialize)]
pub struct PulledChange {
    pub entity: Entity,
    pub id: Uuid,
    pub version: i64,
    /// None for a tombstone.
    pub body: Option<Box<RawValue>>,
}

impl PulledChange {
    pub fn from_change(change: &Change) -> Self {
        Self {
            entity: change.entity,
            id: change.id,
            version: change.version,
            body: change.body.as_ref().map(|b| {
                RawValue::from_string(to_json(b)).expect("a serialized value is valid JSON")
            }),
        }
    }

    pub fn to_change(&self) -> Result<Change, ClientError> {
        Ok(Change {
            entity: self.entity,
            id: self.id,
            version: self.version,
            body: self
                .body
                .as_ref()
                .map(|b| read::json(b.get()))
                .transpose()?,
        })
    }
}

/// A page of changes made ready for [`apply_page`] (bodies read into the lists' records) without
/// the database, so that it can be done while the page before is applied.
#[derive(Default)]
pub struct PreparedPage(Option<Page>);

impl PreparedPage {
    pub fn new(changes: &[PulledChange]) -> Self {
        Self(Page::plan(changes))
    }

    /// Whether the page will go in with a few statements for the whole of it (rather than change
    /// by change), as far as its changes alone decide: a change to a record with changes queued
    /// here still sends it change by change.
    pub fn at_once(&self) -> bool {
        self.0.is_some()
    }

    /// Applies `changes` (the page this was prepared from) as [`apply_page`] does.
    pub async fn apply(
        self,
        conn: &mut SqliteConnection,
        scope: &str,
        changes: &[PulledChange],
        tracked: &HashSet<(Entity, Uuid)>,
    ) -> Result<(), ClientError> {
        match self.0 {
            Some(page) if !changes.iter().any(|c| tracked.contains(&(c.entity, c.id))) => {
                page.apply(conn, scope).await
            }
            _ => {
                for change in changes {
                    let is_tracked = tracked.contains(&(change.entity, change.id));
                    refold::apply_change(conn, scope, &change.to_change()?, is_tracked).await?;
                }
                Ok(())
            }
        }
    }
}

/// A page of changes sorted by what each does to each table.
#[derive(Default)]
struct Page {
    /// (entity, id, version, body as stored)
    stored: Vec<(&'static str, String, i64, String)>,
    /// (entity, id) of tombstones.
    dropped: Vec<(&'static str, String)>,
    prospects: Vec<Prospect>,
    deals: Vec<Deal>,
    unlisted_prospects: Vec<Uuid>,
    unlisted_deals: Vec<Uuid>,
    /// Quotes, orders and marketing resources (and their tombstones), whose list rows are written
    /// one by one: they are far fewer than prospects and deals.
    listed: Vec<(Entity, Uuid, Option<Value>)>,
    /// Ids of the Customers area's records (and tombstones), listed by kind in one statement each.
    referenced: HashMap<Entity, Vec<String>>,
}

impl Page {
    /// The page's work by table, or None when it must be applied change by change (whether a
    /// change has changes queued here is for [`PreparedPage::apply`] to see).
    fn plan(changes: &[PulledChange]) -> Option<Self> {
        let mut seen = HashSet::with_capacity(changes.len());
        if changes.iter().any(|c| !seen.insert((c.entity, c.id))) {
            return None;
        }
        let mut page = Page::default();
        // Where in the page each prospect leaves the list, and where each deal names its prospect.
        let mut unlisted_at: HashMap<Uuid, usize> = HashMap::new();
        let mut deal_at: Vec<(usize, Uuid)> = Vec::new();
        for (i, c) in changes.iter().enumerate() {
            let Some(body) = &c.body else {
                page.dropped.push((c.entity.as_str(), c.id.to_string()));
                match c.entity {
                    Entity::Prospect => {
                        unlisted_at.insert(c.id, i);
                        page.unlisted_prospects.push(c.id);
                    }
                    Entity::Deal => page.unlisted_deals.push(c.id),
                    Entity::Quote | Entity::Order | Entity::Resource => {
                        page.listed.push((c.entity, c.id, None))
                    }
                    e if reference::table(e).is_some() => {
                        page.referenced.entry(e).or_default().push(c.id.to_string());
                    }
                    _ => {}
                }
                continue;
            };
            page.stored.push((
                c.entity.as_str(),
                c.id.to_string(),
                c.version,
                body.get().to_owned(),
            ));
            match c.entity {
                Entity::Prospect => match read::listed_text::<Prospect>(c.entity, c.id, body) {
                    Some(p) => page.prospects.push(p),
                    None => {
                        unlisted_at.insert(c.id, i);
                        page.unlisted_prospects.push(c.id);
                    }
                },
                Entity::Deal => match read::listed_text::<Deal>(c.entity, c.id, body) {
                    Some(d) => {
                        deal_at.push((i, d.prospect_id.0));
                        page.deals.push(d);
                    }
                    None => page.unlisted_deals.push(c.id),
                },
                Entity::Quote | Entity::Order | Entity::Resource => {
                    let body = serde_json::from_str(body.get()).ok();
                    page.listed.push((c.entity, c.id, body));
                }
                e if reference::table(e).is_some() => {
                    page.referenced.entry(e).or_default().push(c.id.to_string());
                }
                _ => {}
            }
        }
        if deal_at
            .iter()
            .any(|(i, prospect)| unlisted_at.get(prospect).is_some_and(|j| j > i))
        {
            return None;
        }
        Some(page)
    }

    /// Tombstones first, then the server copies, then the list rows: prospects before deals, so
    /// that each deal finds its prospect's name as it stands at the end of the page.
    async fn apply(self, conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
        copy::drop_pulled(conn, scope, &self.dropped).await?;
        copy::store_pulled(conn, scope, self.stored).await?;
        rows::remove_all(conn, "prospect", scope, &self.unlisted_prospects).await?;
        rows::remove_all(conn, "deal", scope, &self.unlisted_deals).await?;
        prospects::put_prospects(conn, scope, &self.prospects).await?;
        deals::put_deals(conn, scope, &self.deals).await?;
        for (entity, id, body) in &self.listed {
            let folded = Folded {
                body: body.clone(),
                pending: false,
                waiting: false,
            };
            rows::project(conn, scope, *entity, *id, &folded).await?;
        }
        for (entity, ids) in &self.referenced {
            reference::put(conn, scope, *entity, ids).await?;
        }
        Ok(())
    }
}
