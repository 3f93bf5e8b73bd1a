//! Files: whole, in ranges, resumed; 416 past the end; If-Range; only for those who may see them.

use super::*;
use portal_core::resources::file_path;
use portal_server::seed::library;
use portal_server::testing::TestServer;

#[tokio::test]
async fn a_download_resumes_from_where_it_stopped_and_matches_its_sha256() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let items = library(&sales).await?;
    let card = &items[library::VERSIONED];
    let file = &card.files[0];
    assert_eq!(file.media_type, "application/pdf");
    let path = file_path(card.id, &file.sha256);
    assert_eq!(
        path,
        format!("/api/v1/resources/{}/files/{}", card.id, file.sha256)
    );

    let (status, headers, whole) = fetch(&sales, &path, &[]).await?;
    assert_eq!(status, 200);
    assert_eq!(whole.len() as u64, file.size);
    assert_eq!(sha256_hex(&whole), file.sha256.as_str());
    assert!(whole.starts_with(b"%PDF-"));
    assert_eq!(header(&headers, "accept-ranges"), "bytes");
    assert_eq!(header(&headers, "content-type"), "application/pdf");
    let etag = format!("\"{}\"", file.sha256);
    assert_eq!(header(&headers, "etag"), etag);
    assert!(
        header(&headers, "content-disposition").contains("filename=\"Bastion-Battle-Card.pdf\"")
    );

    // The download stops a third of the way; it resumes from there, sure of the same bytes.
    let cut = file.size / 3;
    let (status, headers, first) =
        fetch(&sales, &path, &[("Range", &format!("bytes=0-{}", cut - 1))]).await?;
    assert_eq!(status, 206);
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes 0-{}/{}", cut - 1, file.size)
    );
    assert_eq!(first.len() as u64, cut);
    let (status, headers, rest) = fetch(
        &sales,
        &path,
        &[("Range", &format!("bytes={cut}-")), ("If-Range", &etag)],
    )
    .await?;
    assert_eq!(status, 206);
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes {cut}-{}/{}", file.size - 1, file.size)
    );
    assert_eq!(
        header(&headers, "content-length"),
        (file.size - cut).to_string()
    );
    let joined = [first, rest].concat();
    assert_eq!(sha256_hex(&joined), file.sha256.as_str());

    // The last bytes; a resume against other bytes gets the whole file; past the end, 416.
    let (status, _, tail) = fetch(&sales, &path, &[("Range", "bytes=-10")]).await?;
    assert_eq!(
        (status.as_u16(), tail.as_slice()),
        (206, &whole[whole.len() - 10..])
    );
    let (status, _, again) = fetch(
        &sales,
        &path,
        &[("Range", "bytes=10-"), ("If-Range", "\"0000\"")],
    )
    .await?;
    assert_eq!((status.as_u16(), again.len()), (200, whole.len()));
    let (status, headers, _) = fetch(
        &sales,
        &path,
        &[("Range", &format!("bytes={}-", file.size))],
    )
    .await?;
    assert_eq!(status, 416);
    assert_eq!(
        header(&headers, "content-range"),
        format!("bytes */{}", file.size)
    );
    let (status, _, nothing) = fetch(&sales, &path, &[("If-None-Match", &etag)]).await?;
    assert_eq!((status.as_u16(), nothing.len()), (304, 0));

    // The thumbnail comes the same way, and is a real PNG.
    let thumb = card.thumbnail.as_ref().expect("a thumbnail");
    let (status, headers, png) = fetch(&sales, &file_path(card.id, &thumb.sha256), &[]).await?;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "image/png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(sha256_hex(&png), thumb.sha256.as_str());
    Ok(())
}

#[tokio::test]
async fn a_file_is_not_found_for_those_who_may_not_see_its_item() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let marketing = Installation::sign_in(&server, "marketing@northwind.example").await?;
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let bluefin = Installation::sign_in(&server, "admin@bluefin.example").await?;
    let items = library(&marketing).await?;
    let guide = &items[library::MARKETING_ONLY];
    let guide_path = file_path(guide.id, &guide.files[0].sha256);
    let (status, _, bytes) = fetch(&marketing, &guide_path, &[]).await?;
    assert_eq!(status, 200);
    assert_eq!(sha256_hex(&bytes), guide.files[0].sha256.as_str());

    let unknown = |reply: (StatusCode, HeaderMap, Vec<u8>)| -> Result<String> {
        assert_eq!(reply.0, 404);
        let body: serde_json::Value = serde_json::from_slice(&reply.2)?;
        Ok(body["message"].as_str().unwrap_or("").to_owned())
    };
    // A role the item is not for, and a firm whose tier it is not for, are told what a stranger is.
    let for_sales = unknown(fetch(&sales, &guide_path, &[]).await?)?;
    let deep_dive = &library(&sales).await?[library::GOLD_AND_PLATINUM];
    let silver = unknown(
        fetch(
            &bluefin,
            &file_path(deep_dive.id, &deep_dive.files[0].sha256),
            &[],
        )
        .await?,
    )?;
    let nobody = unknown(
        fetch(
            &sales,
            &file_path(guide.id, &"0".repeat(64).parse().unwrap()),
            &[],
        )
        .await?,
    )?;
    assert_eq!(for_sales, nobody);
    assert_eq!(silver, nobody);
    // Another item's file is not this item's.
    let other = &items[library::VERSIONED];
    unknown(
        fetch(
            &marketing,
            &file_path(other.id, &guide.files[0].sha256),
            &[],
        )
        .await?,
    )?;
    for bad in [
        "/api/v1/resources/nope/files/abc",
        &format!("/api/v1/resources/{}/files/xyz", guide.id),
    ] {
        unknown(fetch(&marketing, bad, &[]).await?)?;
    }
    // Signed out: 401.
    let reply = reqwest::get(format!("{}{guide_path}", marketing.api.base)).await?;
    assert_eq!(reply.status(), 401);
    Ok(())
}

/// The test server's helpers the client's tests use: a damaged stored file is served as it is
/// (the app checks every byte against the hash), a new version and a withdrawal published
/// beside the running server reach the next pull.
#[tokio::test]
async fn the_test_servers_helpers_damage_files_and_publish_beside_the_server() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let card = server.resource(library::VERSIONED).await?.resource;
    let file = &card.files[0];
    let path = file_path(card.id, &file.sha256);
    let held = server.overwrite_resource_file(&file.sha256, b"not the battle card")?;
    let (status, _, damaged) = fetch(&sales, &path, &[]).await?;
    assert_eq!(
        (status.as_u16(), damaged.as_slice()),
        (200, &b"not the battle card"[..])
    );
    assert_ne!(sha256_hex(&damaged), file.sha256.as_str());
    server.overwrite_resource_file(&file.sha256, &held)?;
    let (_, _, repaired) = fetch(&sales, &path, &[]).await?;
    assert_eq!(sha256_hex(&repaired), file.sha256.as_str());

    let (_, cursor) = pull_resources(&sales, 0).await?;
    let v3 = server
        .replace_resource(
            card.id,
            &[("Bastion-Battle-Card.pdf", "application/pdf", b"%PDF-1.7 v3")],
            "Third edition.",
        )
        .await?;
    assert_eq!(v3.resource.version, 3);
    let (seen, cursor) = pull_resources(&sales, cursor).await?;
    assert_eq!(seen[card.id.as_uuid()].as_ref(), Some(&v3.resource));
    let fresh = server
        .publish_resource(
            portal_core::resources::Category::CustomerTools,
            "Fresh guide",
            Default::default(),
            &[("Fresh.pdf", "application/pdf", b"%PDF-1.7 fresh")],
        )
        .await?;
    server.withdraw_resource(card.id).await?;
    let (seen, _) = pull_resources(&sales, cursor).await?;
    assert_eq!(seen[card.id.as_uuid()], None);
    assert_eq!(
        seen[fresh.resource.id.as_uuid()].as_ref(),
        Some(&fresh.resource)
    );
    Ok(())
}
