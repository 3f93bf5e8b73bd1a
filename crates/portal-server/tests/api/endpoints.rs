//! What each endpoint answers for a permitted caller, and the server's lifecycle.

use crate::support::Api;
use anyhow::Result;
use portal_core::api::branding::Branding;
use portal_core::api::customer::{CustomerPage, CustomerSummary};
use portal_core::api::news::NewsItem;
use portal_core::api::partner::{CertificationStatus, PartnerDetails, Tier};
use portal_core::api::user::UserProfile;
use portal_core::{Percent, Role};
use portal_server::seed::DEFAULT_CUSTOMERS_PER_PARTNER;
use portal_server::testing::TestServer;
use reqwest::Method;
use std::collections::BTreeSet;

#[tokio::test]
async fn health_and_branding_are_public() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let health = api.call(Method::GET, "/health", None, None).await?;
    assert_eq!(health.status, 200);
    assert_eq!(health.body["status"], "ok");
    assert_eq!(health.body["version"], env!("CARGO_PKG_VERSION"));
    let branding: Branding = serde_json::from_value(
        api.call(Method::GET, "/api/v1/branding", None, None)
            .await?
            .body,
    )?;
    assert_eq!(branding, portal_server::config::demo_branding());
    assert_eq!(branding.vendor_name, "Bastion Mail");
    assert_eq!(branding.community_name, "Bastion Central");
    Ok(())
}

#[tokio::test]
async fn branding_comes_from_the_configuration() -> Result<()> {
    let server =
        TestServer::spawn_seeded_with(|c| c.branding.vendor_name = "Acme Secure".into()).await?;
    let api = Api::new(&server);
    let reply = api
        .call(Method::GET, "/api/v1/branding", None, None)
        .await?;
    assert_eq!(reply.body["vendor_name"], "Acme Secure");
    Ok(())
}

#[tokio::test]
async fn partner_details_show_tier_margin_certification_and_team() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("sales@northwind.example").await?;
    let nw: PartnerDetails =
        serde_json::from_value(api.get("/api/v1/partner", &token).await?.body)?;
    assert_eq!(nw.name, "Northwind Solutions");
    assert_eq!(nw.tier, Tier::Gold);
    assert_eq!(nw.margin, Percent(2500));
    assert_eq!(nw.certification.status, CertificationStatus::Certified);
    assert!(nw.certification.expires_on > nw.certification.certified_on);
    assert_eq!(nw.account_team.len(), 2);
    assert_eq!(nw.account_team[0].role, "Channel Account Manager");

    let token = api.token("sales@bluefin.example").await?;
    let bf: PartnerDetails =
        serde_json::from_value(api.get("/api/v1/partner", &token).await?.body)?;
    assert_eq!(
        (bf.name.as_str(), bf.tier, bf.margin),
        ("Bluefin IT", Tier::Silver, Percent(1800))
    );
    Ok(())
}

#[tokio::test]
async fn administrators_read_their_users() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("admin@northwind.example").await?;
    let users: Vec<UserProfile> =
        serde_json::from_value(api.get("/api/v1/users", &token).await?.body)?;
    let roles: BTreeSet<&str> = users.iter().map(|u| u.role.as_str()).collect();
    assert_eq!(
        roles.len(),
        Role::ALL.len(),
        "every role is represented: {roles:?}"
    );
    assert!(
        users.iter().any(|u| !u.registered),
        "an unregistered user is listed too"
    );
    let sales = users
        .iter()
        .find(|u| u.role == Role::Sales && u.registered)
        .expect("sales");
    let one: UserProfile = serde_json::from_value(
        api.get(&format!("/api/v1/users/{}", sales.id), &token)
            .await?
            .body,
    )?;
    assert_eq!(&one, sales);
    let bad = api.get("/api/v1/users/not-a-uuid", &token).await?;
    assert_eq!(bad.status, 404);
    Ok(())
}

#[tokio::test]
async fn customers_page_through_every_customer_once() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("admin@northwind.example").await?;
    let mut seen: Vec<CustomerSummary> = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &after {
            Some(a) => format!("/api/v1/customers?limit=15&after={a}"),
            None => "/api/v1/customers?limit=15".to_string(),
        };
        let page: CustomerPage = serde_json::from_value(api.get(&path, &token).await?.body)?;
        pages += 1;
        assert!(page.customers.len() <= 15);
        seen.extend(page.customers);
        match page.next_after {
            Some(next) => after = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), DEFAULT_CUSTOMERS_PER_PARTNER as usize);
    assert_eq!(pages, (DEFAULT_CUSTOMERS_PER_PARTNER as usize).div_ceil(15));
    assert!(
        seen.windows(2).all(|w| w[0].id < w[1].id),
        "ordered by id, no repeats"
    );
    let today = chrono::Utc::now().date_naive();
    for c in &seen {
        assert!(c.seats > 0 && !c.products.is_empty(), "{c:?}");
        let due = c
            .next_renewal
            .expect("every seeded customer renews within a year");
        assert!(
            due > today && due <= today + chrono::Days::new(366),
            "{c:?}"
        );
    }

    // Default page size, the cap, and one customer by id.
    let all: CustomerPage =
        serde_json::from_value(api.get("/api/v1/customers", &token).await?.body)?;
    assert_eq!(all.customers.len(), seen.len());
    assert_eq!(all.next_after, None);
    let capped = api.get("/api/v1/customers?limit=100000", &token).await?;
    assert_eq!(capped.status, 200);
    let one: CustomerSummary = serde_json::from_value(
        api.get(&format!("/api/v1/customers/{}", seen[3].id), &token)
            .await?
            .body,
    )?;
    assert_eq!(one, seen[3]);

    let bad = api.get("/api/v1/customers?after=yesterday", &token).await?;
    assert_eq!((bad.status.as_u16(), bad.kind()), (422, "invalid_input"));
    assert_eq!(bad.body["field"], "after");
    let bad = api.get("/api/v1/customers?limit=many", &token).await?;
    assert_eq!(bad.status, 422);
    Ok(())
}

#[tokio::test]
async fn news_is_newest_first() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("marketing@northwind.example").await?;
    let news: Vec<NewsItem> = serde_json::from_value(api.get("/api/v1/news", &token).await?.body)?;
    assert!(news.len() >= 6);
    assert!(news
        .windows(2)
        .all(|w| w[0].published_on >= w[1].published_on));
    Ok(())
}

#[tokio::test]
async fn a_stopped_server_refuses_connections_and_restarts_with_its_data() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let token = api.token("admin@northwind.example").await?;
    let addr = server.addr();

    server.stop().await?;
    assert!(!server.is_running());
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing listens any more"
    );
    assert!(reqwest::get(format!("{}/health", server.base_url()))
        .await
        .is_err());

    server.start().await?;
    assert_eq!(server.addr(), addr, "same port");
    assert_eq!(
        api.get("/api/v1/me", &token).await?.status,
        200,
        "same data: the session survives"
    );
    server.stop().await?;
    server.stop().await?; // stopping twice is harmless
    Ok(())
}
