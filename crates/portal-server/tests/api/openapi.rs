//! The OpenAPI document: served, complete, and in step with what the router answers.

use crate::support::Api;
use anyhow::{Context, Result};
use portal_server::testing::TestServer;
use reqwest::Method;
use std::collections::BTreeSet;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// (METHOD, path template) of every operation in the served document.
pub async fn served_routes(api: &Api) -> Result<BTreeSet<(String, String)>> {
    let reply = api
        .call(Method::GET, portal_core::api::OPENAPI_PATH, None, None)
        .await?;
    anyhow::ensure!(reply.status == 200, "{reply:?}");
    let paths = reply.body["paths"]
        .as_object()
        .context("document has paths")?;
    let mut out = BTreeSet::new();
    for (path, item) in paths {
        for m in METHODS {
            if item.get(m.to_lowercase()).is_some() {
                out.insert((m.to_string(), path.clone()));
            }
        }
    }
    Ok(out)
}

#[tokio::test]
async fn the_served_document_is_the_whole_api() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let reply = api
        .call(Method::GET, portal_core::api::OPENAPI_PATH, None, None)
        .await?;
    assert_eq!(reply.body["openapi"], "3.1.0");
    assert_eq!(
        reply.body,
        serde_json::to_value(portal_server::routes::openapi())?,
        "served document = the library's document (what `portal-server openapi` prints)"
    );
    let routes = served_routes(&api).await?;
    for expected in [
        "/health",
        "/api/v1/auth/login",
        "/api/v1/customers/{id}",
        "/api/v1/news",
        "/api/v1/dashboard",
        "/api/v1/attachments/{sha256}",
        "/api/v1/vendor/approvals",
        "/api/v1/vendor/approvals/{quote_id}",
        "/api/v1/vendor/auth/login",
    ] {
        assert!(
            routes.iter().any(|(_, p)| p == expected),
            "{expected} documented"
        );
    }
    let schemas = reply.body["components"]["schemas"]
        .as_object()
        .context("schemas")?;
    for schema in [
        "ApiError",
        "LoginRequest",
        "LoginResponse",
        "Profile",
        "PartnerDetails",
        "CustomerPage",
        "NewsItem",
        "Dashboard",
        "Figures",
        "Branding",
        "PullResponse",
        "PushRequest",
        "PushResponse",
        "Outcome",
        "Prospect",
        "Deal",
        "DomainCheckResponse",
        "CustomerRecord",
        "Product",
        "CourseRecord",
        "Quote",
        "QuoteTotals",
        "Order",
        "OrderAddress",
        "Address",
        "StoredAttachment",
        "ApprovalRequest",
        "ApprovalDecision",
        "VendorLoginResponse",
    ] {
        assert!(schemas.contains_key(schema), "schema {schema}");
    }
    // The sync protocol is described where a client's author will look for it.
    let sync = reply.body["tags"]
        .as_array()
        .context("tags")?
        .iter()
        .find(|t| t["name"] == "sync")
        .context("a sync tag")?;
    let text = sync["description"].as_str().unwrap_or("");
    for topic in [
        "cursor",
        "tombstone",
        "reset",
        "client_id",
        "conflict",
        "Channel conflict",
        "`Product`",
        "figures rule",
        "superseded",
        "auto_approve_up_to_bp",
        "already a customer of another partner",
    ] {
        assert!(text.contains(topic), "the sync description covers {topic}");
    }
    assert!(reply.body["components"]["securitySchemes"]["bearer"].is_object());
    Ok(())
}

#[tokio::test]
async fn the_router_serves_exactly_the_documented_methods() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let routes = served_routes(&api).await?;
    let paths: BTreeSet<&String> = routes.iter().map(|(_, p)| p).collect();
    for path in paths {
        let concrete = path.replace("{id}", "0191d2c0-0000-7000-8000-000000000001");
        for m in METHODS {
            let reply = api.call(m.parse()?, &concrete, None, None).await?;
            let documented = routes.contains(&(m.to_string(), path.clone()));
            if documented {
                assert_ne!(reply.status, 405, "{m} {path} is documented but not routed");
                let fallback = reply.body["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("The endpoint");
                assert!(
                    !fallback,
                    "{m} {path} is documented but not routed: {reply:?}"
                );
            } else {
                assert_eq!(reply.status, 405, "{m} {path} is routed but not documented");
            }
        }
    }
    // Anything else is a JSON not-found.
    let nowhere = api.call(Method::GET, "/api/v1/nowhere", None, None).await?;
    assert_eq!(
        (nowhere.status.as_u16(), nowhere.kind()),
        (404, "not_found")
    );
    Ok(())
}
