//! `portal-server resources …`, the built binary run against a running test server's data
//! directory: publish with files, replace, usage, withdraw, list; bad input says what is wrong.

use super::*;
use portal_core::resources::file_path;
use std::path::Path;

/// Runs the command against the server's data directory: (success, stdout, stderr).
async fn run(server: &TestServer, args: &[&str]) -> Result<(bool, String, String)> {
    let dir = server.data_dir().to_path_buf();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("resources")
            .args(&args)
            .env("PORTAL_DATA_DIR", &dir)
            .env("PORTAL_LOG", "off")
            .output()
    })
    .await??;
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path.display().to_string())
}

#[tokio::test]
async fn the_command_publishes_replaces_counts_and_withdraws() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let files = tempfile::tempdir()?;
    let deck = write(files.path(), "Partner Deck.pdf", b"%PDF-1.7 the deck")?;
    let notes = write(files.path(), "notes.csv", b"slide,note\n1,hello\n")?;
    let thumb = write(files.path(), "deck.png", b"\x89PNG\r\n\x1a\nthumb")?;
    let sales = Installation::sign_in(&server, "sales@northwind.example").await?;
    let bluefin = Installation::sign_in(&server, "admin@bluefin.example").await?;
    let (_, s_cursor) = pull_resources(&sales, 0).await?;
    let (_, b_cursor) = pull_resources(&bluefin, 0).await?;

    let (ok, out, err) = run(
        &server,
        &[
            "publish",
            "--category",
            "sales_tools",
            "--title",
            "Partner deck",
            "--summary",
            "The deck for first meetings.",
            "--product",
            "BM-GW",
            "--role",
            "sales",
            "--tier",
            "gold",
            "--file",
            &deck,
            "--file",
            &notes,
            "--thumbnail",
            &thumb,
            "--expires-on",
            "2099-12-31",
        ],
    )
    .await?;
    assert!(ok, "{err}");
    assert!(
        out.starts_with("published ") && out.contains("Partner deck"),
        "{out}"
    );
    assert!(
        out.contains("Partner Deck.pdf") && out.contains("notes.csv"),
        "{out}"
    );
    let id: Uuid = out
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("the id is printed")?;

    // The running server serves it to exactly its audience, files and all.
    let (seen, s_cursor) = pull_resources(&sales, s_cursor).await?;
    let item = seen[&id].clone().expect("for Gold firms' sales");
    assert_eq!(item.files[0].media_type, "application/pdf");
    assert_eq!(item.files[1].media_type, "text/csv");
    assert_eq!(
        item.thumbnail.as_ref().map(|t| t.media_type.as_str()),
        Some("image/png")
    );
    assert_eq!(item.products[0].sku, "BM-GW");
    let (status, _, bytes) = fetch(&sales, &file_path(item.id, &item.files[0].sha256), &[]).await?;
    assert_eq!(
        (status.as_u16(), bytes.as_slice()),
        (200, &b"%PDF-1.7 the deck"[..])
    );
    assert!(!pull_resources(&bluefin, b_cursor)
        .await?
        .0
        .contains_key(&id));

    // A new version, then the counts, then withdrawal.
    let deck2 = write(
        files.path(),
        "Partner Deck v2.pdf",
        b"%PDF-1.7 the deck, again",
    )?;
    let (ok, out, err) = run(
        &server,
        &[
            "replace",
            &id.to_string(),
            "--file",
            &deck2,
            "--note",
            "New pricing slide.",
        ],
    )
    .await?;
    assert!(ok && out.contains("version 2"), "{out}{err}");
    let (seen, _) = pull_resources(&sales, s_cursor).await?;
    assert_eq!(seen[&id].as_ref().map(|r| r.version), Some(2));
    let (ok, out, _) = run(&server, &["usage", "--by", "firm"]).await?;
    assert!(ok && out.contains("0 rows"), "{out}");
    let (ok, out, _) = run(&server, &["withdraw", &id.to_string()]).await?;
    assert!(ok && out.starts_with("withdrew "), "{out}");
    let (ok, out, _) = run(&server, &["list"]).await?;
    assert!(ok, "{out}");
    assert!(
        out.contains("Partner deck") && out.contains("[withdrawn"),
        "{out}"
    );
    assert!(
        out.contains("Email security battle card"),
        "the seeded library is listed"
    );
    let (seen, _) = pull_resources(&sales, 0).await?;
    assert!(!seen.contains_key(&id));

    // Bad input: said plainly, nothing published.
    for (args, says) in [
        (
            vec![
                "publish",
                "--category",
                "sales_tools",
                "--title",
                "X",
                "--summary",
                "Y",
                "--product",
                "NOPE-9",
                "--file",
                deck.as_str(),
            ],
            "NOPE-9",
        ),
        (
            vec![
                "publish",
                "--category",
                "sales_tools",
                "--title",
                "X",
                "--summary",
                "Y",
                "--file",
                "/no/such/file.pdf",
            ],
            "/no/such/file.pdf",
        ),
        (
            vec![
                "publish",
                "--category",
                "whats_new",
                "--title",
                "X",
                "--summary",
                "Y",
                "--file",
                deck.as_str(),
            ],
            "sales_tools",
        ),
        (
            vec!["withdraw", "0191d2c0-0000-7000-8000-000000000001"],
            "resource",
        ),
        (vec!["usage", "--by", "week"], "item"),
    ] {
        let (ok, out, err) = run(&server, &args).await?;
        assert!(!ok, "{args:?}: {out}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    Ok(())
}
