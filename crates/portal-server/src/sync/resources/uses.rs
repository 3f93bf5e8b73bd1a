//! What a pushed `resource_use` does: a partner's download, open or share of an item's file
//! (`portal_core::resources::ResourceUse`), stored once per record id for the vendor's counts. A use
//! sent again (a push repeated after a lost answer, or the same record in a new push) is counted
//! once. A use of an item the user may not see, or of a file the item never listed, is refused. Uses
//! are never logged, so no pull ever carries one.

use super::visible;
use crate::error::Result;
use crate::storage::resources::{self, Use};
use crate::storage::{accounts, changelog, Write};
use crate::sync::rules;
use crate::sync::writer::Writer;
use chrono::Utc;
use portal_core::resources::ResourceUse;
use portal_core::sync::{Entity, Outcome};
use portal_core::ApiError;
use serde_json::Value;
use uuid::Uuid;

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    let used: ResourceUse = rules::parse_record(Entity::ResourceUse, body)?;
    let tier = accounts::partner_summary(tx, w.partner).await?.tier;
    let item = resources::item(tx, used.resource_id).await?;
    let Some(item) = item.filter(|i| visible(i, w.role, tier)) else {
        return Err(ApiError::invalid(
            "resource_id",
            "This marketing resource is not available to you (it may have been withdrawn), so its \
             use was not recorded.",
        )
        .into());
    };
    if used.version == 0
        || used.version > item.resource.version
        || !resources::lists_file(tx, used.resource_id, used.version, &used.sha256).await?
    {
        return Err(ApiError::invalid(
            "sha256",
            format!(
                "“{}” has no such file in version {}, so its use was not recorded.",
                item.resource.title, used.version
            ),
        )
        .into());
    }
    resources::record_use(
        tx,
        &Use {
            id,
            resource: used.resource_id,
            partner: w.partner,
            user: w.user,
            version: used.version,
            sha256: used.sha256,
            kind: used.kind,
            at: used.at,
            received_at: Utc::now(),
        },
    )
    .await?;
    // Nothing is logged: the answer carries the firm's newest version.
    let (head, _) = changelog::head_and_horizon(tx, w.partner).await?;
    Ok(Outcome::Applied { version: head })
}

/// The vendor's counts: uses per item, firm or month, between two days (inclusive).
pub async fn usage(
    storage: &crate::storage::Storage,
    q: &portal_core::resources::publish::UsageQuery,
) -> Result<Vec<portal_core::resources::publish::UsageRow>> {
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            return Err(ApiError::invalid("from", "`from` must not be after `to`.").into());
        }
    }
    let mut db = storage.conn().await?;
    resources::usage(&mut db, q).await
}
