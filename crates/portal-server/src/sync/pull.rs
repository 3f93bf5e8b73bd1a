//! A pull: the firm's changes after a cursor, oldest first, each the record's whole body or a
//! tombstone, as the caller's role may see them.
//!
//! One read transaction gives the page, its bodies and the head from one snapshot. The page is one
//! range read of the change log ([`changelog::page`]); bodies are fetched per kind of record in one
//! query each ([`records::bodies`], [`reference::bodies`]), never per row.

use super::reference::CUSTOMER_AREA;
use super::resources::visible;
use crate::error::{Error, Result};
use crate::storage::{accounts, changelog, pims, records, reference, resources, Storage};
use portal_core::ids::CampaignKitId;
use portal_core::ids::{PartnerId, ResourceId, UserId};
use portal_core::pims::works_leads;
use portal_core::sync::{Change, Entity, PullResponse, MAX_PAGE};
use portal_core::Role;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Who is pulling.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub partner: PartnerId,
    pub user: UserId,
    pub role: Role,
}

/// The page of changes after `after`, at most `limit` (capped at [`MAX_PAGE`]).
///
/// - Prospects, deals, quotes and orders the viewer may not see (another user's, for a role that
///   sees only its own) come as tombstones to users who owned them once — which is how a record
///   reassigned away from the viewer leaves its copy — and are not sent at all to users who never
///   had them.
/// - Customers-area records are left out entirely for roles without the Customers area.
/// - A marketing resource whose audience does not admit the viewer's role (or firm's tier) never
///   comes with its body: it is a tombstone (so it leaves a copy that had it), or on a pull from 0
///   is left out.
/// - A pull from 0 starts an empty copy, so it carries no tombstones at all.
/// - Rows left out still move the cursor: `cursor` may lie beyond the last change's version.
pub async fn pull(
    storage: &Storage,
    viewer: &Viewer,
    after: i64,
    limit: u32,
) -> Result<PullResponse> {
    let limit = limit.clamp(1, MAX_PAGE);
    let sees_all = viewer.role.sees_all_firm_records();

    let mut tx = storage.read().await?;
    let (head, horizon) = changelog::head_and_horizon(&mut tx, viewer.partner).await?;
    // Below the horizon a deletion may have been forgotten; beyond the head the cursor belongs to
    // some other database. Either way the copy cannot be brought up to date change by change.
    if (after > 0 && after < horizon) || after > head {
        return Ok(PullResponse {
            changes: Vec::new(),
            cursor: 0,
            more: true,
            head,
            reset: true,
        });
    }

    let filter = changelog::PageFilter {
        hidden: if viewer.role.sees_customers_area() {
            &[]
        } else {
            &CUSTOMER_AREA
        },
        live_only: after == 0,
        owner: (!sees_all).then_some(viewer.user),
    };
    let mut rows = changelog::page(&mut tx, viewer.partner, after, limit + 1, filter).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);

    let mut wanted: BTreeMap<Entity, Vec<Uuid>> = BTreeMap::new();
    for row in &rows {
        let owned = !matches!(
            row.entity,
            Entity::Prospect | Entity::Deal | Entity::Quote | Entity::Order
        ) || sees_all
            || row.owner == Some(viewer.user);
        if !row.deleted && owned {
            wanted.entry(row.entity).or_default().push(row.id);
        }
    }
    let mut bodies: HashMap<Entity, HashMap<Uuid, serde_json::Value>> = HashMap::new();
    for (entity, ids) in &wanted {
        let found = match entity {
            Entity::Prospect | Entity::Deal | Entity::Quote | Entity::Order => {
                records::bodies(&mut tx, *entity, viewer.partner, ids).await?
            }
            Entity::Resource => resource_bodies(&mut tx, viewer, ids).await?,
            Entity::CampaignKit => kit_bodies(&mut tx, viewer, ids).await?,
            Entity::MarketingProfile => profile_body(&mut tx, viewer, ids).await?,
            Entity::Campaign => pims::campaigns::bodies(&mut tx, viewer.partner, ids).await?,
            Entity::Lead if works_leads(viewer.role) => {
                pims::leads::bodies(&mut tx, viewer.partner, ids).await?
            }
            Entity::Lead => HashMap::new(),
            other => reference::bodies(&mut tx, *other, viewer.partner, ids).await?,
        };
        bodies.insert(*entity, found);
    }
    tx.finish().await?;

    let cursor = match (more, rows.last()) {
        (true, Some(last)) => last.version,
        // Everything up to the head was considered, including rows this viewer does not receive.
        _ => head.max(after),
    };
    if after == 0 {
        // A copy starting empty needs no tombstones: resources held back from this viewer are
        // left out rather than sent bodiless.
        rows.retain(|row| {
            !matches!(
                row.entity,
                Entity::Resource | Entity::CampaignKit | Entity::Lead
            ) || bodies
                .get(&row.entity)
                .is_some_and(|found| found.contains_key(&row.id))
        });
    }

    let changes = rows
        .into_iter()
        .map(|row| Change {
            entity: row.entity,
            id: row.id,
            version: row.version,
            body: bodies
                .get_mut(&row.entity)
                .and_then(|found| found.remove(&row.id)),
        })
        .collect();
    Ok(PullResponse {
        changes,
        cursor,
        more,
        head,
        reset: false,
    })
}

/// The bodies of the marketing resources on the page that the viewer may see: exactly
/// `portal_core::resources::Resource`. The others are absent, so they go out as tombstones.
async fn resource_bodies(
    tx: &mut crate::storage::Read,
    viewer: &Viewer,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    let tier = accounts::partner_summary(tx, viewer.partner).await?.tier;
    let ids: Vec<ResourceId> = ids.iter().copied().map(ResourceId::from_uuid).collect();
    resources::published(tx, &ids)
        .await?
        .into_values()
        .filter(|item| visible(item, viewer.role, tier))
        .map(|item| {
            let body = serde_json::to_value(&item.resource).map_err(Error::corrupt)?;
            Ok((*item.resource.id.as_uuid(), body))
        })
        .collect()
}

/// The bodies of the campaign kits on the page that the viewer may see: exactly
/// `portal_core::pims::kit::CampaignKit`. The others are absent, so they go out as tombstones.
async fn kit_bodies(
    tx: &mut crate::storage::Read,
    viewer: &Viewer,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    let tier = accounts::partner_summary(tx, viewer.partner).await?.tier;
    let ids: Vec<CampaignKitId> = ids.iter().copied().map(CampaignKitId::from_uuid).collect();
    pims::kits::some(tx, Some(&ids))
        .await?
        .into_iter()
        .filter(|k| super::pims::kits::visible(k, viewer.role, tier))
        .map(|k| {
            let body = serde_json::to_value(&k.kit).map_err(Error::corrupt)?;
            Ok((*k.kit.id.as_uuid(), body))
        })
        .collect()
}

/// The firm's own marketing profile, if the page names it (its id is the firm's).
async fn profile_body(
    tx: &mut crate::storage::Read,
    viewer: &Viewer,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, serde_json::Value>> {
    let mut out = HashMap::new();
    if ids.contains(viewer.partner.as_uuid()) {
        if let Some(p) = pims::profiles::find(tx, viewer.partner).await? {
            out.insert(
                *viewer.partner.as_uuid(),
                serde_json::to_value(&p.profile).map_err(Error::corrupt)?,
            );
        }
    }
    Ok(out)
}
