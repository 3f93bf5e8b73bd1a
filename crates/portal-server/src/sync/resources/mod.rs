//! Marketing resources: the vendor publishes an item, replaces its files (a new version) and
//! withdraws it, and each change reaches exactly the firms the item's audience admits.
//!
//! **Who receives what.** A firm whose tier the audience does not admit gets no change-log row for
//! the item at all; when a new version's audience stops admitting it, or the item is withdrawn, it
//! gets a tombstone, so the item leaves its apps at their next sync. Within an admitted firm the
//! pull ([`super::pull`]) holds back the body from users whose role is not admitted ([`visible`]).
//! Uses partners push are [`uses`]; the files' bytes are [`files`].

pub mod files;
pub mod uses;

use crate::error::Result;
use crate::storage::{accounts, changelog, resources, Storage, Write};
use chrono::Utc;
use portal_core::api::partner::Tier;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{NewResource, Replacement, ResourceStatus, VendorResource};
use portal_core::resources::Resource;
use portal_core::resources::{Audience, ProductTag, ResourceFile, Sha256, VersionNote};
use portal_core::sync::Entity;
use portal_core::{ApiError, Role};

const E: Entity = Entity::Resource;

/// Whether a user of this role, in a firm of this tier, may see the item.
pub fn visible(item: &VendorResource, role: Role, tier: Tier) -> bool {
    item.withdrawn_at.is_none() && item.audience.admits(role, tier)
}

/// Logs the item's change for the firms it reaches: a change for each firm `now` admits, a
/// tombstone for each that `before` admitted and `now` does not (`None`: nobody).
async fn log(
    tx: &mut Write,
    id: ResourceId,
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

/// The files these hashes name, in order, each under the name it was uploaded with; an unknown
/// hash is refused, naming `field`.
async fn files(tx: &mut Write, field: &str, hashes: &[Sha256]) -> Result<Vec<ResourceFile>> {
    let mut out = Vec::with_capacity(hashes.len());
    for h in hashes {
        let blob = resources::blob(tx, h).await?.ok_or_else(|| {
            ApiError::invalid(
                field,
                format!("No file with the SHA-256 {h} was uploaded: upload it first."),
            )
        })?;
        out.push(ResourceFile {
            name: blob
                .name
                .unwrap_or_else(|| format!("{}.bin", &h.as_str()[..12])),
            media_type: blob.media_type,
            size: blob.size,
            sha256: blob.sha256,
        });
    }
    Ok(out)
}

/// The price book's products with these SKUs; an unknown SKU is refused, naming `products`.
async fn products(tx: &mut Write, skus: &[String]) -> Result<Vec<ProductTag>> {
    let mut skus: Vec<String> = skus.iter().map(|s| s.trim().to_owned()).collect();
    let mut seen = std::collections::HashSet::new();
    skus.retain(|s| seen.insert(s.clone()));
    let unknown = resources::unknown_skus(tx, &skus).await?;
    if !unknown.is_empty() {
        return Err(ApiError::invalid(
            "products",
            format!(
                "The price book has no product {}.",
                portal_core::words::and_list(
                    &unknown.iter().map(String::as_str).collect::<Vec<_>>()
                )
            ),
        )
        .into());
    }
    // Names are filled in when the item is read back.
    Ok(skus
        .into_iter()
        .map(|sku| ProductTag {
            name: sku.clone(),
            sku,
        })
        .collect())
}

async fn thumbnail(tx: &mut Write, hash: Option<&Sha256>) -> Result<Option<ResourceFile>> {
    match hash {
        None => Ok(None),
        Some(h) => {
            let file = files(tx, "thumbnail", std::slice::from_ref(h))
                .await?
                .remove(0);
            if portal_core::resources::FileType::of(&file.media_type)
                != portal_core::resources::FileType::Image
            {
                return Err(ApiError::invalid(
                    "thumbnail",
                    "A thumbnail must be a picture (PNG or JPEG).",
                )
                .into());
            }
            Ok(Some(file))
        }
    }
}

/// Publishes version 1 of a new item; answers it as stored.
pub async fn publish(storage: &Storage, new: NewResource) -> Result<VendorResource> {
    new.validate()?;
    let mut tx = storage.write().await?;
    let now = Utc::now();
    let id = ResourceId::from_uuid(uuid::Uuid::now_v7());
    let item = VendorResource {
        resource: Resource {
            id,
            category: new.category,
            title: new.title.trim().to_owned(),
            summary: new.summary.trim().to_owned(),
            description: new.description.trim().to_owned(),
            products: products(&mut tx, &new.products).await?,
            files: files(&mut tx, "files", &new.files).await?,
            thumbnail: thumbnail(&mut tx, new.thumbnail.as_ref()).await?,
            version: 1,
            versions: vec![VersionNote {
                version: 1,
                published_at: now,
                note: String::new(),
            }],
            published_at: now,
            review_on: new.review_on,
            expires_on: new.expires_on,
        },
        audience: new.audience,
        status: ResourceStatus::Published,
        withdrawn_at: None,
    };
    resources::save(&mut tx, &item).await?;
    log(&mut tx, id, None, Some(&item.audience)).await?;
    tx.commit().await?;
    tracing::info!(resource = %id, title = %item.resource.title, "resource published");
    read_back(storage, id).await
}

/// The item, or 404.
async fn existing(tx: &mut Write, id: ResourceId) -> Result<VendorResource> {
    Ok(resources::item(tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The resource"))?)
}

async fn read_back(storage: &Storage, id: ResourceId) -> Result<VendorResource> {
    let mut db = storage.conn().await?;
    resources::item(&mut db, id)
        .await?
        .ok_or_else(|| crate::Error::corrupt(format!("resource {id} vanished")))
}

/// Publishes the item's next version: new files, what changed, and any other field given. A
/// withdrawn item cannot be replaced (409).
pub async fn replace(
    storage: &Storage,
    id: ResourceId,
    next: Replacement,
) -> Result<VendorResource> {
    next.validate()?;
    let mut tx = storage.write().await?;
    let mut item = existing(&mut tx, id).await?;
    if item.withdrawn_at.is_some() {
        return Err(ApiError::new(
            portal_core::ErrorKind::Conflict,
            "The resource was withdrawn; publish it again as a new item instead.",
        )
        .into());
    }
    let before = item.audience.clone();
    let now = Utc::now();
    let r = &mut item.resource;
    r.files = files(&mut tx, "files", &next.files).await?;
    if next.thumbnail.is_some() {
        r.thumbnail = thumbnail(&mut tx, next.thumbnail.as_ref()).await?;
    }
    if let Some(t) = next.title {
        r.title = t.trim().to_owned();
    }
    if let Some(s) = next.summary {
        r.summary = s.trim().to_owned();
    }
    if let Some(d) = next.description {
        r.description = d.trim().to_owned();
    }
    if let Some(p) = next.products {
        r.products = products(&mut tx, &p).await?;
    }
    if next.review_on.is_some() {
        r.review_on = next.review_on;
    }
    if next.expires_on.is_some() {
        r.expires_on = next.expires_on;
    }
    if let (Some(review), Some(expiry)) = (r.review_on, r.expires_on) {
        if review > expiry {
            return Err(ApiError::invalid(
                "review_on",
                "The review date must not be after the expiry date.",
            )
            .into());
        }
    }
    r.version += 1;
    r.versions.push(VersionNote {
        version: r.version,
        published_at: now,
        note: next.note.trim().to_owned(),
    });
    if let Some(a) = next.audience {
        item.audience = a;
    }
    resources::save(&mut tx, &item).await?;
    log(&mut tx, id, Some(&before), Some(&item.audience)).await?;
    tx.commit().await?;
    tracing::info!(resource = %id, version = item.resource.version, "resource replaced");
    read_back(storage, id).await
}

/// Withdraws the item: it leaves every app at its next sync (a tombstone for every firm); its use
/// counts stay. Withdrawing it again changes nothing.
pub async fn withdraw(storage: &Storage, id: ResourceId) -> Result<VendorResource> {
    let mut tx = storage.write().await?;
    let mut item = existing(&mut tx, id).await?;
    if item.withdrawn_at.is_none() {
        item.withdrawn_at = Some(Utc::now());
        item.status = ResourceStatus::Withdrawn;
        resources::save(&mut tx, &item).await?;
        log(&mut tx, id, Some(&Audience::everyone()), None).await?;
        tx.commit().await?;
        tracing::info!(resource = %id, "resource withdrawn");
    } else {
        tx.rollback().await?;
    }
    read_back(storage, id).await
}

/// Every item, withdrawn ones too, newest first.
pub async fn list(storage: &Storage) -> Result<Vec<VendorResource>> {
    let mut db = storage.conn().await?;
    resources::items(&mut db, None).await
}

/// One item, withdrawn or not; 404 when unknown.
pub async fn get(storage: &Storage, id: ResourceId) -> Result<VendorResource> {
    let mut db = storage.conn().await?;
    Ok(resources::item(&mut db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The resource"))?)
}
