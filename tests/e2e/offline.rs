//! The app without a server: a remembered session opens offline, its Dashboard showing the cached
//! figures dated by the last sync; an unreachable server is said plainly.

use crate::harness::{clear_keychain, Scenario};
use anyhow::Result;
use portal_server::seed::DEMO_PASSWORD;

#[tokio::test]
async fn a_remembered_session_opens_offline_when_the_server_is_down() -> Result<()> {
    let mut world = Scenario::start().await?;
    let app = world.signed_in("admin@northwind.example", true).await?;
    // The Dashboard's figures once the first sync has landed, to compare with offline.
    app.eventually("the first sync's figures show", || async {
        Ok(app
            .text("#dashboard-as-of")
            .await?
            .contains("Figures as of"))
    })
    .await?;
    let renewals = app
        .wait_for("#renewals-30")
        .await?
        .attr("data-count")
        .await?
        .unwrap_or_default();
    let customers = app.text("#figure-customers").await?;
    app.quit().await?;

    world.server.stop().await?;
    let app = world.launch().await?;
    app.wait_for("#account-button").await?;
    app.eventually("the toolbar says offline", || async {
        Ok(app.text("#connection-status").await?.contains("Offline"))
    })
    .await?;
    app.screenshot("offline").await?;
    // The Dashboard offline: the cached figures, dated by the last sync.
    app.eventually(
        "the Dashboard says its figures date from the last sync",
        || async {
            Ok(app
                .text("#dashboard-as-of")
                .await?
                .contains("You are offline. Figures as of"))
        },
    )
    .await?;
    assert_eq!(
        app.wait_for("#renewals-30")
            .await?
            .attr("data-count")
            .await?
            .unwrap_or_default(),
        renewals,
        "the cached 30-day renewals"
    );
    assert_eq!(app.text("#figure-customers").await?, customers);
    app.quit().await?;
    clear_keychain()
}

#[tokio::test]
async fn an_unreachable_server_gets_a_clear_message() -> Result<()> {
    let mut world = Scenario::start().await?;
    let address = world.server.base_url();
    world.server.stop().await?;
    let app = world.launch().await?;

    app.sign_in(&address, "admin@northwind.example", DEMO_PASSWORD, false)
        .await?;
    app.eventually("the error shows", || app.is_shown("#sign-in-error"))
        .await?;
    let error = app.text("#sign-in-error").await?;
    assert!(
        error.contains("cannot be reached"),
        "says the server cannot be reached: {error}"
    );
    assert_eq!(
        app.value("#password").await?,
        DEMO_PASSWORD,
        "nothing typed is lost"
    );
    app.quit().await
}
