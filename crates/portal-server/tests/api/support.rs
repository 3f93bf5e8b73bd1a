//! What the test modules share: a small HTTP helper over reqwest, an installation of the app that
//! pushes mutations, and the mutations and outcomes they send and read.

use anyhow::{Context, Result};
use chrono::{NaiveDate, Utc};
use portal_core::api::auth::LoginResponse;
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::{Entity, Mutation, MutationOp, Outcome, PushRequest, PushResponse};
use portal_core::ApiError;
use portal_server::seed::DEMO_PASSWORD;
use portal_server::testing::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

pub struct Api {
    pub base: String,
    http: reqwest::Client,
}

/// A response: status and JSON body (`Value::Null` when the body is empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    /// The `kind` of an `ApiError` body.
    pub fn kind(&self) -> &str {
        self.body["kind"].as_str().unwrap_or("")
    }
}

impl Api {
    pub fn new(server: &TestServer) -> Self {
        Self {
            base: server.base_url(),
            http: reqwest::Client::new(),
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<Reply> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("calling {path}"))?;
        let status = resp.status();
        let bytes = resp.bytes().await?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Reply { status, body })
    }

    pub async fn get(&self, path: &str, token: &str) -> Result<Reply> {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn try_login(&self, email: &str, password: &str, remember: bool) -> Result<Reply> {
        self.call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": email, "password": password, "remember": remember })),
        )
        .await
    }

    /// Signs in a demo user; returns the whole answer.
    pub async fn login_as(&self, email: &str) -> Result<LoginResponse> {
        let reply = self.try_login(email, DEMO_PASSWORD, false).await?;
        anyhow::ensure!(reply.status == 200, "sign-in as {email}: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }

    pub async fn token(&self, email: &str) -> Result<String> {
        Ok(self.login_as(email).await?.token.into_inner())
    }
}

/// Opens the test server's database directly (WAL lets it share the file with the server).
pub async fn database(server: &TestServer) -> Result<sqlx::SqlitePool> {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(server.database_path());
    Ok(sqlx::SqlitePool::connect_with(options).await?)
}

/// One installation of the app, signed in as a demo user: its client id, and its mutations numbered
/// in the order they are made.
pub struct Installation {
    pub api: Api,
    pub token: String,
    pub user: UserId,
    pub partner: PartnerId,
    pub id: Uuid,
    next_mutation: i64,
}

impl Installation {
    pub async fn sign_in(server: &TestServer, email: &str) -> Result<Self> {
        let api = Api::new(server);
        let login = api.login_as(email).await?;
        Ok(Self {
            api,
            token: login.token.into_inner(),
            user: login.profile.user.id,
            partner: login.profile.partner.id,
            id: Uuid::now_v7(),
            next_mutation: 0,
        })
    }

    pub async fn get(&self, path: &str) -> Result<Reply> {
        self.api.get(path, &self.token).await
    }

    /// A batch of this installation's next mutations.
    pub fn batch(&mut self, ops: Vec<(Entity, Uuid, MutationOp)>) -> PushRequest {
        let mutations = ops
            .into_iter()
            .map(|(entity, id, op)| {
                self.next_mutation += 1;
                Mutation {
                    mutation_id: self.next_mutation,
                    entity,
                    id,
                    op,
                }
            })
            .collect();
        PushRequest {
            client_id: self.id,
            mutations,
        }
    }

    pub async fn send(&self, req: &PushRequest) -> Result<Reply> {
        self.api
            .call(
                Method::POST,
                "/api/v1/sync/mutations",
                Some(&self.token),
                Some(serde_json::to_value(req)?),
            )
            .await
    }

    /// Pushes a batch: one outcome per mutation, in order.
    pub async fn push(&mut self, ops: Vec<(Entity, Uuid, MutationOp)>) -> Result<Vec<Outcome>> {
        let req = self.batch(ops);
        let reply = self.send(&req).await?;
        anyhow::ensure!(reply.status == 200, "push: {reply:?}");
        let resp: PushResponse = serde_json::from_value(reply.body)?;
        let ids: Vec<i64> = resp.results.iter().map(|r| r.mutation_id).collect();
        let sent: Vec<i64> = req.mutations.iter().map(|m| m.mutation_id).collect();
        assert_eq!(ids, sent, "one result per mutation, in order");
        Ok(resp.results.into_iter().map(|r| r.outcome).collect())
    }

    pub async fn push_one(&mut self, entity: Entity, id: Uuid, op: MutationOp) -> Result<Outcome> {
        Ok(self.push(vec![(entity, id, op)]).await?.remove(0))
    }
}

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub fn create(body: &impl serde::Serialize) -> MutationOp {
    MutationOp::Create {
        body: serde_json::to_value(body).expect("serializes"),
    }
}

pub fn applied(outcome: &Outcome) -> i64 {
    match outcome {
        Outcome::Applied { version } => *version,
        other => panic!("expected applied, got {other:?}"),
    }
}

pub fn refused(outcome: &Outcome) -> &ApiError {
    match outcome {
        Outcome::Refused { error } => error,
        other => panic!("expected refused, got {other:?}"),
    }
}
