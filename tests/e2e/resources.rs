//! Marketing resources in the real window, against the seeded server's library.
//!
//! - What's New marks what is new and the menu counts it until the user has looked; the category
//!   pages and an image's preview; My Account's opt-in, after which a new item about one of the
//!   user's products is announced by a desktop notification (dunst, as for renewal reminders)
//!   and one about another product is not.
//! - Sales Tools is browsed and searched, a PDF previewed, the category kept offline; with the
//!   server stopped a kept file opens in the system's viewer and saves, byte for byte; the vendor
//!   publishes a new version meanwhile and, once the server is back, the briefcase replaces it.
//!
//! The system's viewer is observed through PATH: the app's PATH starts with the profile's `bin`
//! folder (`harness/driver.rs`), where the test puts an `xdg-open` that writes the path it was
//! given to a file (tauri-plugin-opener hands files to `xdg-open` first on Linux).

use crate::harness::{App, Scenario};
use crate::reminders::Dunst;
use crate::server_api::VendorApi;
use crate::steps::{attrs, finish, shoot, sync_until, texts};
use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;
use portal_core::{
    ids::ResourceId,
    resources::{
        library::{FileRef, ResourceDetail},
        publish::{NewResource, Replacement},
        Category, Sha256,
    },
    shell::commands::{GetBriefcase, GetResource, SaveResourceFile},
};
use sha2::Digest;
use std::path::Path;

const ADMIN: &str = "admin@northwind.example";
const SALES: &str = "sales@northwind.example";
const ROWS: &str = "#resources-table tbody tr";

/// Opens a page of the Resources group from the menu (opening the group when it is closed).
async fn go_to(app: &App, slug: &str) -> Result<()> {
    app.click("#menu-button").await?;
    let group = app.wait_for("#main-menu [data-group='Resources']").await?;
    if group.attr("aria-expanded").await?.as_deref() != Some("true") {
        group.click().await?;
    }
    app.click(&format!("#main-menu [data-page='{slug}']"))
        .await?;
    app.wait_for(&format!("main#content[data-page='{slug}']"))
        .await?;
    Ok(())
}

/// Waits until the list has answered (rows, or its empty state).
async fn listed(app: &App) -> Result<usize> {
    app.wait_for(&format!("{ROWS}, #resources-empty")).await?;
    Ok(attrs(app, ROWS, "data-resource-id").await?.len())
}

/// The titles the list shows, in order.
async fn titles(app: &App) -> Result<Vec<String>> {
    texts(app, &format!("{ROWS} .resource-title")).await
}

/// The id of the listed item with this title, once the list shows it.
async fn row_id(app: &App, title: &str) -> Result<String> {
    let found = std::cell::RefCell::new(None);
    app.eventually(&format!("{title:?} is listed"), || async {
        // Read the two together from the same rows: a re-render may land between two reads.
        let rows = app
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map(r =>
                     [r.dataset.resourceId, r.querySelector('.resource-title').textContent]);",
                vec![serde_json::json!(ROWS)],
            )
            .await?;
        let rows: Vec<(String, String)> = serde_json::from_value(rows)?;
        let id = rows.into_iter().find(|(_, t)| t == title).map(|(id, _)| id);
        let listed = id.is_some();
        *found.borrow_mut() = id;
        Ok(listed)
    })
    .await?;
    found.into_inner().context("listed")
}

/// Opens the listed item with this title on its page.
async fn open_item(app: &App, title: &str) -> Result<String> {
    let id = row_id(app, title).await?;
    app.click(&format!("{ROWS}[data-resource-id='{id}'] .row-open"))
        .await?;
    app.wait_for(&format!("#resource-detail[data-resource-id='{id}']"))
        .await?;
    Ok(id)
}

fn sha256_of(bytes: &[u8]) -> String {
    Sha256::from_digest(&sha2::Sha256::digest(bytes).into()).to_string()
}

/// The menu's count of new items (0 when none shows), read with the menu open, which is then
/// closed again.
async fn menu_count(app: &App) -> Result<u32> {
    app.click("#menu-button").await?;
    app.wait_for("#main-menu").await?;
    let count = match app
        .client
        .find(Locator::Css("#whats-new-count, #resources-new-count"))
        .await
    {
        Ok(el) => el.attr("data-count").await?.unwrap_or_default().parse()?,
        Err(_) => 0,
    };
    // The Menu button closes the drawer as it opened it.
    app.click("#menu-button").await?;
    app.eventually("the menu is closed", || async {
        Ok(!app.is_shown("#main-menu").await?)
    })
    .await?;
    Ok(count)
}

#[tokio::test]
async fn whats_new_marks_the_new_and_announces_new_items_for_the_users_products() -> Result<()> {
    let world = Scenario::start().await?;
    let dunst = Dunst::start()?;
    let app = world.signed_in(SALES, false).await?;
    let outcome = whats_new_steps(&world, &app, &dunst).await;
    finish(app, "resources-whats-new-failure", outcome).await
}

async fn whats_new_steps(world: &Scenario, app: &App, dunst: &Dunst) -> Result<()> {
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    // Never looked: everything is new, and the menu says how much.
    app.eventually("the menu counts the new items", || async {
        Ok(menu_count(app).await? > 0)
    })
    .await?;
    go_to(app, "whats-new").await?;
    let shown = listed(app).await?;
    ensure!(shown > 0, "What's New lists the library");
    let marked = attrs(app, ROWS, "data-new").await?;
    ensure!(
        marked.iter().all(|m| m == "true"),
        "the first visit marks every item New: {marked:?}"
    );
    ensure!(
        app.is_shown(&format!("{ROWS} .new-badge")).await?,
        "the New badge shows"
    );
    shoot(app, "resources-whats-new").await?;
    // Looked at: the count is gone, and the marks stay for this visit.
    app.eventually("the menu's count is gone", || async {
        Ok(menu_count(app).await? == 0)
    })
    .await?;
    ensure!(
        attrs(app, ROWS, "data-new")
            .await?
            .iter()
            .all(|m| m == "true"),
        "the visit keeps its marks"
    );

    go_to(app, "branding-logos").await?;
    ensure!(listed(app).await? > 0, "Branding & Logos lists items");
    ensure!(
        !titles(app).await?.iter().any(|t| t.contains("data sheet")),
        "only the category's items"
    );
    shoot(app, "resources-branding-logos").await?;
    open_item(app, "Bastion Mail logo (PNG)").await?;
    app.wait_for("#resource-preview img.preview-image").await?;
    app.eventually("the logo's picture has loaded", || async {
        let width = app
            .client
            .execute(
                "const i = document.querySelector('#resource-preview img');
                 return i && i.complete ? i.naturalWidth : 0;",
                vec![],
            )
            .await?;
        Ok(width.as_u64().unwrap_or(0) > 0)
    })
    .await?;
    shoot(app, "resource-item-image").await?;

    go_to(app, "customer-tools").await?;
    ensure!(listed(app).await? > 0, "Customer Tools lists items");
    shoot(app, "resources-customer-tools").await?;

    // My Account: announce new items about the Gateway.
    app.click("#account-button").await?;
    app.click("#profile-menu [data-page='my-account']").await?;
    app.click("#resource-alerts").await?;
    app.click("#alert-product-BM-GW").await?;
    app.eventually("the Gateway is ticked", || async {
        Ok(app
            .wait_for("#alert-product-BM-GW")
            .await?
            .is_selected()
            .await?)
    })
    .await?;
    app.scroll_to(Some(".resource-alerts"), false).await?;
    app.screenshot("my-account-resource-alerts").await?;

    // The vendor publishes two items: one about the Gateway, one about Data Loss Prevention.
    let vendor = VendorApi::sign_in(&world.server.base_url()).await?;
    let mut published = Vec::new();
    for (title, sku) in [
        ("Gateway launch deck", "BM-GW"),
        ("DLP policy templates", "BM-DLP"),
    ] {
        let file = vendor
            .upload_file(
                &format!("{}.txt", title.replace(' ', "-")),
                "text/plain",
                format!("{title}: the vendor's notes for partners.\n").into_bytes(),
            )
            .await?;
        let item = vendor
            .publish_resource(&NewResource {
                category: Category::SalesTools,
                title: title.to_owned(),
                summary: format!("{title} for this quarter."),
                description: String::new(),
                products: vec![sku.to_owned()],
                audience: Default::default(),
                files: vec![file.sha256],
                thumbnail: None,
                review_on: None,
                expires_on: None,
            })
            .await?;
        published.push(item);
    }
    vendor.sign_out().await?;
    // The demo firm's pending leads are announced too; this test counts the resource announcements.
    let announced = || -> anyhow::Result<Vec<(String, String)>> {
        Ok(dunst
            .history()?
            .into_iter()
            .filter(|(title, _)| !title.contains("new lead"))
            .collect())
    };
    sync_until(app, "the new item is announced", || async {
        Ok(!announced()?.is_empty())
    })
    .await?;
    // Give a second (wrong) notification the time to arrive before counting.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let shown = announced()?;
    ensure!(
        shown.len() == 1,
        "one notification, for the Gateway's item only: {shown:?}"
    );
    ensure!(
        shown[0].0 == "New in Sales Tools: Gateway launch deck",
        "the notification names the item: {shown:?}"
    );
    // Both are new in What's New.
    app.eventually("the menu counts the two new items", || async {
        Ok(menu_count(app).await? == 2)
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_kept_category_opens_and_saves_offline_and_follows_a_new_version() -> Result<()> {
    let mut world = Scenario::start().await?;
    // The system's viewer, as the app's PATH finds it: records what it was asked to open.
    let bin = world.profile.path().join("bin");
    let opened = world.profile.path().join("opened.txt");
    std::fs::create_dir_all(&bin)?;
    let viewer = bin.join("xdg-open");
    std::fs::write(
        &viewer,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            opened.display()
        ),
    )?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755))?;
    }
    let app = world.signed_in(ADMIN, false).await?;
    let outcome = briefcase_steps(&mut world, &app, &opened).await;
    // The server runs again for whatever the test leaves behind.
    world.server.start().await.ok();
    finish(app, "resources-briefcase-failure", outcome).await
}

/// The item's page as the shell answers it.
async fn detail(app: &App, id: &str) -> Result<ResourceDetail> {
    let id: ResourceId = id.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    app.invoke(&GetResource { id }).await
}

/// Saves a file through the shell at `to` (no dialog) and reads the bytes back.
async fn save(app: &App, id: &str, sha256: &Sha256, to: &Path) -> Result<Vec<u8>> {
    let file = FileRef {
        id: id.parse().map_err(|e| anyhow::anyhow!("{e:?}"))?,
        sha256: sha256.clone(),
    };
    let written = app
        .invoke(&SaveResourceFile {
            file,
            path: Some(to.display().to_string()),
        })
        .await?;
    ensure!(
        written.as_deref() == Some(to.display().to_string().as_str()),
        "saved where asked: {written:?}"
    );
    Ok(std::fs::read(to)?)
}

async fn briefcase_steps(world: &mut Scenario, app: &App, opened: &Path) -> Result<()> {
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    go_to(app, "sales-tools").await?;
    let all = listed(app).await?;
    ensure!(all >= 3, "Sales Tools lists the seeded items ({all})");
    shoot(app, "resources-sales-tools").await?;

    // Search as you type: the rows narrow to the playbook.
    app.fill("#resource-search", "playbook").await?;
    app.eventually("the rows narrow to the search", || async {
        let shown = titles(app).await?;
        Ok(!shown.is_empty()
            && shown.len() < all
            && shown.contains(&"Advanced Threat Protection sales playbook".to_owned()))
    })
    .await?;
    app.fill("#resource-search", "").await?;
    app.eventually("every row is back", || async {
        Ok(titles(app).await?.len() == all)
    })
    .await?;

    // A PDF's first pages, previewed in the window (the battle card: two versions).
    open_item(app, "Email security battle card").await?;
    app.wait_for("#resource-preview.preview-pdf img.preview-image")
        .await?;
    ensure!(
        app.text("#resource-preview figcaption")
            .await?
            .starts_with("Page 1 of"),
        "the picture is the PDF's first page"
    );
    shoot(app, "resource-item-pdf").await?;
    app.click("#page-back").await?;
    let id = row_id(app, "Discovery questions").await?;

    // Keep the whole category offline, and wait until every file is here.
    app.click("#keep-category").await?;
    app.eventually("the category is available offline", || async {
        let state = app.wait_for("#category-offline-state").await?;
        Ok(state.attr("data-ready").await?.as_deref() == Some("true")
            && state.text().await? == "Available offline")
    })
    .await?;
    ensure!(
        attrs(app, ROWS, "data-offline")
            .await?
            .iter()
            .all(|s| s == "ready"),
        "every row says Available offline"
    );
    go_to(app, "briefcase").await?;
    app.wait_for("#briefcase-table tbody tr").await?;
    let kept = attrs(app, "#briefcase-table tbody tr", "data-offline").await?;
    ensure!(
        kept.len() == all && kept.iter().all(|s| s == "ready"),
        "the briefcase holds the category, ready: {kept:?}"
    );
    shoot(app, "resources-briefcase").await?;

    let before = detail(app, &id).await?;
    ensure!(before.resource.version == 1, "the seed's first version");
    let file = before.resource.files[0].clone();

    // No server: the kept file opens and saves all the same.
    world.server.stop().await?;
    sync_until(app, "the app knows it is offline", || async {
        Ok(app.text("#connection-status").await?.contains("Offline"))
    })
    .await?;
    go_to(app, "briefcase").await?;
    app.click(&format!(
        "#briefcase-table tr[data-resource-id='{id}'] .row-open"
    ))
    .await?;
    app.wait_for(&format!("#resource-detail[data-resource-id='{id}']"))
        .await?;
    app.click(&format!(
        "#resource-files [data-sha256='{}'] [data-step='open']",
        file.sha256
    ))
    .await?;
    app.wait_for("#file-opened").await?;
    app.eventually("the system's viewer was handed the file", || async {
        Ok(opened.exists())
    })
    .await?;
    let handed = std::fs::read_to_string(opened)?;
    let handed = handed.lines().last().context("a path")?.to_owned();
    ensure!(
        sha256_of(&std::fs::read(&handed)?) == file.sha256.as_str(),
        "the viewer got the verified file ({handed})"
    );
    let saved_to = world.profile.path().join("saved-v1.pdf");
    let bytes = save(app, &id, &file.sha256, &saved_to).await?;
    ensure!(
        sha256_of(&bytes) == file.sha256.as_str(),
        "the saved bytes are the item's file"
    );

    // Meanwhile the vendor publishes version 2 (the same PDF with a line more at its end).
    world.server.start().await?;
    let vendor = VendorApi::sign_in(&world.server.base_url()).await?;
    let mut v2 = bytes.clone();
    v2.extend_from_slice(b"\n% Version 2: two questions on compliance.\n");
    let uploaded = vendor
        .upload_file(&file.name, "application/pdf", v2.clone())
        .await?;
    vendor
        .replace_resource(
            &id,
            &Replacement {
                files: vec![uploaded.sha256.clone()],
                note: "Two questions on compliance added.".to_owned(),
                ..Replacement::default()
            },
        )
        .await?;
    vendor.sign_out().await?;

    sync_until(app, "the item's page shows version 2", || async {
        app.is_shown(&format!(
            "#resource-detail[data-resource-id='{id}'][data-version='2']"
        ))
        .await
    })
    .await?;
    app.eventually("the briefcase holds version 2", || async {
        let b = app.invoke(&GetBriefcase {}).await?;
        Ok(b.items.iter().any(|i| {
            i.id.to_string() == id
                && i.version == 2
                && i.offline.state == portal_core::resources::library::OfflineState::Ready
        }))
    })
    .await?;
    let versions = attrs(app, "#resource-versions li", "data-version").await?;
    ensure!(versions == ["2", "1"], "both versions listed: {versions:?}");
    if detail(app, &id).await?.resource.files[0].sha256 != uploaded.sha256 {
        bail!("the item's file is the new one");
    }

    // And the new file is the one kept: it saves with the server stopped again.
    world.server.stop().await?;
    let saved_to = world.profile.path().join("saved-v2.pdf");
    let bytes = save(app, &id, &uploaded.sha256, &saved_to).await?;
    ensure!(
        sha256_of(&bytes) == uploaded.sha256.as_str() && bytes == v2,
        "the kept file is version 2's"
    );

    // Emptying the briefcase asks first, then frees it all.
    go_to(app, "briefcase").await?;
    app.click("#empty-briefcase").await?;
    app.wait_for("#confirm-dialog").await?;
    app.click("#confirm-ok").await?;
    app.wait_for("#briefcase-empty").await?;
    let left = app.invoke(&GetBriefcase {}).await?;
    ensure!(
        left.items.is_empty() && left.categories.is_empty() && left.bytes_used == 0,
        "nothing is kept: {left:?}"
    );
    Ok(())
}
