//! Files are never handed out damaged, downloads resume, and uses are counted once: a local copy
//! that no longer matches its hash is fetched again; a file the server itself holds damaged is
//! refused with an error (and nothing is left to open); a partial download continues with a range
//! request and ends verified (and leaves at sign-out); a download recorded offline is pushed later and counted once.

use super::{archive, kept_path, server_blob, Vendor};
use crate::support::{signed_in, synced, SALES};
use anyhow::Result;
use portal_core::{
    pending::ChangeState,
    resources::{
        library::{Briefcase, FileRef, KeepTarget, OfflineState},
        Category, UseKind,
    },
    sync::Entity,
};
use portal_server::testing::TestServer;
use std::sync::Mutex;

#[tokio::test]
async fn a_damaged_copy_is_fetched_again_and_a_damaged_original_is_refused() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), SALES).await?;
    let vendor = Vendor::sign_in(&server).await?;
    let content = archive(50_000, 7);
    let file = vendor
        .upload("kit.zip", "application/zip", content.clone())
        .await?;
    let item = vendor
        .publish(Category::CustomerTools, "Onboarding kit", &[&file], None)
        .await?;
    synced(&portal).await?;
    portal
        .keep_offline(&KeepTarget::Item(item.resource.id), true)
        .await?;
    portal.fill_briefcase(|_| {}).await?;
    let at = kept_path(dir.path(), &file.sha256);
    let reference = FileRef {
        id: item.resource.id,
        sha256: file.sha256.clone(),
    };

    // The local copy is damaged: it is noticed before use, deleted and fetched again.
    let mut damaged = content.clone();
    damaged[100] ^= 0xff;
    std::fs::write(&at, &damaged)?;
    let local = portal.resource_file(&reference).await?;
    assert_eq!(std::fs::read(&local.path)?, content);

    // The server's own copy is damaged too, and the local one again: an error, nothing handed out.
    let blob = server_blob(&server, &file.sha256);
    assert!(
        blob.is_file(),
        "the server stores files under files/ab/abcd…"
    );
    std::fs::write(&blob, &damaged)?;
    std::fs::write(&at, &damaged)?;
    let err = portal.resource_file(&reference).await.unwrap_err();
    let message = err.to_api_error().message;
    assert!(!at.exists(), "the damaged copy is gone");
    assert!(
        message.contains("kit.zip did not match its checksum; it was not opened"),
        "{message}"
    );
    let preview = portal.preview_resource_file(&reference, 1).await;
    assert!(preview.is_err());
    // The briefcase shows it failed, with the reason, after a fill.
    let b = portal.fill_briefcase(|_| {}).await?;
    assert_eq!(b.items[0].offline.state, OfflineState::Failed, "{b:?}");
    assert!(b.items[0].offline.message.is_some());
    assert!(!at.exists());
    Ok(())
}

#[tokio::test]
async fn a_partial_download_resumes_with_a_range_request_and_ends_verified() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), SALES).await?;
    let vendor = Vendor::sign_in(&server).await?;
    let content = archive(400_000, 11);
    let file = vendor
        .upload("campaign.zip", "application/zip", content.clone())
        .await?;
    let item = vendor
        .publish(
            Category::CampaignAssets,
            "Spring campaign kit",
            &[&file],
            None,
        )
        .await?;
    synced(&portal).await?;
    portal
        .keep_offline(&KeepTarget::Item(item.resource.id), true)
        .await?;

    // An interrupted download left the first 300,000 bytes in the part file.
    let kept = kept_path(dir.path(), &file.sha256);
    std::fs::create_dir_all(kept.parent().unwrap())?;
    let part = kept.with_file_name(format!("{}.part", file.sha256));
    std::fs::write(&part, &content[..300_000])?;
    let b = portal.briefcase().await?;
    assert_eq!(b.items[0].offline.bytes_done, 300_000);
    assert_eq!(b.bytes_waiting, 100_000);

    let reports = Mutex::new(Vec::new());
    let b = portal
        .fill_briefcase(|b: &Briefcase| {
            if b.items[0].offline.state == OfflineState::Downloading {
                reports.lock().unwrap().push(b.items[0].offline.bytes_done);
            }
        })
        .await?;
    let reports = reports.into_inner().unwrap();
    // Resumed: the first bytes heard of came after the 300,000 already here (a download from the
    // start would report its first chunk, far fewer).
    assert!(!reports.is_empty());
    assert!(reports[0] > 300_000, "{reports:?}");
    assert_eq!(b.items[0].offline.state, OfflineState::Ready);
    assert!(!part.exists());
    assert_eq!(std::fs::read(&kept)?, content);

    // Signing out takes the user's briefcase files with their data.
    portal.sign_out(false).await?;
    assert!(!kept.exists());
    Ok(())
}

#[tokio::test]
async fn a_download_recorded_offline_is_pushed_later_and_counted_once() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), SALES).await?;
    let vendor = Vendor::sign_in(&server).await?;
    let file = vendor
        .upload("guide.zip", "application/zip", archive(10_000, 3))
        .await?;
    let item = vendor
        .publish(Category::CustomerTools, "Admin guide", &[&file], None)
        .await?;
    synced(&portal).await?;
    let reference = FileRef {
        id: item.resource.id,
        sha256: file.sha256.clone(),
    };
    portal
        .keep_offline(&KeepTarget::Item(item.resource.id), true)
        .await?;
    portal.fill_briefcase(|_| {}).await?;

    // Offline: the file opens from the briefcase and the download is queued.
    server.stop().await?;
    portal.resource_file(&reference).await?;
    portal
        .record_resource_use(&reference, UseKind::Download)
        .await?;
    let changes = portal.pending_changes().await?;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].entity, Entity::ResourceUse);
    assert_eq!(changes[0].summary, "Downloaded (counted for the vendor)");
    assert_eq!(changes[0].record_label, "Admin guide \u{b7} guide.zip");
    assert_eq!(changes[0].state, ChangeState::Pending);

    // Back online: pushed, counted once however often it syncs.
    server.start().await?;
    synced(&portal).await?;
    synced(&portal).await?;
    let usage = vendor.usage().await?;
    let row = usage
        .iter()
        .find(|u| u.resource_id == Some(item.resource.id))
        .expect("the item's counts");
    assert_eq!((row.downloads, row.opens, row.shares), (1, 0, 0));
    // Never pulled back, it does not stay in the replica once the server has it.
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record WHERE entity = 'resource_use'")
        .fetch_one(portal.cache().pool())
        .await?;
    assert_eq!(left, 0);
    Ok(())
}
