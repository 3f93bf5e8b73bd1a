//! Marketing resources over real HTTP: who receives which item in a pull, and when it leaves
//! ([`audience`]); files served whole and in ranges, resumed ([`files`]); the vendor's API —
//! publishing, new versions, withdrawal, validation ([`vendor`]); uses pushed and counted
//! ([`usage`]); the `portal-server resources` command ([`cli`]); and the migration from the old
//! table ([`migration`]). This module holds what they share.

mod files;

use crate::support::Installation;
use anyhow::{Context, Result};
use portal_core::resources::Resource;
use portal_core::sync::{Entity, PullResponse};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
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
