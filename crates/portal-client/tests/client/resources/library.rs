//! The library as the app reads it: an item published after the first sync arrives at the next,
//! lists first in What's New marked New, is found word by word, previews (a PDF's first pages as
//! PNG, an image as it is), is announced once (by product), and stops being New once What's New
//! has been looked at.

use super::{pdf, png, Vendor};
use crate::support::{signed_in, synced, SALES};
use anyhow::Result;
use portal_core::resources::{
    library::{FileRef, ResourceQuery, ResourceSort},
    Category, FileType,
};
use portal_server::testing::TestServer;

#[tokio::test]
async fn a_published_item_lists_searches_previews_and_is_announced_once() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), SALES).await?;
    synced(&portal).await?;
    // The first sync of an install announces nothing: what it brought counts as announced.
    assert!(portal.resources_to_announce(&[]).await?.is_empty());
    let before = portal.resources(&ResourceQuery::default()).await?.total;

    let vendor = Vendor::sign_in(&server).await?;
    let card = vendor
        .upload("Zephyr-Battle-Card.pdf", "application/pdf", pdf(3))
        .await?;
    let picture = vendor
        .upload("zephyr-banner.png", "image/png", png())
        .await?;
    let published = vendor
        .publish(
            Category::SalesTools,
            "Zephyr battle card",
            &[&card, &picture],
            Some(&picture),
        )
        .await?;
    let id = published.resource.id;
    let sheet = vendor
        .upload("archive-sheet.pdf", "application/pdf", pdf(1))
        .await?;
    let archive_only = vendor
        .publish_for(
            Category::CustomerTools,
            "Archive data sheet",
            &[&sheet],
            None,
            &["BM-ARC"],
        )
        .await?;
    synced(&portal).await?;

    // What's New: newest first, marked New, with the facets of everything listed.
    let list = portal.resources(&ResourceQuery::default()).await?;
    assert_eq!(list.total, before + 2);
    assert_eq!(list.rows[0].id, archive_only.resource.id);
    assert_eq!(list.rows[1].id, id);
    assert!(list.rows[1].is_new);
    assert_eq!(list.rows[1].file_type, FileType::Pdf);
    // The seeded library has an expired item; it shows as such.
    let everything = portal
        .resources(&ResourceQuery {
            limit: 500,
            ..ResourceQuery::default()
        })
        .await?;
    assert!(everything.rows.iter().any(|r| r.expired));
    // The Product filter: only items that concern the product, its name among the facets.
    let archive = portal
        .resources(&ResourceQuery {
            product: Some("BM-ARC".into()),
            limit: 500,
            ..ResourceQuery::default()
        })
        .await?;
    assert!(archive
        .rows
        .iter()
        .any(|r| r.id == archive_only.resource.id));
    assert!(archive
        .rows
        .iter()
        .all(|r| r.products.iter().any(|p| p.sku == "BM-ARC")));
    assert!(archive
        .products
        .iter()
        .any(|p| p.sku == "BM-ARC" && !p.name.is_empty()));
    assert!(list.file_types.contains(&FileType::Pdf));
    assert!(list.as_of.is_some());

    // Every word somewhere, any case; the category and the type filter narrow it.
    for search in ["zephyr", "BATTLE zeph", "banner.png zephyr"] {
        let found = portal
            .resources(&ResourceQuery {
                search: search.into(),
                ..ResourceQuery::default()
            })
            .await?;
        assert_eq!(found.total, 1, "searching {search:?}");
        assert_eq!(found.rows[0].id, id);
    }
    let in_category = portal
        .resources(&ResourceQuery {
            category: Some(Category::SalesTools),
            search: "zephyr".into(),
            file_type: Some(FileType::Pdf),
            sort: ResourceSort::Title,
            ..ResourceQuery::default()
        })
        .await?;
    assert_eq!(in_category.total, 1);
    let elsewhere = portal
        .resources(&ResourceQuery {
            category: Some(Category::BrandingLogos),
            search: "zephyr".into(),
            ..ResourceQuery::default()
        })
        .await?;
    assert_eq!(elsewhere.total, 0);

    // The item's page.
    let detail = portal.resource(id).await?;
    assert_eq!(detail.resource.title, "Zephyr battle card");
    assert_eq!(detail.files.len(), 2);
    assert!(detail.is_new && !detail.expired && detail.may_share);

    // Previews: the PDF's first two pages as PNG (of three), the image as it is.
    let preview = portal
        .preview_resource_file(
            &FileRef {
                id,
                sha256: card.sha256.clone(),
            },
            2,
        )
        .await?;
    assert_eq!(preview.page_count, 3);
    assert_eq!(preview.pages.len(), 2);
    assert!(preview
        .pages
        .iter()
        .all(|p| p.starts_with("data:image/png;base64,")));
    let image = portal
        .preview_resource_file(
            &FileRef {
                id,
                sha256: picture.sha256.clone(),
            },
            1,
        )
        .await?;
    assert_eq!(image.page_count, 1);
    assert!(image.pages[0].starts_with("data:image/png;base64,"));

    // Announced once, for the products the user follows (an item naming none concerns them all;
    // the Archive data sheet concerns another product).
    let announced = portal.resources_to_announce(&["BM-GW".into()]).await?;
    assert_eq!(announced.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert!(portal.resources_to_announce(&[]).await?.is_empty());

    // Looking at What's New clears the count and the mark.
    assert!(portal.new_resources().await?.count >= 1);
    assert_eq!(portal.mark_resources_seen().await?.count, 0);
    let list = portal.resources(&ResourceQuery::default()).await?;
    assert!(list.rows.iter().all(|r| !r.is_new));
    Ok(())
}
