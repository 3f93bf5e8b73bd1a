//! The server's own API as the tests read it, to check the app against the system of record
//! rather than against itself: sign in as a demo user, read a resource, pull every change, read one
//! record as the server holds it; and the vendor's side, as its channel manager acts on an order or
//! publishes a new version of a marketing resource.

use anyhow::Result;
use portal_core::{
    api::auth::LoginResponse,
    order::Order,
    resources::{
        publish::{NewResource, Replacement, VendorResource},
        ResourceFile,
    },
    secret::SessionToken,
    sync::{Change, Entity, PullResponse},
};
use portal_server::seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF};
use serde::{de::DeserializeOwned, Deserialize};
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

    /// The record `id` of kind `entity` as the server holds it now: the body of its last change in
    /// a pull from 0, or `None` when the server has no such record (or deleted it).
    pub async fn record<T: DeserializeOwned>(&self, entity: Entity, id: &str) -> Result<Option<T>> {
        let body = self
            .changes()
            .await?
            .into_iter()
            .rfind(|c| c.entity == entity && c.id.to_string() == id)
            .and_then(|c| c.body);
        Ok(body.map(serde_json::from_value).transpose()?)
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

/// The vendor's channel manager's session with the server (`DEMO_VENDOR_STAFF[0]`, demo password):
/// the vendor's side of an order, which no partner's app can take.
pub struct VendorApi {
    http: reqwest::Client,
    base: String,
    token: String,
}

/// The part of the vendor's sign-in answer the tests need.
#[derive(Deserialize)]
struct VendorLogin {
    token: SessionToken,
}

impl VendorApi {
    pub async fn sign_in(base: &str) -> Result<VendorApi> {
        let http = reqwest::Client::new();
        let (email, ..) = DEMO_VENDOR_STAFF[0];
        let login: VendorLogin = http
            .post(format!("{base}/api/v1/vendor/auth/login"))
            .json(&json!({ "email": email, "password": DEMO_PASSWORD }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(VendorApi {
            http,
            base: base.to_owned(),
            token: login.token.into_inner(),
        })
    }

    /// Refuses a submitted or processing order with the reason the partner reads; the order as
    /// refused.
    pub async fn refuse_order(&self, order_id: &str, reason: &str) -> Result<Order> {
        Ok(self
            .http
            .post(format!(
                "{}/api/v1/vendor/orders/{order_id}/refuse",
                self.base
            ))
            .bearer_auth(&self.token)
            .json(&json!({ "reason": reason }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// Uploads a file (`POST /api/v1/vendor/files?name=…`, the raw bytes): the server stores it
    /// by its SHA-256 and answers it as an item names it.
    pub async fn upload_file(
        &self,
        name: &str,
        media_type: &str,
        bytes: Vec<u8>,
    ) -> Result<ResourceFile> {
        Ok(self
            .http
            .post(format!("{}/api/v1/vendor/files", self.base))
            .query(&[("name", name)])
            .bearer_auth(&self.token)
            .header(reqwest::header::CONTENT_TYPE, media_type)
            .body(bytes)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// Publishes a new item (version 1); the item as the vendor sees it.
    pub async fn publish_resource(&self, item: &NewResource) -> Result<VendorResource> {
        Ok(self
            .http
            .post(format!("{}/api/v1/vendor/resources", self.base))
            .bearer_auth(&self.token)
            .json(item)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// Publishes the next version of an item with new files; the item as the vendor sees it.
    pub async fn replace_resource(
        &self,
        id: &str,
        replacement: &Replacement,
    ) -> Result<VendorResource> {
        Ok(self
            .http
            .post(format!(
                "{}/api/v1/vendor/resources/{id}/versions",
                self.base
            ))
            .bearer_auth(&self.token)
            .json(replacement)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    pub async fn sign_out(self) -> Result<()> {
        self.http
            .post(format!("{}/api/v1/vendor/auth/logout", self.base))
            .bearer_auth(&self.token)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}
