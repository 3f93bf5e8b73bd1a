//! The Dashboard cross-check: the real client (its own cache directory) against the real server on
//! 127.0.0.1:0 with the seeded demo data. After a sync the app's figures, computed from its cache,
//! equal `GET /api/v1/dashboard`, computed from the server's tables — for the administrator (the
//! firm and the Customers area) and for a Sales user (their own records) — and still do after
//! changes made in the app (a new quote, a submitted deal registration) are synced.

use crate::support::{login, signed_in, synced, ADMIN, SALES};
use anyhow::{ensure, Context, Result};
use chrono::{Days, Utc};
use portal_client::Portal;
use portal_core::{
    dashboard::{Dashboard, Figures},
    deal::{DealAction, DealStatus},
    ids::ProspectId,
    prospect::{Contact, ProspectForm},
    quote::{LineForm, QuoteFor, QuoteForm, QuoteStatus},
    registration::DealForm,
};
use portal_server::testing::TestServer;
use tempfile::TempDir;

struct App {
    portal: Portal,
    token: portal_core::secret::SessionToken,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    let (token, _) = login(&server.base_url(), email).await?;
    synced(&portal).await?;
    Ok(App {
        portal,
        token,
        _dir: dir,
    })
}

/// The server's figures for the app's user.
async fn server_figures(
    server: &TestServer,
    token: &portal_core::secret::SessionToken,
) -> Result<Figures> {
    let reply = reqwest::Client::new()
        .get(format!("{}/api/v1/dashboard", server.base_url()))
        .bearer_auth(token.expose())
        .send()
        .await?;
    ensure!(reply.status() == 200, "dashboard: {}", reply.status());
    Ok(reply.json::<Dashboard>().await?.figures)
}

/// The app's figures equal the server's, and the app dates them by its last sync.
async fn cross_check(server: &TestServer, app: &App) -> Result<Figures> {
    let mine = app.portal.dashboard().await?;
    ensure!(mine.as_of.is_some(), "the cache dates from its last sync");
    let theirs = server_figures(server, &app.token).await?;
    assert_eq!(mine.figures, theirs, "the app's figures = the server's");
    Ok(mine.figures)
}

async fn prospect(portal: &Portal, company: &str, domain: &str) -> Result<ProspectId> {
    let form = ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        sector: "Retail".into(),
        mailboxes: "300".into(),
        primary_contact: Contact {
            first_name: "Zelda".into(),
            last_name: "Quince".into(),
            email: format!("zelda@{domain}"),
            ..Contact::default()
        },
        ..ProspectForm::default()
    };
    Ok(portal.save_prospect(None, form).await?.prospect.id)
}

/// A new prospect with a submitted deal registration and a draft quote, synced.
async fn make_business(app: &App, company: &str, domain: &str) -> Result<()> {
    let portal = &app.portal;
    let p = prospect(portal, company, domain).await?;
    let deal = portal
        .save_deal(
            None,
            DealForm {
                prospect_id: Some(p),
                products: vec!["Bastion Archive".into()],
                estimated_value: "18,000".into(),
                expected_close: (Utc::now().date_naive() + Days::new(60)).to_string(),
                ..DealForm::default()
            },
        )
        .await?;
    portal.deal_action(deal.deal.id, DealAction::Submit).await?;
    let book = portal.price_book().await?;
    let product = book.products.first().context("a price book")?;
    portal
        .save_quote(
            None,
            QuoteForm {
                quote_for: Some(QuoteFor::Prospect(p)),
                deal_id: None,
                lines: vec![LineForm {
                    product_id: Some(product.id),
                    quantity: "250".into(),
                    term_months: 12,
                    discount: String::new(),
                }],
                valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
                notes: String::new(),
            },
        )
        .await?;
    synced(portal).await?;
    Ok(())
}

fn drafts(f: &Figures) -> u32 {
    f.pipeline
        .stages
        .iter()
        .find(|s| s.status == QuoteStatus::Draft)
        .map_or(0, |s| s.count)
}

fn deals(f: &Figures, status: DealStatus) -> u32 {
    f.deal(status).map_or(0, |d| d.count)
}

#[tokio::test]
async fn the_administrators_dashboard_equals_the_servers_before_and_after_changes() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = app(&server, ADMIN).await?;
    let before = cross_check(&server, &admin).await?;
    let c = before
        .customers
        .as_ref()
        .context("an administrator's dashboard has the Customers area")?;
    ensure!(
        c.customers > 0 && c.seats > 0,
        "the demo firm has customers"
    );
    ensure!(
        c.renewals_by_month.iter().any(|m| m.count > 0),
        "renewals are due"
    );
    ensure!(before.pipeline.count > 0, "the demo firm has open quotes");

    make_business(&admin, "Quince Foods", "quincefoods.example").await?;
    let after = cross_check(&server, &admin).await?;
    assert_eq!(drafts(&after), drafts(&before) + 1);
    assert!(after.pipeline.rrp.minor > before.pipeline.rrp.minor);
    let submitted = deals(&after, DealStatus::Submitted) + deals(&after, DealStatus::Approved);
    let was = deals(&before, DealStatus::Submitted) + deals(&before, DealStatus::Approved);
    assert_eq!(
        submitted,
        was + 1,
        "the server took the deal (and may have decided it)"
    );
    Ok(())
}

#[tokio::test]
async fn a_sales_users_dashboard_equals_the_servers_and_covers_their_own_records() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    let admin = app(&server, ADMIN).await?;
    let mine = cross_check(&server, &sales).await?;
    assert!(mine.customers.is_none(), "no Customers area for Sales");
    let firm = cross_check(&server, &admin).await?;
    let all = |f: &Figures| f.deals.iter().map(|d| d.count).sum::<u32>();
    assert!(all(&mine) < all(&firm), "the firm has other users' deals");

    make_business(&sales, "Rowan Bakery", "rowanbakery.example").await?;
    let after = cross_check(&server, &sales).await?;
    assert_eq!(drafts(&after), drafts(&mine) + 1);
    // The administrator's cache catches up with the Sales user's work on its next sync.
    synced(&admin.portal).await?;
    let firm_after = cross_check(&server, &admin).await?;
    assert_eq!(drafts(&firm_after), drafts(&firm) + 1);

    // Offline, the cached figures are still there, dated by the last sync.
    let mut server = server;
    server.stop().await?;
    let offline = sales.portal.dashboard().await?;
    assert_eq!(offline.figures, after);
    assert!(offline.as_of.is_some());
    Ok(())
}
