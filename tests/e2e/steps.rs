//! Steps several tests take in the window: signing the administrator in, reading lists, pressing
//! segmented controls, syncing until something shows, screenshots without a hovered row, and
//! keeping what the window showed when a test fails.

use crate::dashboard::attr;
use crate::harness::{App, Scenario};
use anyhow::{bail, Result};
use fantoccini::{
    actions::{InputSource, MouseActions, PointerAction},
    Locator,
};
use std::time::{Duration, Instant};

/// The demo firm's administrator, who sees the Customers area.
pub const ADMIN: &str = "admin@northwind.example";

/// Signs the administrator in and waits for the first sync, which brings the Customers area.
pub async fn admin_signed_in(world: &Scenario) -> Result<App> {
    let app = world.signed_in(ADMIN, false).await?;
    app.eventually("the first sync finishes", || async {
        Ok(app.text("#last-synced").await?.starts_with("Synced"))
    })
    .await?;
    Ok(app)
}

/// The text of every element matching `css`, in order.
pub async fn texts(app: &App, css: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in app.client.find_all(Locator::Css(css)).await? {
        out.push(el.text().await?);
    }
    Ok(out)
}

/// The attribute `name` of every element matching `css`, in order (empty when missing).
pub async fn attrs(app: &App, css: &str, name: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in app.client.find_all(Locator::Css(css)).await? {
        out.push(el.attr(name).await?.unwrap_or_default());
    }
    Ok(out)
}

/// Clicks a segmented control's button and waits until it is the pressed one.
pub async fn press(app: &App, css: &str) -> Result<()> {
    app.click(css).await?;
    app.eventually(&format!("{css} is pressed"), || async {
        Ok(attr(app, css, "aria-pressed").await? == "true")
    })
    .await
}

/// Screenshots the page from its top, with no field focused and the mouse pointer resting on the
/// blank band under the toolbar, so that no row shows as hovered.
pub async fn shoot(app: &App, name: &str) -> Result<()> {
    app.scroll_to(None, false).await?;
    let rest = MouseActions::new("rest".into()).then(PointerAction::MoveTo {
        duration: None,
        x: 640.0,
        y: 68.0,
    });
    // Best effort: a driver without pointer actions still gets its screenshot.
    app.client.perform_actions(rest).await.ok();
    app.screenshot(name).await
}

/// Presses Sync now (when it can be pressed) until `done` holds.
pub async fn sync_until<F, Fut>(app: &App, what: &str, mut done: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if matches!(done().await, Ok(true)) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("timed out syncing until {what}");
        }
        let button = app.wait_for("#sync-now").await?;
        if button.is_enabled().await? {
            button.click().await.ok();
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
}

/// Quits the app when the test's steps went well; otherwise keeps what the window showed (a
/// screenshot named `failure`, and the page's text in the output) for whoever reads the failure.
pub async fn finish(app: App, failure: &str, outcome: Result<()>) -> Result<()> {
    if let Err(e) = outcome {
        app.screenshot(failure).await.ok();
        if let Ok(page) = app.text("main#content").await {
            println!("the page when it failed:\n{page}");
        }
        app.quit().await.ok();
        return Err(e);
    }
    app.quit().await
}
