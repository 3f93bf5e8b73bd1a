//! The Dashboard as a partner's administrator and a sales rep see it: the renewals due in 30 days
//! agree with the server's own figures and open the Renewals list on the same 30 days, from which
//! the sales manager opens a customer; a sales rep, who has no Customers area, is told so instead
//! of being shown empty renewals.

use crate::harness::{App, Scenario};
use crate::server_api::ServerApi;
use crate::sync::rows;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use fantoccini::Locator;
use portal_core::{dashboard::Dashboard, money::Money};

const ADMIN: &str = "admin@northwind.example";
const SALES: &str = "sales@northwind.example";

/// The Dashboard as the server computes it for `email`, read through its API (`GET
/// /api/v1/dashboard`): the test's figures do not come from the app.
pub async fn server_dashboard(base: &str, email: &str) -> Result<Dashboard> {
    let api = ServerApi::sign_in(base, email).await?;
    let dashboard = api.get("/api/v1/dashboard").await?;
    api.sign_out().await?;
    Ok(dashboard)
}

/// An attribute of the element `css`, or an empty string.
pub(crate) async fn attr(app: &App, css: &str, name: &str) -> Result<String> {
    Ok(app
        .wait_for(css)
        .await?
        .attr(name)
        .await?
        .unwrap_or_default())
}

/// The number at the start of a count such as `1,204 renewals`.
pub(crate) fn leading_number(text: &str) -> Result<u64> {
    let digits: String = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .with_context(|| format!("no count in {text:?}"))
}

/// The due dates of the renewals the Renewals list shows.
pub(crate) async fn due_dates(app: &App) -> Result<Vec<NaiveDate>> {
    let mut dates = Vec::new();
    for row in app
        .client
        .find_all(Locator::Css("#renewals-table tbody tr[data-renewal-id]"))
        .await?
    {
        let due = row.attr("data-due-on").await?.unwrap_or_default();
        dates.push(
            due.parse()
                .with_context(|| format!("a renewal's data-due-on is a date: {due:?}"))?,
        );
    }
    Ok(dates)
}

/// The Renewals list, opened from the dashboard's 30-day figure: the 30-day window is chosen, and
/// it lists the dashboard's `count` renewals, each due from today to 30 days on.
async fn renewals_list_agrees(app: &App, count: u64) -> Result<()> {
    app.eventually("the list is filtered to the next 30 days", || async {
        Ok(attr(
            app,
            "#renewal-window [data-window='days30']",
            "aria-pressed",
        )
        .await?
            == "true")
    })
    .await?;
    app.eventually(
        &format!("the list shows the dashboard's {count} renewals"),
        || async {
            Ok(
                leading_number(&app.text("#renewals-count").await?)? == count
                    && rows(app, "#renewals-table tbody tr[data-renewal-id]").await?
                        == usize::try_from(count)?,
            )
        },
    )
    .await?;
    let today = chrono::Utc::now().date_naive();
    let last = today + chrono::Days::new(30);
    for due in due_dates(app).await? {
        assert!(
            (today..=last).contains(&due),
            "a renewal due {due} is within {today}..={last}"
        );
    }
    Ok(())
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
    renewals_list_agrees(&app, due.count.into()).await?;

    // The sales manager opens the first customer due to renew.
    let first = "#renewals-table tbody tr[data-renewal-id]:first-child";
    let renewal_id = attr(&app, first, "data-renewal-id").await?;
    let customer = app.text(&format!("{first} td:first-child button")).await?;
    app.click(&format!("{first} td:first-child button")).await?;
    app.wait_for("main#content[data-page='customers'] #customer-detail")
        .await?;
    assert_eq!(
        app.text("main#content h1").await?,
        customer,
        "the customer's page is the one clicked"
    );
    app.eventually("the customer's subscriptions are listed", || async {
        Ok(rows(
            &app,
            "#customer-subscriptions tbody tr[data-subscription-id]",
        )
        .await?
            > 0)
    })
    .await?;
    assert!(
        app.is_shown(&format!(
            "#customer-renewals tr[data-renewal-id='{renewal_id}']"
        ))
        .await?,
        "the customer's renewals include the one the list showed ({renewal_id})"
    );
    app.scroll_to(None, false).await?;
    app.screenshot("customer-detail").await?;
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
