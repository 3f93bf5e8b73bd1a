//! A small HTTP helper over reqwest, shared by the test modules.

use anyhow::{Context, Result};
use portal_core::api::auth::LoginResponse;
use portal_server::seed::DEMO_PASSWORD;
use portal_server::testing::TestServer;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

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
        Ok(self.login_as(email).await?.token)
    }
}

/// Opens the test server's database directly (WAL lets it share the file with the server).
pub async fn database(server: &TestServer) -> Result<sqlx::SqlitePool> {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(server.database_path());
    Ok(sqlx::SqlitePool::connect_with(options).await?)
}
