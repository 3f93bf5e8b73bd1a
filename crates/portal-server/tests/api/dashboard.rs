//! `GET /api/v1/dashboard` over real HTTP on the seeded demo data: an administrator's figures cover
//! the firm and the Customers area, a Sales user's only their own records and no Customers area,
//! and every figure adds up to the records the caller pulls.

use crate::support::{today, Api};
use anyhow::{Context, Result};
use portal_core::dashboard::{Dashboard, Figures, IN_PROGRESS, PIPELINE_STATUSES};
use portal_core::deal::DealStatus;
use portal_core::order::Order;
use portal_core::quote::Quote;
use portal_core::registration::Deal;
use portal_core::sync::{Entity, PullResponse};
use portal_server::testing::TestServer;
use serde_json::Value;

const ADMIN: &str = "admin@northwind.example";
const SALES: &str = "sales@northwind.example";

async fn dashboard(api: &Api, token: &str) -> Result<Figures> {
    let reply = api.get("/api/v1/dashboard", token).await?;
    anyhow::ensure!(reply.status == 200, "dashboard: {reply:?}");
    let d: Dashboard = serde_json::from_value(reply.body)?;
    assert!(d.as_of.is_some(), "the server dates its figures");
    Ok(d.figures)
}

/// Every body the caller may see, as a first sync receives them.
async fn pulled(api: &Api, token: &str) -> Result<Vec<(Entity, Value)>> {
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let reply = api
            .get(
                &format!("/api/v1/sync/changes?after={after}&limit=1000"),
                token,
            )
            .await?;
        anyhow::ensure!(reply.status == 200, "pull: {reply:?}");
        let page: PullResponse = serde_json::from_value(reply.body)?;
        out.extend(
            page.changes
                .into_iter()
                .filter_map(|c| c.body.map(|b| (c.entity, b))),
        );
        after = page.cursor;
        if !page.more {
            return Ok(out);
        }
    }
}

fn of<T: serde::de::DeserializeOwned>(records: &[(Entity, Value)], entity: Entity) -> Vec<T> {
    records
        .iter()
        .filter(|(e, _)| *e == entity)
        .map(|(_, b)| serde_json::from_value(b.clone()).expect("a pulled body decodes"))
        .collect()
}

/// The counts a figure must agree with, from what the caller pulls.
fn check_counts(figures: &Figures, records: &[(Entity, Value)]) {
    let today = today();
    let quotes: Vec<Quote> = of(records, Entity::Quote);
    let open = quotes
        .iter()
        .filter(|q| {
            PIPELINE_STATUSES.contains(&q.status)
                && q.superseded_by.is_none()
                && !(q.status.can_expire() && q.valid_until < today)
        })
        .count();
    assert_eq!(figures.pipeline.count as usize, open, "open quotes");
    let rrp: i64 = quotes
        .iter()
        .filter(|q| PIPELINE_STATUSES.contains(&q.status) && q.superseded_by.is_none())
        .filter(|q| !(q.status.can_expire() && q.valid_until < today))
        .map(|q| q.totals.rrp_total.minor)
        .sum();
    assert_eq!(figures.pipeline.rrp.minor, rrp, "pipeline at RRP");

    let deals: Vec<Deal> = of(records, Entity::Deal);
    for status in DealStatus::ALL {
        let n = deals.iter().filter(|d| d.status == status).count();
        assert_eq!(
            figures.deal(status).map(|d| d.count as usize),
            Some(n),
            "{status:?} deals"
        );
    }
    let orders: Vec<Order> = of(records, Entity::Order);
    let in_progress = orders
        .iter()
        .filter(|o| IN_PROGRESS.contains(&o.status))
        .count();
    assert_eq!(figures.orders_in_progress.count as usize, in_progress);
    assert!(figures.news.len() <= 3);
    assert!(figures
        .news
        .windows(2)
        .all(|w| w[0].published_on >= w[1].published_on));
}

#[tokio::test]
async fn an_administrator_sees_the_firm_and_the_customers_area() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token(ADMIN).await?;
    let figures = dashboard(&api, &token).await?;
    let records = pulled(&api, &token).await?;
    check_counts(&figures, &records);

    let c = figures
        .customers
        .as_ref()
        .context("an administrator has the Customers area")?;
    let customers = records
        .iter()
        .filter(|(e, _)| *e == Entity::Customer)
        .count();
    assert_eq!(c.customers as usize, customers);
    assert!(
        c.customers > 0 && c.seats > 0,
        "the demo firm has customers"
    );
    assert_eq!(c.renewals_due.len(), 3);
    assert!(c
        .renewals_due
        .windows(2)
        .all(|w| w[0].count <= w[1].count && w[0].value.minor <= w[1].value.minor));
    assert_eq!(c.renewals_by_month.len(), 12);
    let open_cases = records
        .iter()
        .filter(|(e, b)| *e == Entity::SupportCase && b["status"] == "open")
        .count();
    assert_eq!(c.open_support_cases as usize, open_cases);
    assert!(!figures.news.is_empty(), "the demo has news");
    Ok(())
}

#[tokio::test]
async fn a_sales_user_sees_only_their_own_records_and_no_customers_area() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let admin = dashboard(&api, &api.token(ADMIN).await?).await?;
    let token = api.token(SALES).await?;
    let figures = dashboard(&api, &token).await?;
    check_counts(&figures, &pulled(&api, &token).await?);
    assert!(figures.customers.is_none());
    let deals = |f: &Figures| f.deals.iter().map(|d| d.count).sum::<u32>();
    assert!(
        deals(&figures) < deals(&admin),
        "the firm has deals of other users"
    );
    assert_eq!(figures.news, admin.news, "news is for everyone");

    let anonymous = api
        .call(reqwest::Method::GET, "/api/v1/dashboard", None, None)
        .await?;
    assert_eq!(anonymous.status, 401);
    Ok(())
}
