//! Campaign kits: the vendor publishes and withdraws them; each change reaches the firms whose tier
//! the kit's audience admits (a tombstone to those it admitted before and no longer does), and a
//! pull gives the body to the roles it admits ([`visible`]).

use crate::error::Result;
use crate::storage::pims::kits::{self, StoredKit};
use crate::storage::{accounts, changelog, pricebook, resources, Storage, Write};
use chrono::{DateTime, Utc};
use portal_core::api::partner::Tier;
use portal_core::ids::CampaignKitId;
use portal_core::pims::kit::CampaignKit;
use portal_core::pims::logo::png_size;
use portal_core::pims::vendor::NewKit;
use portal_core::resources::{Audience, Category, ProductTag};
use portal_core::sync::Entity;
use portal_core::{ApiError, Role};
use serde::{Deserialize, Serialize};
use tokio::io::AsyncReadExt;

const E: Entity = Entity::CampaignKit;

/// A kit as the vendor sees it: the kit and, once withdrawn, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VendorKit {
    pub kit: CampaignKit,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl From<StoredKit> for VendorKit {
    fn from(k: StoredKit) -> Self {
        VendorKit {
            kit: k.kit,
            withdrawn_at: k.withdrawn_at,
        }
    }
}

/// Whether a user of this role, in a firm of this tier, may see the kit.
pub fn visible(kit: &StoredKit, role: Role, tier: Tier) -> bool {
    kit.withdrawn_at.is_none() && kit.kit.audience.admits(role, tier)
}

/// Logs the kit's change for the firms it reaches: a change for each firm `now` admits, a tombstone
/// for each that `before` admitted and `now` does not (`None`: nobody).
pub async fn log(
    tx: &mut Write,
    id: CampaignKitId,
    before: Option<&Audience>,
    now: Option<&Audience>,
) -> Result<()> {
    for (firm, tier) in accounts::firm_tiers(tx).await? {
        let admitted = |a: Option<&Audience>| a.is_some_and(|a| a.admits_tier(tier));
        if admitted(now) {
            changelog::record(tx, firm, E, *id.as_uuid(), None, false).await?;
        } else if admitted(before) {
            changelog::record(tx, firm, E, *id.as_uuid(), None, true).await?;
        }
    }
    Ok(())
}

/// Every asset's background must be a PNG file of a published `campaign_assets` resource, of the
/// size the asset states.
async fn check_assets(storage: &Storage, tx: &mut Write, new: &NewKit) -> Result<()> {
    for a in &new.assets {
        let bad = |m: String| -> crate::Error { ApiError::invalid("assets", m).into() };
        let item = resources::item(tx, a.resource_id)
            .await?
            .filter(|i| i.withdrawn_at.is_none())
            .ok_or_else(|| {
                bad(format!(
                    "Asset “{}” names a resource that is not published.",
                    a.title
                ))
            })?;
        if item.resource.category != Category::CampaignAssets {
            return Err(bad(format!(
                "Asset “{}” names “{}”, which is not a campaign asset.",
                a.title, item.resource.title
            )));
        }
        let file = item
            .resource
            .files
            .iter()
            .find(|f| f.sha256 == a.background)
            .ok_or_else(|| {
                bad(format!(
                    "Asset “{}”: the background is not a file of “{}”.",
                    a.title, item.resource.title
                ))
            })?;
        let mut head = [0u8; 24];
        let size = match storage.blobs().open(&file.sha256).await? {
            Some((mut f, len)) if len >= 24 => {
                f.read_exact(&mut head).await?;
                png_size(&head)
            }
            _ => None,
        };
        match size {
            None => {
                return Err(bad(format!(
                    "Asset “{}”: the background “{}” is not a PNG picture.",
                    a.title, file.name
                )))
            }
            Some((w, h)) if (w, h) != (a.width, a.height) => {
                return Err(bad(format!(
                    "Asset “{}”: the background is {w} × {h} pixels, not {} × {}.",
                    a.title, a.width, a.height
                )))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The kit's products by SKU, named as the price book names them; an unknown SKU is refused.
async fn products(tx: &mut Write, tags: &[ProductTag]) -> Result<Vec<ProductTag>> {
    let book = pricebook::products(tx, None).await?;
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for tag in tags {
        let sku = tag.sku.trim();
        match book.iter().find(|p| p.sku == sku) {
            Some(p) if !out.iter().any(|t: &ProductTag| t.sku == sku) => out.push(ProductTag {
                sku: p.sku.clone(),
                name: p.name.clone(),
            }),
            Some(_) => {}
            None => unknown.push(sku),
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::invalid(
            "products",
            format!(
                "The price book has no product {}.",
                portal_core::words::and_list(&unknown)
            ),
        )
        .into());
    }
    Ok(out)
}

/// Publishes a kit; answers it as stored.
pub async fn publish(storage: &Storage, new: NewKit) -> Result<VendorKit> {
    new.check()?;
    let mut tx = storage.write().await?;
    check_assets(storage, &mut tx, &new).await?;
    let products = products(&mut tx, &new.products).await?;
    let kit = CampaignKit {
        id: CampaignKitId::from_uuid(uuid::Uuid::now_v7()),
        name: new.name.trim().to_owned(),
        summary: new.summary.trim().to_owned(),
        products,
        starts_on: new.starts_on,
        ends_on: new.ends_on,
        email: new.email,
        landing: new.landing,
        assets: new.assets,
        published_at: Utc::now(),
        audience: new.audience,
    };
    let stored = StoredKit {
        kit,
        withdrawn_at: None,
    };
    kits::save(&mut tx, &stored).await?;
    log(&mut tx, stored.kit.id, None, Some(&stored.kit.audience)).await?;
    tx.commit().await?;
    tracing::info!(kit = %stored.kit.id, name = %stored.kit.name, "campaign kit published");
    Ok(stored.into())
}

/// Withdraws a kit: it leaves every app at its next sync. Withdrawing it again changes nothing.
pub async fn withdraw(storage: &Storage, id: CampaignKitId) -> Result<VendorKit> {
    let mut tx = storage.write().await?;
    let mut stored = kits::find(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The campaign kit"))?;
    if stored.withdrawn_at.is_none() {
        stored.withdrawn_at = Some(Utc::now());
        kits::save(&mut tx, &stored).await?;
        log(&mut tx, id, Some(&stored.kit.audience), None).await?;
        tx.commit().await?;
        tracing::info!(kit = %id, "campaign kit withdrawn");
    } else {
        tx.rollback().await?;
    }
    Ok(stored.into())
}

/// Every kit, withdrawn ones too, newest first.
pub async fn list(storage: &Storage) -> Result<Vec<VendorKit>> {
    let mut db = storage.conn().await?;
    Ok(kits::some(&mut db, None)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
