//! The authorization matrix: every endpoint, walked as every role, against the caller's own firm and
//! another firm. The table must list exactly the routes of the OpenAPI document, so a new route
//! cannot be added without deciding (and testing) who may call it.

use crate::support::{Api, Reply};
use anyhow::Result;
use portal_core::api::customer::CustomerPage;
use portal_core::api::user::UserProfile;
use portal_core::Role;
use portal_server::seed::DEMO_USERS;
use portal_server::testing::TestServer;
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeSet;

mod table;

use table::{Access, Target, ENDPOINTS};

/// The purchase-order file each firm of the walk uploaded: its content as sent (JSON bytes).
fn attachment_body(firm: &str) -> serde_json::Value {
    json!({ "purchase_order": format!("PO of {firm}") })
}

fn attachment_sha(firm: &str) -> String {
    let bytes = serde_json::to_vec(&attachment_body(firm)).expect("serializes");
    portal_server::attachments::sha256_hex(&bytes)
}

fn method(m: &str) -> Method {
    m.parse().expect("a valid HTTP method")
}

#[tokio::test]
async fn the_table_lists_every_documented_route() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let doc = crate::openapi::served_routes(&Api::new(&server)).await?;
    let table: BTreeSet<(String, String)> = ENDPOINTS
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(table.len(), ENDPOINTS.len(), "no duplicate rows");
    let missing: Vec<_> = doc.difference(&table).collect();
    let stale: Vec<_> = table.difference(&doc).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "authorization table out of step with the API: add rows for {missing:?}, remove {stale:?}"
    );
    Ok(())
}

#[tokio::test]
async fn every_non_public_endpoint_needs_a_live_session() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let some_id = "0191d2c0-0000-7000-8000-000000000001";
    for (m, path, access, _) in ENDPOINTS {
        let path = path.replace("{id}", some_id);
        let anonymous = api.call(method(m), &path, None, None).await?;
        let forged = api
            .call(
                method(m),
                &path,
                Some("forged-token-forged-token-forged-token-xyz"),
                None,
            )
            .await?;
        if *access == Access::Public {
            assert!(
                !matches!(anonymous.kind(), "unauthenticated" | "session_expired"),
                "{m} {path} is public: {anonymous:?}"
            );
        } else {
            assert_eq!(
                (anonymous.status.as_u16(), anonymous.kind()),
                (401, "unauthenticated"),
                "{m} {path} without a token"
            );
            assert_eq!(
                (forged.status.as_u16(), forged.kind()),
                (401, "session_expired"),
                "{m} {path} with an unknown token"
            );
        }
    }
    Ok(())
}

/// Ids the walk aims at.
struct Firm {
    users: Vec<UserProfile>,
    customer: String,
    /// The SHA-256 of a file the firm uploaded.
    attachment: String,
    /// The paths of the main files of marketing resources the firm's administrator receives, by
    /// title.
    resource_files: std::collections::BTreeMap<String, String>,
    /// The SHA-256 of the web logo the firm's administrator uploaded.
    logo: String,
    /// One of the firm's campaigns.
    campaign: String,
}

/// A web logo of its own for each firm (`shade` tells them apart): a PNG of 480 × 160.
fn logo_png(shade: u8) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, 480, 160);
        e.set_color(png::ColorType::Rgb);
        e.set_depth(png::BitDepth::Eight);
        let mut w = e.write_header().expect("a header");
        w.write_image_data(&vec![shade; 480 * 160 * 3])
            .expect("pixels");
    }
    out
}

/// Uploads the web logo (raw bytes): the reply.
async fn put_logo(api: &Api, path: &str, token: &str, shade: u8) -> Result<Reply> {
    let resp = reqwest::Client::new()
        .put(format!("{}{path}", api.base))
        .bearer_auth(token)
        .body(logo_png(shade))
        .send()
        .await?;
    let status = resp.status();
    let body = serde_json::from_slice(&resp.bytes().await?).unwrap_or(serde_json::Value::Null);
    Ok(Reply { status, body })
}

async fn firm_ids(api: &Api, admin_email: &str, firm: &str) -> Result<Firm> {
    let token = api.token(admin_email).await?;
    let attachment = attachment_sha(firm);
    let upload = api
        .call(
            Method::PUT,
            &format!("/api/v1/attachments/{attachment}"),
            Some(&token),
            Some(attachment_body(firm)),
        )
        .await?;
    anyhow::ensure!(upload.status == 200, "upload: {upload:?}");
    let users: Vec<UserProfile> =
        serde_json::from_value(api.get("/api/v1/users", &token).await?.body)?;
    let page: CustomerPage =
        serde_json::from_value(api.get("/api/v1/customers?limit=1", &token).await?.body)?;
    // The marketing library as the firm's marketing user, who is in every item's audience but
    // the quoters' pricing guide.
    let marketing = api
        .token(&admin_email.replace("admin@", "marketing@"))
        .await;
    let pulled = api
        .get(
            "/api/v1/sync/changes?after=0&limit=5000",
            marketing.as_deref().unwrap_or(&token),
        )
        .await?;
    let resource_files = pulled.body["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["entity"] == "resource")
        .map(|c| {
            let body = &c["body"];
            (
                body["title"].as_str().unwrap_or_default().to_owned(),
                portal_core::resources::file_path(
                    body["id"]
                        .as_str()
                        .unwrap_or_default()
                        .parse()
                        .expect("an id"),
                    &body["files"][0]["sha256"]
                        .as_str()
                        .unwrap_or_default()
                        .parse()
                        .expect("a sha256"),
                ),
            )
        })
        .collect();
    let uploaded = put_logo(
        api,
        "/api/v1/pims/profile/logos/web",
        &token,
        firm.len() as u8,
    )
    .await?;
    anyhow::ensure!(uploaded.status == 200, "logo: {uploaded:?}");
    let logo = uploaded.body["web_logo"]["sha256"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let campaign = pulled.body["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["entity"] == "campaign")
        .and_then(|c| c["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    anyhow::ensure!(!campaign.is_empty(), "{firm} has a campaign");
    Ok(Firm {
        users,
        customer: page.customers[0].id.to_string(),
        attachment,
        resource_files,
        logo,
        campaign,
    })
}

async fn call(api: &Api, m: &str, path: &str, token: &str, email: &str) -> Result<Reply> {
    if m == "POST" && path.ends_with("/auth/logout") {
        // Signing out would end the session the walk uses: sign out a second session instead.
        let spare = api.token(email).await?;
        return api.call(Method::POST, path, Some(&spare), None).await;
    }
    // Endpoints that need a query or a body get a valid one, so the answer is about access alone.
    let (path, body) = match (m, path) {
        ("GET", "/api/v1/sync/changes") => (format!("{path}?after=0"), None),
        ("GET", "/api/v1/prospects/domain-check") => {
            (format!("{path}?domain=contoso.example"), None)
        }
        ("POST", "/api/v1/sync/mutations") => (
            path.to_string(),
            Some(json!({"client_id": uuid::Uuid::new_v4(), "mutations": []})),
        ),
        ("PUT", p) if p.starts_with("/api/v1/pims/profile/logos/") => {
            return put_logo(api, p, token, 7).await;
        }
        ("PUT", p) if p.starts_with("/api/v1/attachments/") => (
            path.to_string(),
            Some(attachment_body("Northwind Solutions")),
        ),
        ("POST", _) => (
            path.to_string(),
            Some(json!({"email": email, "password": "wrong"})),
        ),
        _ => (path.to_string(), None),
    };
    api.call(method(m), &path, Some(token), body).await
}

#[tokio::test]
async fn roles_and_firms_are_enforced_on_every_endpoint() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let own = firm_ids(&api, "admin@northwind.example", "Northwind Solutions").await?;
    let other = firm_ids(&api, "admin@bluefin.example", "Bluefin IT").await?;
    let other_emails: Vec<&str> = other.users.iter().map(|u| u.email.as_str()).collect();

    for (email, firm, role) in DEMO_USERS
        .iter()
        .filter(|(_, f, _)| *f == "Northwind Solutions")
    {
        let token = api.token(email).await?;
        let me = own
            .users
            .iter()
            .find(|u| u.email == *email)
            .expect("demo user listed");
        let colleague = own
            .users
            .iter()
            .find(|u| u.email != *email)
            .expect("a colleague");
        for (m, template, access, target) in ENDPOINTS {
            // Within the caller's firm: (path, expected status).
            let mut cases: Vec<(String, u16)> = Vec::new();
            let allowed = |ok: bool| if ok { 200 } else { 403 };
            match (target, access) {
                (Target::None, Access::Public) => {}
                (Target::None, Access::SignedIn) => {
                    let ok = if template.ends_with("logout") {
                        204
                    } else {
                        200
                    };
                    cases.push((template.to_string(), ok));
                }
                (Target::None, Access::Administrator) => {
                    cases.push((template.to_string(), allowed(*role == Role::Administrator)))
                }
                (Target::User, Access::SelfOrAdministrator) => {
                    cases.push((template.replace("{id}", &me.id.to_string()), 200));
                    cases.push((
                        template.replace("{id}", &colleague.id.to_string()),
                        allowed(*role == Role::Administrator),
                    ));
                }
                (Target::Customer, Access::Administrator) => cases.push((
                    template.replace("{id}", &own.customer),
                    allowed(*role == Role::Administrator),
                )),
                (Target::Attachment, Access::SignedIn) => {
                    cases.push((template.replace("{sha256}", &own.attachment), 200))
                }
                (Target::ResourceFile, Access::SignedIn) => {
                    use portal_server::seed::library;
                    let file = |title: &str| own.resource_files[title].clone();
                    cases.push((file("Bastion Mail logo pack"), 200));
                    // Meant for one role: not found for the others, as if it did not exist.
                    let for_marketing = *role == Role::Marketing;
                    cases.push((
                        file(library::MARKETING_ONLY),
                        if for_marketing { 200 } else { 404 },
                    ));
                }
                (Target::None, Access::Marketing) => cases.push((
                    template.replace("{kind}", "web"),
                    allowed(portal_core::pims::runs_marketing(*role)),
                )),
                (Target::None, Access::Leads) => cases.push((
                    template.to_string(),
                    allowed(portal_core::pims::works_leads(*role)),
                )),
                (Target::Logo, Access::SignedIn) => cases.push((
                    template
                        .replace("{kind}", "web")
                        .replace("{sha256}", &own.logo),
                    200,
                )),
                // The firm's draft cannot be paused: the step is refused for its status (409)
                // once the role may take steps at all.
                (Target::Campaign, Access::Marketing) => cases.push((
                    template
                        .replace("{id}", &own.campaign)
                        .replace("{step}", "pause"),
                    if portal_core::pims::runs_marketing(*role) {
                        409
                    } else {
                        403
                    },
                )),
                (_, Access::Vendor) => cases.push((
                    template
                        .replace("{quote_id}", "0191d2c0-0000-7000-8000-000000000001")
                        .replace("{order_id}", "0191d2c0-0000-7000-8000-000000000001"),
                    403,
                )),
                other => panic!("no rule for {other:?} at {template}: extend this test"),
            }
            // Another firm's records: never visible. Not found, or refused by role before lookup.
            match target {
                Target::User => {
                    for u in &other.users {
                        cases.push((template.replace("{id}", &u.id.to_string()), 404));
                    }
                }
                Target::Customer => cases.push((
                    template.replace("{id}", &other.customer),
                    if *role == Role::Administrator {
                        404
                    } else {
                        403
                    },
                )),
                Target::Attachment if *m == "GET" => {
                    cases.push((template.replace("{sha256}", &other.attachment), 404))
                }
                Target::Logo => cases.push((
                    template
                        .replace("{kind}", "web")
                        .replace("{sha256}", &other.logo),
                    404,
                )),
                Target::Campaign => cases.push((
                    template
                        .replace("{id}", &other.campaign)
                        .replace("{step}", "pause"),
                    if portal_core::pims::runs_marketing(*role) {
                        404
                    } else {
                        403
                    },
                )),
                // Bluefin is a Silver firm: a Gold firm's Gold-only item is not for it (the walk is
                // Northwind's; tests/api/resources/ checks the other way round).
                Target::None
                | Target::Attachment
                | Target::Quote
                | Target::Order
                | Target::ResourceFile => {}
            }
            for (path, expected) in cases {
                let reply = call(&api, m, &path, &token, email).await?;
                assert_eq!(
                    reply.status.as_u16(),
                    expected,
                    "{m} {path} as {email} ({firm}, {role}): {reply:?}"
                );
                // Nothing of the other firm leaks into any answer.
                let text = reply.body.to_string();
                for leak in other_emails
                    .iter()
                    .copied()
                    .chain([other.customer.as_str(), "Bluefin"])
                {
                    assert!(!text.contains(leak), "{m} {path} as {email} leaks {leak}");
                }
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn lists_hold_only_the_callers_firm() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    for (admin, domain) in [
        ("admin@northwind.example", "@northwind.example"),
        ("admin@bluefin.example", "@bluefin.example"),
    ] {
        let token = api.token(admin).await?;
        let users: Vec<UserProfile> =
            serde_json::from_value(api.get("/api/v1/users", &token).await?.body)?;
        assert!(!users.is_empty());
        assert!(users.iter().all(|u| u.email.ends_with(domain)), "{users:?}");
    }
    let nw = api.token("admin@northwind.example").await?;
    let bf = api.token("admin@bluefin.example").await?;
    let nw_page: CustomerPage =
        serde_json::from_value(api.get("/api/v1/customers?limit=500", &nw).await?.body)?;
    let bf_page: CustomerPage =
        serde_json::from_value(api.get("/api/v1/customers?limit=500", &bf).await?.body)?;
    let nw_ids: BTreeSet<_> = nw_page.customers.iter().map(|c| c.id).collect();
    assert!(bf_page.customers.iter().all(|c| !nw_ids.contains(&c.id)));
    // Paging from another firm's id shows only one's own customers.
    let after = bf_page.customers[0].id;
    let from_other: CustomerPage = serde_json::from_value(
        api.get(&format!("/api/v1/customers?after={after}"), &nw)
            .await?
            .body,
    )?;
    assert!(from_other.customers.iter().all(|c| nw_ids.contains(&c.id)));
    Ok(())
}

#[tokio::test]
async fn vendor_staff_are_refused_on_every_partner_endpoint() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let (email, ..) = portal_server::seed::DEMO_VENDOR_STAFF[0];
    let sign_in = || async {
        let login = api
            .call(
                Method::POST,
                "/api/v1/vendor/auth/login",
                None,
                Some(json!({"email": email, "password": portal_server::seed::DEMO_PASSWORD})),
            )
            .await?;
        anyhow::ensure!(login.status == 200, "{login:?}");
        Ok(login.body["token"].as_str().unwrap_or_default().to_owned())
    };
    let token = sign_in().await?;
    let some_id = "0191d2c0-0000-7000-8000-000000000001";
    for (m, template, access, _) in ENDPOINTS {
        let path = template
            .replace("{id}", some_id)
            .replace("{order_id}", some_id)
            .replace("{kind}", "web")
            .replace("{step}", "pause")
            .replace("{sha256}", &attachment_sha("Northwind Solutions"));
        let reply = if path.ends_with("/logout") {
            // Signing out would end the session the walk uses: sign out a second one.
            let spare = sign_in().await?;
            api.call(method(m), &path, Some(&spare), None).await?
        } else {
            call(&api, m, &path, &token, email).await?
        };
        match access {
            Access::Public => {}
            Access::Vendor => assert_ne!(reply.status, 403, "{m} {path} as vendor staff"),
            _ => assert_eq!(
                (reply.status.as_u16(), reply.kind()),
                (403, "forbidden"),
                "{m} {path} is for partner users: {reply:?}"
            ),
        }
    }
    // And they are no partner user: the partners' sign-in does not know them.
    let partner_login = api
        .try_login(email, portal_server::seed::DEMO_PASSWORD, false)
        .await?;
    assert_eq!(partner_login.status, 401);
    Ok(())
}
