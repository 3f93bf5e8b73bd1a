//! The Dashboard as a partner's administrator and a sales rep see it: the renewals due in 30 days
//! agree with the server's own figures and open the Renewals list; a sales rep, who has no
//! Customers area, is told so instead of being shown empty renewals.

use crate::harness::{App, Scenario};
use anyhow::{Context, Result};
use portal_core::{api::auth::LoginResponse, dashboard::Dashboard, money::Money};
use portal_server::seed::DEMO_PASSWORD;
use serde_json::json;

const ADMIN: &str = "admin@northwind.example";
const SALES: &str = "sales@northwind.example";

/// The Dashboard as the server computes it for `email`, read through its API (`GET
/// /api/v1/dashboard`): the test's figures do not come from the app.
async fn server_dashboard(base: &str, email: &str) -> Result<Dashboard> {
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": DEMO_PASSWORD, "remember": false }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let dashboard: Dashboard = http
        .get(format!("{base}/api/v1/dashboard"))
        .bearer_auth(&login.token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    http.post(format!("{base}/api/v1/auth/logout"))
        .bearer_auth(&login.token)
        .send()
        .await?;
    Ok(dashboard)
}

/// An attribute of the element `css`, or an empty string.
async fn attr(app: &App, css: &str, name: &str) -> Result<String> {
    Ok(app
        .wait_for(css)
        .await?
        .attr(name)
        .await?
        .unwrap_or_default())
}

#[tokio::test]
async fn renewals_due_agree_with_the_server_and_open_the_renewals_list() -> Result<()> {
    let scenario = Scenario::start().await?;
    let base = scenario.server.base_url();
    let server = server_dashboard(&base, ADMIN).await?;
    let due = server
        .figures
        .customers
        .as_ref()
        .context("an administrator's dashboard has the Customers-area figures")?
        .renewals_due
        .iter()
        .find(|r| r.within_days == 30)
        .context("the server gives the renewals due within 30 days")?
        .clone();
    assert!(
        due.count > 0,
        "the demo data has renewals due within 30 days"
    );

    let app = scenario.signed_in(ADMIN, false).await?;
    app.wait_for("main#content[data-page='dashboard']").await?;
    // The app's figures come from its cache: they agree once the first sync has landed.
    let (count, minor) = (due.count.to_string(), due.value.minor.to_string());
    app.eventually(
        &format!("the 30-day renewals show {count} renewals worth {minor} minor units"),
        || async {
            Ok(attr(&app, "#renewals-30", "data-count").await? == count
                && attr(&app, "#renewals-30", "data-value-minor").await? == minor)
        },
    )
    .await?;
    let shown = app.text("#renewals-30").await?;
    assert!(
        shown.contains(&format!("{count} renewals")),
        "the 30-day window says how many renewals: {shown:?}"
    );
    // In whole units, as a headline figure is shown: `$12,400`.
    let whole = Money::new((due.value.minor + 50) / 100 * 100, due.value.currency).to_string();
    let whole = whole.trim_end_matches(".00");
    assert!(
        shown.contains(whole),
        "the 30-day window shows the value {whole}: {shown:?}"
    );
    // The month chart and the other headline figures are there too.
    assert!(app.is_shown("#dashboard-renewals .bar-chart").await?);
    assert!(app.is_shown("#figure-customers").await?);
    app.scroll_to(None, false).await?;
    app.screenshot("dashboard").await?;

    app.click("#renewals-30").await?;
    app.wait_for("main#content[data-page='renewals']").await?;
    app.quit().await?;

    // A sales rep: their own pipeline and deals, and a word instead of the Customers area.
    let app = scenario.signed_in(SALES, false).await?;
    app.wait_for("#dashboard-no-customers").await?;
    app.wait_for("#figure-pipeline").await?;
    assert!(
        !app.is_shown("#renewals-30").await?,
        "no renewals for Sales"
    );
    assert!(
        !app.is_shown("#figure-orders").await?,
        "no orders for Sales"
    );
    app.scroll_to(None, false).await?;
    app.screenshot("dashboard-sales").await?;
    app.click("#pipeline-sent").await?;
    app.wait_for("main#content[data-page='quotes']").await?;
    app.quit().await?;
    Ok(())
}
