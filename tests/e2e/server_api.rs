//! The server's own API as the tests read it, to check the app against the system of record
//! rather than against itself: sign in as a demo user, read a resource, pull every change.

use anyhow::Result;
use portal_core::{
    api::auth::LoginResponse,
    sync::{Change, PullResponse},
};
use portal_server::seed::DEMO_PASSWORD;
use serde::de::DeserializeOwned;
use serde_json::json;

/// A demo user's session with the server (demo password).
pub struct ServerApi {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl ServerApi {
    pub async fn sign_in(base: &str, email: &str) -> Result<ServerApi> {
        let http = reqwest::Client::new();
        let login: LoginResponse = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": DEMO_PASSWORD, "remember": false }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(ServerApi {
            http,
            base: base.to_owned(),
            token: login.token.into_inner(),
        })
    }

    /// `GET {path}` (such as `/api/v1/dashboard`), as JSON.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        Ok(self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// Every change a pull from 0 gives this user, oldest first: what the server holds for them.
    pub async fn changes(&self) -> Result<Vec<Change>> {
        let mut all = Vec::new();
        let mut after = 0;
        loop {
            let page: PullResponse = self
                .get(&format!("/api/v1/sync/changes?after={after}&limit=5000"))
                .await?;
            all.extend(page.changes);
            if !page.more {
                return Ok(all);
            }
            after = page.cursor;
        }
    }

    pub async fn sign_out(self) -> Result<()> {
        self.http
            .post(format!("{}/api/v1/auth/logout", self.base))
            .bearer_auth(&self.token)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}
