//! The profile menu's pages show exactly what the server holds for the signed-in firm.

use crate::harness::Scenario;
use anyhow::Result;
use fantoccini::Locator;
use portal_core::api::{auth::LoginResponse, partner::PartnerDetails, user::UserProfile};
use portal_server::seed::DEMO_PASSWORD;
use serde::de::DeserializeOwned;

/// Reads an endpoint as the given demo user, straight from the server, to compare with the window.
async fn server_view<T: DeserializeOwned>(base: &str, email: &str, path: &str) -> Result<T> {
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": DEMO_PASSWORD }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(http
        .get(format!("{base}{path}"))
        .bearer_auth(login.token.expose())
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?)
}

#[tokio::test]
async fn partner_details_and_user_maintenance_show_the_firms_records() -> Result<()> {
    let world = Scenario::start().await?;
    let base = world.server.base_url();
    let partner: PartnerDetails =
        server_view(&base, "admin@northwind.example", "/api/v1/partner").await?;
    let users: Vec<UserProfile> =
        server_view(&base, "admin@northwind.example", "/api/v1/users").await?;
    let app = world.signed_in("admin@northwind.example", false).await?;

    app.click("#account-button").await?;
    app.click("#profile-menu [data-page='partner-details']")
        .await?;
    app.wait_for("#partner-details").await?;
    app.eventually("the tier shows", || async {
        Ok(app
            .text("[data-field='tier']")
            .await?
            .contains(partner.tier.label()))
    })
    .await?;
    assert!(app
        .text("[data-field='margin']")
        .await?
        .contains(&partner.margin.to_string()));
    assert!(app
        .text("[data-field='certification-status']")
        .await?
        .contains(partner.certification.status.label()));
    app.screenshot("partner-details").await?;

    app.click("#account-button").await?;
    app.click("#profile-menu [data-page='user-maintenance']")
        .await?;
    app.wait_for("#users-table tr[data-user-id]").await?;
    let rows = app
        .client
        .find_all(Locator::Css("#users-table tr[data-user-id]"))
        .await?;
    assert_eq!(rows.len(), users.len(), "one row per user of the firm");
    let table = app.text("#users-table").await?;
    for user in &users {
        assert!(table.contains(&user.email), "{} is listed", user.email);
    }
    assert!(!table.contains("bluefin"), "no other firm's users");
    app.screenshot("user-maintenance").await?;

    // Company > Account Team lists the firm's account managers.
    app.click("#menu-button").await?;
    app.click("[data-group='Company']").await?;
    app.click("[data-page='account-team']").await?;
    app.wait_for("#account-team .person-card").await?;
    let cards = app
        .client
        .find_all(Locator::Css("#account-team .person-card"))
        .await?;
    assert_eq!(cards.len(), partner.account_team.len());
    app.quit().await
}

#[tokio::test]
async fn preferences_survive_a_restart() -> Result<()> {
    let world = Scenario::start().await?;
    let app = world
        .signed_in("marketing@northwind.example", false)
        .await?;
    app.click("#account-button").await?;
    app.click("#profile-menu [data-page='my-account']").await?;
    app.click("#theme-dark").await?;
    let theme = || async {
        let html = app.client.find(Locator::Css("html")).await?;
        anyhow::Ok(html.attr("data-theme").await?.unwrap_or_default())
    };
    app.eventually("the dark theme applies", || async {
        Ok(theme().await? == "dark")
    })
    .await?;
    app.screenshot("my-account-dark").await?;
    // The theme shows at once and is written to the preference store in the background: quit only
    // once it is on disk, as a person closing the window a moment later would find it.
    let store = world
        .profile
        .path()
        .join("data")
        .join(crate::harness::KEYCHAIN_SERVICE)
        .join("preferences.json");
    app.eventually("the preference is saved", || async {
        Ok(std::fs::read_to_string(&store).is_ok_and(|s| s.contains("\"dark\"")))
    })
    .await?;
    app.quit().await?;

    // A new app instance (not remembered, so signed out) keeps the theme, server and email.
    let app = world.launch().await?;
    app.wait_for("#sign-in").await?;
    let html = app.client.find(Locator::Css("html")).await?;
    assert_eq!(html.attr("data-theme").await?.as_deref(), Some("dark"));
    assert_eq!(app.value("#email").await?, "marketing@northwind.example");
    assert_eq!(app.value("#server-url").await?, world.server.base_url());
    app.quit().await
}
