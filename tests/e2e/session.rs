//! Signing in, wrong passwords and logging off, as a partner does it in the window.

use crate::harness::{keychain_has_session, keychain_token, Scenario};
use anyhow::Result;

#[tokio::test]
async fn administrator_signs_in_and_reaches_prospects_through_the_hidden_menu() -> Result<()> {
    let world = Scenario::start().await?;
    let app = world.signed_in("admin@northwind.example", true).await?;
    app.eventually("the account button names the user's firm", || async {
        // textContent: WebKitWebDriver's displayedness heuristic misjudges this ellipsized span.
        let firm = app
            .wait_for("#account-button .account-firm")
            .await?
            .prop("textContent")
            .await?;
        Ok(firm.as_deref() == Some("Northwind Solutions"))
    })
    .await?;

    // The menu is hidden until Menu is clicked.
    assert!(!app.is_shown("#main-menu").await?, "menu hidden by default");
    app.click("#menu-button").await?;
    app.eventually("the menu opens", || app.is_shown("#main-menu"))
        .await?;
    assert!(
        app.is_shown("[data-group='Customers']").await?,
        "administrators see the Customers area"
    );
    app.click("[data-group='Sales']").await?;
    app.eventually("Sales opens", || app.is_shown("[data-page='prospects']"))
        .await?;
    app.screenshot("signed-in-menu-open").await?;

    app.click("[data-page='prospects']").await?;
    app.eventually("the Prospects page shows", || async {
        Ok(app.text("h1.page-title").await? == "Prospects")
    })
    .await?;
    assert!(
        !app.is_shown("#main-menu").await?,
        "choosing a page closes the menu"
    );

    // The administrator's profile menu offers User Maintenance.
    app.click("#account-button").await?;
    app.eventually("the profile menu offers User Maintenance", || {
        app.is_shown("#profile-menu [data-page='user-maintenance']")
    })
    .await?;

    // "Remember me" put the session in the keychain.
    assert!(
        keychain_has_session()?,
        "remembered session is in the keychain"
    );
    app.quit().await
}

#[tokio::test]
async fn a_wrong_password_shows_the_error_and_keeps_what_was_typed() -> Result<()> {
    let world = Scenario::start().await?;
    let app = world.launch().await?;

    app.sign_in(
        &world.server.base_url(),
        "sales@northwind.example",
        "not-the-password",
        false,
    )
    .await?;
    app.eventually("the error shows", || app.is_shown("#sign-in-error"))
        .await?;
    let error = app.text("#sign-in-error").await?;
    assert!(
        error.contains("incorrect"),
        "error says the credentials are wrong: {error}"
    );
    assert_eq!(
        app.value("#email").await?,
        "sales@northwind.example",
        "the email is kept"
    );
    assert_eq!(
        app.value("#server-url").await?,
        world.server.base_url(),
        "the server address is kept"
    );
    assert!(!app.is_shown("#account-button").await?, "still signed out");
    app.quit().await
}

#[tokio::test]
async fn logoff_revokes_the_session_and_removes_the_keychain_entry() -> Result<()> {
    let world = Scenario::start().await?;
    let app = world.signed_in("admin@bluefin.example", true).await?;
    assert!(
        keychain_has_session()?,
        "signed in with remember me: the keychain holds the session"
    );
    let token = keychain_token()?;

    app.click("#account-button").await?;
    app.click("#logoff").await?;
    app.wait_for("#sign-in").await?;
    assert!(
        !keychain_has_session()?,
        "logoff removed the keychain entry"
    );
    assert_eq!(
        app.value("#email").await?,
        "admin@bluefin.example",
        "the last email is prefilled"
    );

    // The server revoked the token: it no longer opens the API.
    let status = reqwest::Client::new()
        .get(format!("{}/api/v1/me", world.server.base_url()))
        .bearer_auth(token)
        .send()
        .await?
        .status();
    assert_eq!(status, 401, "a logged-off token is refused");
    app.quit().await
}
