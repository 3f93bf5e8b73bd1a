//! The briefcase: a kept item and a kept category fill (with progress), follow a new version (the
//! old file leaves the disk), drop a withdrawn item at the next sync, take the space they say, and
//! survive a restart — reopened on the same folder with the server stopped, the files are there,
//! verified, and open. Emptying it frees the space.

use super::{archive, kept_path, pdf, png, Vendor};
use crate::support::{signed_in, synced, SALES};
use anyhow::Result;
use portal_client::Portal;
use portal_core::resources::{
    library::{Briefcase, FileRef, KeepTarget, OfflineState, ResourceQuery},
    Category,
};
use portal_server::testing::TestServer;
use std::sync::Mutex;

fn state_of(b: &Briefcase, title: &str) -> Option<OfflineState> {
    b.items
        .iter()
        .find(|i| i.title == title)
        .map(|i| i.offline.state)
}

#[tokio::test]
async fn the_briefcase_fills_follows_versions_drops_withdrawn_and_survives_a_restart() -> Result<()>
{
    let mut server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, stored) = signed_in(dir.path(), &server.base_url(), SALES).await?;
    synced(&portal).await?;

    let vendor = Vendor::sign_in(&server).await?;
    let deck = vendor
        .upload("deck.zip", "application/zip", archive(300_000, 1))
        .await?;
    let thumb = vendor.upload("deck.png", "image/png", png()).await?;
    let item = vendor
        .publish(
            Category::SalesTools,
            "Quasar pitch deck",
            &[&deck],
            Some(&thumb),
        )
        .await?;
    let logo = vendor.upload("logo.pdf", "application/pdf", pdf(1)).await?;
    let logos = vendor
        .publish(Category::BrandingLogos, "Quasar logo sheet", &[&logo], None)
        .await?;
    synced(&portal).await?;

    // Keep one item and one whole category: both wait to download.
    let b = portal
        .keep_offline(&KeepTarget::Item(item.resource.id), true)
        .await?;
    assert_eq!(
        state_of(&b, "Quasar pitch deck"),
        Some(OfflineState::Waiting)
    );
    let b = portal
        .keep_offline(&KeepTarget::Category(Category::BrandingLogos), true)
        .await?;
    assert_eq!(b.categories, [Category::BrandingLogos]);
    assert!(b.bytes_waiting >= deck.size + logo.size);
    let by_category = b
        .items
        .iter()
        .find(|i| i.id == logos.resource.id)
        .expect("kept");
    assert!(by_category.offline.by_category);
    // An item kept through its category is not removed alone.
    assert!(portal
        .keep_offline(&KeepTarget::Item(logos.resource.id), false)
        .await
        .is_err());

    // Filling it reports progress and ends with every file here and verified.
    let seen = Mutex::new(Vec::new());
    let b = portal
        .fill_briefcase(|b: &Briefcase| {
            if let Some(i) = b.items.iter().find(|i| i.title == "Quasar pitch deck") {
                seen.lock()
                    .unwrap()
                    .push((i.offline.state, i.offline.bytes_done));
            }
        })
        .await?;
    let seen = seen.into_inner().unwrap();
    assert!(
        seen.iter().any(|(s, _)| *s == OfflineState::Downloading),
        "{seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].1 <= w[1].1),
        "progress only grows: {seen:?}"
    );
    assert!(
        b.items
            .iter()
            .all(|i| i.offline.state == OfflineState::Ready),
        "{b:?}"
    );
    assert_eq!(b.bytes_waiting, 0);
    assert!(b.bytes_used >= deck.size + logo.size);
    assert!(kept_path(dir.path(), &deck.sha256).is_file());
    // The list shows it available offline, with its thumbnail fetched.
    let row = portal
        .resources(&ResourceQuery::default())
        .await?
        .rows
        .into_iter()
        .find(|r| r.id == item.resource.id)
        .expect("listed");
    assert_eq!(row.offline.state, OfflineState::Ready);
    assert!(row
        .thumbnail
        .as_deref()
        .is_some_and(|t| t.starts_with("data:image/png")));

    // A later item of the kept category is kept too; a new version replaces the old file.
    let banner = vendor
        .upload("banner.pdf", "application/pdf", pdf(2))
        .await?;
    let later = vendor
        .publish(Category::BrandingLogos, "Quasar banner", &[&banner], None)
        .await?;
    let deck2 = vendor
        .upload("deck.zip", "application/zip", archive(200_000, 2))
        .await?;
    vendor.replace(item.resource.id, &[&deck2]).await?;
    // The logo sheet is withdrawn: it leaves the briefcase at the next sync.
    vendor.withdraw(logos.resource.id).await?;
    synced(&portal).await?;
    let b = portal.fill_briefcase(|_| {}).await?;
    let ids: Vec<_> = b.items.iter().map(|i| i.id).collect();
    assert!(ids.contains(&later.resource.id), "{b:?}");
    assert!(!ids.contains(&logos.resource.id), "{b:?}");
    let deck_item = b
        .items
        .iter()
        .find(|i| i.id == item.resource.id)
        .expect("kept");
    assert_eq!(deck_item.version, 2);
    assert_eq!(deck_item.offline.state, OfflineState::Ready);
    assert!(kept_path(dir.path(), &deck2.sha256).is_file());
    assert!(
        !kept_path(dir.path(), &deck.sha256).exists(),
        "the old version's file is freed"
    );
    assert!(
        !kept_path(dir.path(), &logo.sha256).exists(),
        "the withdrawn item's file is freed"
    );
    // The space used is that of the kept items' current files, each once (the seeded Branding &
    // Logos items are kept with the category too, and some share files).
    let mut files = std::collections::BTreeMap::new();
    for i in &b.items {
        for f in portal.resource(i.id).await?.files {
            files.insert(f.file.sha256.clone(), f.file.size);
        }
    }
    assert_eq!(b.bytes_used, files.values().sum::<u64>());
    assert!(b.bytes_used >= deck2.size + banner.size);

    // A restart with the server stopped: the same folder, the session resumed offline.
    drop(portal);
    server.stop().await?;
    let portal = Portal::open(dir.path()).await?;
    portal.resume(stored).await?;
    let b = portal.briefcase().await?;
    assert!(
        b.items
            .iter()
            .all(|i| i.offline.state == OfflineState::Ready),
        "{b:?}"
    );
    let local = portal
        .resource_file(&FileRef {
            id: item.resource.id,
            sha256: deck2.sha256.clone(),
        })
        .await?;
    assert_eq!(std::fs::read(&local.path)?, archive(200_000, 2));
    assert_eq!(local.name, "deck.zip");
    assert_eq!(local.media_type, "application/zip");

    // Emptying it frees the space.
    let b = portal.empty_briefcase().await?;
    assert!(b.items.is_empty() && b.categories.is_empty());
    assert_eq!(b.bytes_used, 0);
    assert!(!kept_path(dir.path(), &deck2.sha256).exists());
    Ok(())
}
