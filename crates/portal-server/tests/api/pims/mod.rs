//! PIMS over real HTTP: the public landing pages — form, rate limit, honeypot, escaping, CSP,
//! closed campaigns ([`landing`]); leads — decisions, the domain rule, expiry, audience and tenancy
//! ([`leads`]); the profile's logos and launching ([`profile`]); a campaign's funnel ([`results`]).
//! This module holds what they share: a visitor's browser from a chosen address, the vendor's
//! channel manager, and the partners' installations (the quotes tests' `Client`, which keeps
//! everything it pulled).

mod landing;
mod leads;
mod migration;
mod profile;
mod results;
mod vendor;

use crate::quotes::Client;
use crate::support::{create, Api, Reply};
use anyhow::Result;
use portal_core::ids::{CampaignId, LeadDecisionId, LeadId, ProspectId, UserId};
use portal_core::pims::campaign::Campaign;
use portal_core::pims::lead::{Decision, Lead, LeadDecision};
use portal_core::sync::{Entity, Outcome};
use portal_server::seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF};
use portal_server::testing::TestServer;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::net::{IpAddr, Ipv4Addr};
use uuid::Uuid;

pub use portal_server::seed::pims::LIVE_SLUG;

/// A visitor's browser, connecting from 127.0.0.`n` (so that tests choose whose posts count
/// towards the rate limit), following no redirects.
struct Visitor {
    http: reqwest::Client,
    base: String,
}

/// A page as answered: status, headers, HTML.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    html: String,
}

impl Page {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// `application/x-www-form-urlencoded` of these fields.
fn encode(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A person's valid enquiry.
fn enquiry<'a>(name: &'a str, email: &'a str, message: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("company", "Fabrikam Ltd"),
        ("email", email),
        ("phone", "+44 20 7946 0958"),
        ("mailboxes", "120"),
        ("message", message),
        ("consent", "yes"),
        ("website", ""),
    ]
}

impl Visitor {
    fn new(server: &TestServer, n: u8) -> Result<Visitor> {
        Ok(Visitor {
            http: reqwest::Client::builder()
                .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)))
                .redirect(reqwest::redirect::Policy::none())
                .build()?,
            base: server.base_url(),
        })
    }

    async fn answer(resp: reqwest::Response) -> Result<Page> {
        Ok(Page {
            status: resp.status(),
            headers: resp.headers().clone(),
            html: resp.text().await?,
        })
    }

    async fn get(&self, path: &str) -> Result<Page> {
        Self::answer(self.http.get(format!("{}{path}", self.base)).send().await?).await
    }

    async fn post_raw(&self, slug: &str, body: String) -> Result<Page> {
        Self::answer(
            self.http
                .post(format!("{}/c/{slug}", self.base))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await?,
        )
        .await
    }

    async fn post(&self, slug: &str, fields: &[(&str, &str)]) -> Result<Page> {
        self.post_raw(slug, encode(fields)).await
    }
}

/// The vendor's channel manager at the vendor endpoints.
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

    async fn post(&self, path: &str, body: Value) -> Result<Reply> {
        self.api
            .call(Method::POST, path, Some(&self.token), Some(body))
            .await
    }

    async fn get(&self, path: &str) -> Result<Reply> {
        self.api.get(path, &self.token).await
    }

    /// Gives a lead to the firm: the lead.
    async fn lead(&self, firm: Uuid, name: &str, email: &str, window_days: u32) -> Result<Lead> {
        let reply = self
            .post(
                "/api/v1/vendor/leads",
                json!({
                    "partner_id": firm,
                    "origin": "Vendor webinar, 12 November",
                    "name": name,
                    "company": "Tailspin Toys",
                    "email": email,
                    "phone": "+1 425 555 0100",
                    "mailboxes": 80,
                    "message": "Please call me.",
                    "window_days": window_days,
                }),
            )
            .await?;
        anyhow::ensure!(reply.status == 201, "distribute: {reply:?}");
        Ok(serde_json::from_value(reply.body)?)
    }
}

/// Pushes a decision on a lead: its outcome.
async fn decide(user: &mut Client, lead: LeadId, decision: Decision) -> Result<Outcome> {
    let d = LeadDecision {
        lead_id: lead,
        decision,
        at: chrono::Utc::now(),
    };
    user.push_one(
        Entity::LeadDecision,
        *LeadDecisionId::from_uuid(Uuid::now_v7()).as_uuid(),
        create(&d),
    )
    .await
}

/// An acceptance making a new prospect owned by `owner`.
fn accept(owner: UserId) -> (ProspectId, Decision) {
    let id = ProspectId::from_uuid(Uuid::now_v7());
    (
        id,
        Decision::Accept {
            prospect_id: id,
            owner_id: owner,
            next_step: "Call on Tuesday to book a demo.".into(),
        },
    )
}

/// The lead as last pulled.
async fn lead(user: &mut Client, id: LeadId) -> Result<Lead> {
    user.sync().await?;
    user.record(*id.as_uuid())
        .ok_or_else(|| anyhow::anyhow!("lead {id} not pulled"))
}

/// The firm's campaign whose slug is `slug`, as pulled.
async fn campaign_by_slug(user: &mut Client, slug: &str) -> Result<Campaign> {
    user.sync().await?;
    user.all::<Campaign>(Entity::Campaign)
        .into_iter()
        .find(|c| c.slug.as_deref() == Some(slug))
        .ok_or_else(|| anyhow::anyhow!("no campaign at {slug}"))
}

/// Takes a step of a campaign online: the reply.
async fn step(user: &Client, id: CampaignId, step: &str) -> Result<Reply> {
    user.api
        .call(
            Method::POST,
            &format!("/api/v1/pims/campaigns/{id}/{step}"),
            Some(&user.token),
            None,
        )
        .await
}

/// A PNG of `w` × `h`, one colour.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Rgb);
        e.set_depth(png::BitDepth::Eight);
        let mut writer = e.write_header().expect("a header");
        writer
            .write_image_data(&vec![200; (w * h * 3) as usize])
            .expect("pixels");
    }
    out
}

/// Uploads a logo: the reply.
async fn upload_logo(user: &Client, kind: &str, bytes: Vec<u8>) -> Result<Reply> {
    let resp = reqwest::Client::new()
        .put(format!(
            "{}/api/v1/pims/profile/logos/{kind}",
            user.api.base
        ))
        .bearer_auth(&user.token)
        .body(bytes)
        .send()
        .await?;
    let status = resp.status();
    let body = serde_json::from_slice(&resp.bytes().await?).unwrap_or(Value::Null);
    Ok(Reply { status, body })
}

/// The version of a record this user last pulled (what an edit is based on).
fn seen(user: &Client, id: Uuid) -> i64 {
    user.changes
        .iter()
        .rev()
        .find(|c| c.id == id)
        .map_or(0, |c| c.version)
}

/// An update of these fields, based on what `user` last pulled of `id`.
fn update(user: &Client, id: Uuid, fields: Value) -> portal_core::sync::MutationOp {
    portal_core::sync::MutationOp::Update {
        base_version: seen(user, id),
        fields: fields.as_object().cloned().unwrap_or_default(),
    }
}

/// Pushes an update of these fields of `id`, based on what `user` last pulled: the outcome.
async fn edit(user: &mut Client, entity: Entity, id: Uuid, fields: Value) -> Result<Outcome> {
    let op = update(user, id, fields);
    user.push_one(entity, id, op).await
}
