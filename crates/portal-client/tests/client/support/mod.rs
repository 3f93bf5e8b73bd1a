//! What the tests share: signing in and syncing a client, the fault-injecting [`proxy`], and two
//! readings of "the data" to compare — the server's (a fresh pull from 0 with a user's token, so
//! exactly what that user may see) and a client's (the view its cache holds: the server copy with
//! queued changes on top).

pub mod proxy;

use anyhow::{ensure, Context, Result};
use portal_client::{http::ServerApi, sync::state, Portal, StoredSession};
use portal_core::{
    api::auth::LoginRequest,
    ids::UserId,
    pending::SyncStatus,
    secret::SessionToken,
    shell::commands::SignIn,
    sync::{Entity, MAX_PAGE},
};
use portal_server::seed::DEMO_PASSWORD;
use serde_json::Value;
use sqlx::SqlitePool;
use std::{collections::BTreeMap, path::Path};
use uuid::Uuid;

/// Northwind's salesperson and administrator (demo password).
pub const SALES: &str = "sales@northwind.example";
pub const ADMIN: &str = "admin@northwind.example";

/// Records by kind and id: (version, body).
pub type Records = BTreeMap<(Entity, Uuid), (i64, Value)>;

/// A demo user's token and id, signed in straight through the API (no cache involved).
pub async fn login(base: &str, email: &str) -> Result<(SessionToken, UserId)> {
    let answer = ServerApi::new(base)
        .login(&LoginRequest {
            email: email.into(),
            password: DEMO_PASSWORD.into(),
            remember: false,
        })
        .await?;
    Ok((answer.token, answer.profile.user.id))
}

/// An app instance on the cache folder `dir`, signed in to `server_url` as a demo user (remembered),
/// and the session it stored.
pub async fn signed_in(
    dir: &Path,
    server_url: &str,
    email: &str,
) -> Result<(Portal, StoredSession)> {
    let portal = Portal::open(dir).await?;
    let signed_in = portal
        .sign_in(SignIn {
            server_url: server_url.into(),
            email: email.into(),
            password: DEMO_PASSWORD.into(),
            remember: true,
        })
        .await?;
    Ok((portal, signed_in.stored))
}

/// Syncs once and insists it finished.
pub async fn synced(portal: &Portal) -> Result<SyncStatus> {
    let status = portal.sync_now().await?;
    ensure!(status.last_error.is_none(), "sync failed: {status:?}");
    Ok(status)
}

/// Everything the user of `token` may see, as a first sync into an empty copy receives it, and
/// the firm's head version.
pub async fn server_records(base: &str, token: &SessionToken) -> Result<(Records, i64)> {
    let api = ServerApi::new(base);
    let mut out = Records::new();
    let mut after = 0;
    loop {
        let page = api.pull(token, after, MAX_PAGE).await?;
        ensure!(!page.reset, "a pull from {after} was told to reset");
        for c in page.changes {
            let body = c.body.context("a pull from 0 carries no tombstones")?;
            let before = out.insert((c.entity, c.id), (c.version, body));
            ensure!(before.is_none(), "{:?} {} came twice", c.entity, c.id);
        }
        after = page.cursor;
        if !page.more {
            return Ok((out, page.head));
        }
    }
}

/// The firm's newest version (each applied change takes one).
pub async fn head(base: &str, token: &SessionToken) -> Result<i64> {
    Ok(ServerApi::new(base).pull(token, 0, 1).await?.head)
}

/// What the client shows of every record it holds (the view), with the version of its server copy.
pub async fn cache_records(pool: &SqlitePool, scope: &str) -> Result<Records> {
    let rows: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT entity, id, server_version,
                CASE WHEN overlay = 1 THEN local_body ELSE server_body END
         FROM record WHERE scope = ?1",
    )
    .bind(scope)
    .fetch_all(pool)
    .await?;
    let mut out = Records::new();
    for (entity, id, version, body) in rows {
        if let Some(body) = body {
            let entity = Entity::parse(&entity).context("a known entity")?;
            out.insert(
                (entity, id.parse()?),
                (version, serde_json::from_str(&body)?),
            );
        }
    }
    Ok(out)
}

/// The records the cache holds a server copy of, with that copy's version: what pulls applied.
pub async fn server_copies(
    pool: &SqlitePool,
    scope: &str,
) -> Result<BTreeMap<(Entity, Uuid), i64>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT entity, id, server_version FROM record
         WHERE scope = ?1 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(entity, id, version)| {
            Ok((
                (
                    Entity::parse(&entity).context("a known entity")?,
                    id.parse()?,
                ),
                version,
            ))
        })
        .collect()
}

/// The cursor the client's next pull starts from.
pub async fn cursor(pool: &SqlitePool, scope: &str) -> Result<i64> {
    let mut conn = pool.acquire().await?;
    Ok(state::load(&mut conn, scope)
        .await?
        .context("the user has a sync state")?
        .cursor)
}

/// Records whose view differs from their server copy (queued or unsettled changes on top).
pub async fn overlays(pool: &SqlitePool, scope: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM record WHERE scope = ?1 AND overlay = 1")
            .bind(scope)
            .fetch_one(pool)
            .await?,
    )
}

/// Outbox rows by state.
pub async fn outbox_states(pool: &SqlitePool, scope: &str) -> Result<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM outbox WHERE scope = ?1 GROUP BY state")
            .bind(scope)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Fails, naming the first differences, unless the two readings agree record for record.
pub fn same_records(client: &Records, server: &Records) -> Result<()> {
    let mut diffs = Vec::new();
    for (key, theirs) in server {
        match client.get(key) {
            None => diffs.push(format!("missing on the client: {key:?} v{}", theirs.0)),
            Some(mine) if mine != theirs => diffs.push(format!(
                "{key:?}: client v{} {}, server v{} {}",
                mine.0, mine.1, theirs.0, theirs.1
            )),
            Some(_) => {}
        }
    }
    for (key, mine) in client {
        if !server.contains_key(key) {
            diffs.push(format!(
                "only on the client: {key:?} v{} {}",
                mine.0, mine.1
            ));
        }
    }
    ensure!(
        diffs.is_empty(),
        "{} differences between the client's view and the server, first ones:\n{}",
        diffs.len(),
        diffs.iter().take(8).cloned().collect::<Vec<_>>().join("\n")
    );
    Ok(())
}

/// The client of `scope` has settled everything, and its view equals what the server holds for
/// the user of `token`: every record, every version, every field.
pub async fn assert_converged(
    pool: &SqlitePool,
    scope: &str,
    base: &str,
    token: &SessionToken,
) -> Result<()> {
    let states = outbox_states(pool, scope).await?;
    ensure!(
        states.keys().all(|s| s == "synced"),
        "the outbox still holds unsettled changes: {states:?}"
    );
    ensure!(
        overlays(pool, scope).await? == 0,
        "views differ from their server copies"
    );
    let (server, head) = server_records(base, token).await?;
    same_records(&cache_records(pool, scope).await?, &server)?;
    ensure!(
        cursor(pool, scope).await? == head,
        "the cursor is not at the head ({head})"
    );
    Ok(())
}
