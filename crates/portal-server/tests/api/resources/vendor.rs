//! The vendor's API: files uploaded first, items published, replaced and listed; bad input refused
//! naming the field; a new version's files replace the old ones, which are no longer served.

use super::*;
use portal_core::resources::file_path;

fn field(reply: &Reply) -> (u16, &str, &str) {
    (
        reply.status.as_u16(),
        reply.kind(),
        reply.body["field"].as_str().unwrap_or(""),
    )
}

#[tokio::test]
async fn bad_uploads_and_items_are_refused_naming_the_field() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let pdf = b"%PDF-1.7 a data sheet".to_vec();

    // Uploads.
    let no_name = vendor
        .try_upload("", "application/pdf", pdf.clone())
        .await?;
    assert_eq!(field(&no_name), (422, "invalid_input", "name"));
    let folder = vendor
        .try_upload("a/b.pdf", "application/pdf", pdf.clone())
        .await?;
    assert_eq!(field(&folder), (422, "invalid_input", "name"));
    let untyped = vendor.try_upload("a.pdf", "pdf", pdf.clone()).await?;
    assert_eq!(field(&untyped), (422, "invalid_input", "content_type"));
    let empty = vendor
        .try_upload("a.pdf", "application/pdf", Vec::new())
        .await?;
    assert_eq!(field(&empty), (422, "invalid_input", "content"));
    let first = vendor
        .upload("Data-Sheet.pdf", "application/pdf", pdf.clone())
        .await?;
    assert_eq!(first.size, pdf.len() as u64);
    assert_eq!(first.sha256.as_str(), sha256_hex(&pdf));
    let again = vendor
        .upload("Copy.pdf", "application/pdf", pdf.clone())
        .await?;
    assert_eq!(again.sha256, first.sha256, "stored once, by its hash");
    let picture = vendor
        .upload(
            "thumb.png",
            "image/png",
            b"\x89PNG\r\n\x1a\nnot really".to_vec(),
        )
        .await?;

    // Items.
    let good = json!({
        "category": "customer_tools",
        "title": "A data sheet",
        "summary": "For customers.",
        "products": ["BM-GW"],
        "files": [first.sha256],
        "thumbnail": picture.sha256,
    });
    let with = |k: &str, v: Value| {
        let mut item = good.clone();
        item[k] = v;
        item
    };
    let unknown_file = "ab".repeat(32);
    for (bad, expected) in [
        (with("files", json!([unknown_file])), "files"),
        (with("files", json!([])), "files"),
        (with("files", json!([first.sha256, first.sha256])), "files"),
        (with("thumbnail", json!(first.sha256)), "thumbnail"),
        (with("thumbnail", json!(unknown_file)), "thumbnail"),
        (with("products", json!(["BM-GW", "NOPE-1"])), "products"),
        (with("title", json!("  ")), "title"),
        (with("summary", json!("x".repeat(401))), "summary"),
        (
            with("review_on", json!("2030-01-02"))
                .as_object()
                .cloned()
                .map(|mut o| {
                    o.insert("expires_on".into(), json!("2030-01-01"));
                    Value::Object(o)
                })
                .unwrap_or_default(),
            "review_on",
        ),
    ] {
        let reply = vendor.post("/api/v1/vendor/resources", bad.clone()).await?;
        assert_eq!(
            field(&reply),
            (422, "invalid_input", expected),
            "{bad}: {reply:?}"
        );
        assert!(!reply.body["message"].as_str().unwrap_or("").is_empty());
    }
    let products = vendor
        .post(
            "/api/v1/vendor/resources",
            with("products", json!(["NOPE-1"])),
        )
        .await?;
    assert!(products.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("NOPE-1"));
    for malformed in [with("category", json!("whats_new")), json!({"title": "x"})] {
        let reply = vendor.post("/api/v1/vendor/resources", malformed).await?;
        assert_eq!(
            (reply.status.as_u16(), reply.kind()),
            (422, "invalid_input")
        );
    }
    let published = vendor.publish(good).await?;
    let r = &published.resource;
    assert_eq!((r.version, r.versions.len()), (1, 1));
    assert_eq!(
        r.files[0].name, "Data-Sheet.pdf",
        "the name it was first uploaded under"
    );
    assert_eq!(r.products[0].name, "Bastion Email Security Gateway");
    assert_eq!(
        r.thumbnail.as_ref().map(|t| &t.sha256),
        Some(&picture.sha256)
    );

    // Listed with the seeded library; read one by one.
    let list = vendor.get("/api/v1/vendor/resources").await?;
    let list: Vec<VendorResource> = serde_json::from_value(list.body)?;
    assert!(list.len() > 20);
    assert_eq!(list[0].resource.id, r.id, "newest first");
    let one = vendor
        .get(&format!("/api/v1/vendor/resources/{}", r.id))
        .await?;
    assert_eq!(
        serde_json::from_value::<VendorResource>(one.body)?,
        published
    );
    for missing in ["0191d2c0-0000-7000-8000-000000000001", "nope"] {
        let reply = vendor
            .get(&format!("/api/v1/vendor/resources/{missing}"))
            .await?;
        assert_eq!(reply.status, 404);
        let reply = vendor
            .post(
                &format!("/api/v1/vendor/resources/{missing}/withdraw"),
                Value::Null,
            )
            .await?;
        assert_eq!(reply.status, 404);
    }
    let no_note = vendor
        .post(
            &format!("/api/v1/vendor/resources/{}/versions", r.id),
            json!({"files": [first.sha256], "note": ""}),
        )
        .await?;
    assert_eq!(field(&no_note), (422, "invalid_input", "note"));
    Ok(())
}

#[tokio::test]
async fn a_new_version_replaces_the_files_and_the_old_ones_are_no_longer_served() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let vendor = Vendor::sign_in(&server).await?;
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let v1 = vendor
        .publish_simple("Gateway pitch deck", json!({}))
        .await?;
    let id = v1.resource.id;
    let old = &v1.resource.files[0];
    let (seen, cursor) = pull_resources(&sales, 0).await?;
    assert_eq!(seen[id.as_uuid()].as_ref().map(|r| r.version), Some(1));
    assert_eq!(
        fetch(&sales, &file_path(id, &old.sha256), &[]).await?.0,
        200
    );

    let deck = vendor
        .upload(
            "Gateway-Pitch-Deck.pdf",
            "application/pdf",
            b"%PDF-1.7 v2 deck".to_vec(),
        )
        .await?;
    let notes = vendor
        .upload("Speaker-Notes.txt", "text/plain", b"Say hello.".to_vec())
        .await?;
    let v2 = vendor
        .replace(
            id,
            json!({"files": [deck.sha256, notes.sha256], "note": "New design; speaker notes added.",
                   "title": "Gateway pitch deck (2027)"}),
        )
        .await?;
    let (seen, _) = pull_resources(&sales, cursor).await?;
    let pulled = seen[id.as_uuid()].clone().expect("the new version");
    assert_eq!(pulled, v2.resource);
    assert_eq!(pulled.version, 2);
    assert_eq!(pulled.title, "Gateway pitch deck (2027)");
    assert_eq!(
        pulled.published_at, v1.resource.published_at,
        "first published stays"
    );
    assert_eq!(pulled.versions[1].note, "New design; speaker notes added.");
    let names: Vec<_> = pulled.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Gateway-Pitch-Deck.pdf", "Speaker-Notes.txt"]);
    // The old version's file is no longer served for the item; the new ones are.
    assert_eq!(
        fetch(&sales, &file_path(id, &old.sha256), &[]).await?.0,
        404
    );
    for f in &pulled.files {
        let (status, _, bytes) = fetch(&sales, &file_path(id, &f.sha256), &[]).await?;
        assert_eq!(status, 200);
        assert_eq!(sha256_hex(&bytes), f.sha256.as_str());
    }
    Ok(())
}
