//! Marketing resources over real HTTP: who receives which item in a pull, and when it leaves
//! ([`audience`]); files served whole and in ranges, resumed ([`files`]); the vendor's API —
//! publishing, new versions, withdrawal, validation ([`vendor`]); uses pushed and counted
//! ([`usage`]); the `portal-server resources` command ([`cli`]); and the migration from the old
//! table ([`migration`]). This module holds what they share.

mod audience;
mod cli;
mod files;
mod migration;
mod usage;
mod vendor;

use crate::support::{Api, Installation, Reply};
use anyhow::{Context, Result};
use portal_core::resources::publish::VendorResource;
use portal_core::resources::{Resource, ResourceFile};
use portal_core::sync::{Entity, PullResponse};
use portal_server::seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF};
use portal_server::testing::TestServer;
use reqwest::header::HeaderMap;
use reqwest::Method;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a pull brought of one item: its body, or `None` for a tombstone.
type Seen = BTreeMap<Uuid, Option<Resource>>;

/// Every `resource` change after `after`, the last of each item winning; the cursor reached.
async fn pull_resources(user: &Installation, after: i64) -> Result<(Seen, i64)> {
    let mut seen = Seen::new();
    let mut cursor = after;
    loop {
        let reply = user
            .get(&format!("/api/v1/sync/changes?after={cursor}&limit=5000"))
            .await?;
        anyhow::ensure!(reply.status == 200, "pull: {reply:?}");
        let page: PullResponse = serde_json::from_value(reply.body)?;
        for change in page.changes {
            assert_ne!(change.entity, Entity::ResourceUse, "uses are never pulled");
            if change.entity == Entity::Resource {
                let body = change
                    .body
                    .map(serde_json::from_value::<Resource>)
                    .transpose()
                    .context("a resource body is exactly portal_core::resources::Resource")?;
                seen.insert(change.id, body);
            }
        }
        cursor = page.cursor;
        if !page.more {
            return Ok((seen, cursor));
        }
    }
}

/// The items a first sync gives this user, by title.
async fn library(user: &Installation) -> Result<BTreeMap<String, Resource>> {
    let (seen, _) = pull_resources(user, 0).await?;
    Ok(seen
        .into_values()
        .map(|r| r.expect("no tombstones from 0"))
        .map(|r| (r.title.clone(), r))
        .collect())
}

/// A raw GET with extra headers: status, headers, bytes.
async fn fetch(
    user: &Installation,
    path: &str,
    headers: &[(&str, &str)],
) -> Result<(StatusCode, HeaderMap, Vec<u8>)> {
    let mut req = reqwest::Client::new()
        .get(format!("{}{path}", user.api.base))
        .bearer_auth(&user.token);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await?;
    Ok((
        resp.status(),
        resp.headers().clone(),
        resp.bytes().await?.to_vec(),
    ))
}

fn sha256_hex(bytes: &[u8]) -> String {
    portal_server::attachments::sha256_hex(bytes)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The vendor's channel manager, signed in at the vendor endpoints.
struct Vendor {
    api: Api,
    token: String,
}

impl Vendor {
    async fn sign_in(server: &TestServer) -> Result<Vendor> {
        let api = Api::new(server);
        let (email, ..) = DEMO_VENDOR_STAFF[0];
        let reply = api
            .call(
                Method::POST,
                "/api/v1/vendor/auth/login",
                None,
                Some(json!({"email": email, "password": DEMO_PASSWORD})),
            )
            .await?;
        anyhow::ensure!(reply.status == 200, "vendor sign-in: {reply:?}");
        let token = reply.body["token"].as_str().unwrap_or_default().to_owned();
        Ok(Vendor { api, token })
    }

    /// Uploads bytes: the raw answer (status and JSON).
    async fn try_upload(&self, name: &str, media_type: &str, bytes: Vec<u8>) -> Result<Reply> {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/v1/vendor/files", self.api.base))
            .query(&[("name", name)])
            .bearer_auth(&self.token)
            .header("Content-Type", media_type)
            .body(bytes)
            .send()
            .await?;
        let status = resp.status();
        let body = serde_json::from_slice(&resp.bytes().await?).unwrap_or(Value::Null);
        Ok(Reply { status, body })
    }

    async fn upload(&self, name: &str, media_type: &str, bytes: Vec<u8>) -> Result<ResourceFile> {
        let reply = self.try_upload(name, media_type, bytes).await?;
        anyhow::ensure!(reply.status == 200, "upload {name}: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    async fn post(&self, path: &str, body: Value) -> Result<Reply> {
        self.api
            .call(Method::POST, path, Some(&self.token), Some(body))
            .await
    }

    async fn get(&self, path: &str) -> Result<Reply> {
        self.api.get(path, &self.token).await
    }

    /// Publishes an item: it as stored.
    async fn publish(&self, item: Value) -> Result<VendorResource> {
        let reply = self.post("/api/v1/vendor/resources", item).await?;
        anyhow::ensure!(reply.status == 201, "publish: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    async fn replace(&self, id: impl std::fmt::Display, next: Value) -> Result<VendorResource> {
        let reply = self
            .post(&format!("/api/v1/vendor/resources/{id}/versions"), next)
            .await?;
        anyhow::ensure!(reply.status == 200, "new version: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    async fn withdraw(&self, id: impl std::fmt::Display) -> Result<VendorResource> {
        let reply = self
            .post(
                &format!("/api/v1/vendor/resources/{id}/withdraw"),
                Value::Null,
            )
            .await?;
        anyhow::ensure!(reply.status == 200, "withdraw: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    /// Uploads a small PDF-like file with this text and publishes it as a Sales Tools item with
    /// this audience: the item.
    async fn publish_simple(&self, title: &str, audience: Value) -> Result<VendorResource> {
        let file = self
            .upload(
                &format!("{title}.pdf"),
                "application/pdf",
                format!("%PDF-1.7 {title}").into_bytes(),
            )
            .await?;
        self.publish(json!({
            "category": "sales_tools",
            "title": title,
            "summary": format!("About {title}."),
            "products": ["BM-GW"],
            "audience": audience,
            "files": [file.sha256],
        }))
        .await
    }
}
