//! Marketing resources: the real client against the real server on 127.0.0.1:0. The vendor's
//! channel manager publishes, replaces and withdraws items through the vendor API (real files,
//! real hashes); the app lists and searches them, previews them, keeps them offline in the
//! briefcase (which survives a restart and works with the server stopped), refuses a damaged
//! file, resumes a partial download, and counts each use once.

mod briefcase;
mod files;
mod library;

use anyhow::{Context, Result};
use base64::Engine;
use portal_core::{
    ids::ResourceId,
    resources::{
        publish::{NewResource, Replacement, UsageRow, VendorResource},
        Audience, Category, ResourceFile, Sha256,
    },
};
use portal_server::{
    seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF},
    testing::TestServer,
};
use std::path::PathBuf;

/// The vendor's channel manager, signed in to the vendor API.
pub struct Vendor {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Vendor {
    pub async fn sign_in(server: &TestServer) -> Result<Self> {
        let http = reqwest::Client::new();
        let (email, ..) = DEMO_VENDOR_STAFF[0];
        let login: serde_json::Value = http
            .post(format!("{}/api/v1/vendor/auth/login", server.base_url()))
            .json(&serde_json::json!({
                "email": email,
                "password": DEMO_PASSWORD,
                "remember": false,
            }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let token = login["token"]
            .as_str()
            .context("a vendor token")?
            .to_owned();
        Ok(Self {
            http,
            base: server.base_url(),
            token,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1/vendor{path}", self.base)
    }

    async fn answer<T: serde::de::DeserializeOwned>(resp: reqwest::Response) -> Result<T> {
        let status = resp.status();
        let body = resp.text().await?;
        anyhow::ensure!(
            status.is_success(),
            "the vendor API answered {status}: {body}"
        );
        Ok(serde_json::from_str(&body)?)
    }

    /// Stores a file; its description (hash, size, type).
    pub async fn upload(
        &self,
        name: &str,
        media_type: &str,
        bytes: Vec<u8>,
    ) -> Result<ResourceFile> {
        let resp = self
            .http
            .post(self.url("/files"))
            .query(&[("name", name)])
            .bearer_auth(&self.token)
            .header(reqwest::header::CONTENT_TYPE, media_type)
            .body(bytes)
            .send()
            .await?;
        Self::answer(resp).await
    }

    /// Publishes version 1 of an item for everyone with these files (uploaded first).
    pub async fn publish(
        &self,
        category: Category,
        title: &str,
        files: &[&ResourceFile],
        thumbnail: Option<&ResourceFile>,
    ) -> Result<VendorResource> {
        self.publish_for(category, title, files, thumbnail, &[])
            .await
    }

    /// The same, for the products of these SKUs.
    pub async fn publish_for(
        &self,
        category: Category,
        title: &str,
        files: &[&ResourceFile],
        thumbnail: Option<&ResourceFile>,
        skus: &[&str],
    ) -> Result<VendorResource> {
        let new = NewResource {
            category,
            title: title.into(),
            summary: format!("{title}, for the partner's sales team."),
            description: String::new(),
            products: skus.iter().map(|s| (*s).to_owned()).collect(),
            audience: Audience::everyone(),
            files: files.iter().map(|f| f.sha256.clone()).collect(),
            thumbnail: thumbnail.map(|t| t.sha256.clone()),
            review_on: None,
            expires_on: None,
        };
        let resp = self
            .http
            .post(self.url("/resources"))
            .bearer_auth(&self.token)
            .json(&new)
            .send()
            .await?;
        Self::answer(resp).await
    }

    /// Publishes the next version of an item with these files.
    pub async fn replace(&self, id: ResourceId, files: &[&ResourceFile]) -> Result<VendorResource> {
        let replacement = Replacement {
            files: files.iter().map(|f| f.sha256.clone()).collect(),
            note: "New figures".into(),
            ..Replacement::default()
        };
        let resp = self
            .http
            .post(self.url(&format!("/resources/{id}/versions")))
            .bearer_auth(&self.token)
            .json(&replacement)
            .send()
            .await?;
        Self::answer(resp).await
    }

    pub async fn withdraw(&self, id: ResourceId) -> Result<VendorResource> {
        let resp = self
            .http
            .post(self.url(&format!("/resources/{id}/withdraw")))
            .bearer_auth(&self.token)
            .send()
            .await?;
        Self::answer(resp).await
    }

    /// The usage counts by item.
    pub async fn usage(&self) -> Result<Vec<UsageRow>> {
        let resp = self
            .http
            .get(self.url("/resources/usage"))
            .query(&[("by", "item")])
            .bearer_auth(&self.token)
            .send()
            .await?;
        Self::answer(resp).await
    }
}

/// A PDF of `pages` pages, each with a coloured square and its number in the content stream.
pub fn pdf(pages: usize) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ];
    for i in 0..pages {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents {} 0 R >>",
            4 + 2 * i
        ));
        let s = format!("0.{} 0.2 0.8 rg {} 40 100 100 re f", i % 10, 20 + 10 * i);
        objects.push(format!("<< /Length {} >>\nstream\n{s}\nendstream", s.len()));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A real PNG picture (a PDF page rendered by the app's own previewer).
pub fn png() -> Vec<u8> {
    let preview = portal_client::features::resources::preview::render_pdf(pdf(1), 1)
        .expect("a generated PDF renders");
    let b64 = preview.pages[0]
        .strip_prefix("data:image/png;base64,")
        .expect("a PNG data URL");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

/// `n` bytes that do not compress (a "ZIP archive" big enough to be downloaded in many chunks);
/// `seed` makes each file different.
pub fn archive(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Where the app keeps a briefcase file of this hash under its data folder `dir`.
pub fn kept_path(dir: &std::path::Path, sha: &Sha256) -> PathBuf {
    dir.join("resources").join("kept").join(sha.as_str())
}

/// Where the server stores a file of this hash (its data folder's `files/ab/abcd…`).
pub fn server_blob(server: &TestServer, sha: &Sha256) -> PathBuf {
    let hex = sha.as_str();
    server.data_dir().join("files").join(&hex[..2]).join(hex)
}
