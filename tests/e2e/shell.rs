//! What each role finds in the toolbar and the menu.

use crate::harness::Scenario;
use anyhow::Result;
use fantoccini::key::Key;

#[tokio::test]
async fn a_sales_user_sees_neither_customers_nor_user_maintenance() -> Result<()> {
    let world = Scenario::start().await?;
    let app = world.signed_in("sales@northwind.example", false).await?;
    app.click("#menu-button").await?;
    app.eventually("the menu opens", || app.is_shown("#main-menu"))
        .await?;
    assert!(
        app.is_shown("[data-group='Sales']").await?,
        "Sales is there"
    );
    assert!(
        !app.is_shown("[data-group='Customers']").await?,
        "no Customers area for Sales"
    );

    // Esc closes the menu.
    app.wait_for("#main-menu [data-group='Sales']")
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    app.eventually("Esc closes the menu", || async {
        Ok(!app.is_shown("#main-menu").await?)
    })
    .await?;

    app.click("#account-button").await?;
    app.eventually("the profile menu opens", || app.is_shown("#profile-menu"))
        .await?;
    assert!(
        app.is_shown("#profile-menu [data-page='my-account']")
            .await?
    );
    assert!(
        !app.is_shown("#profile-menu [data-page='user-maintenance']")
            .await?,
        "no User Maintenance for Sales"
    );
    app.quit().await
}
