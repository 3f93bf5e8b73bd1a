//! Quotes and orders over real HTTP, through the sync API: pricing and the figures rule ([`figures`]),
//! discount approval, automatic and by a channel manager at the vendor endpoints ([`approvals`]),
//! orders with their figures, submission and purchase-order files ([`orders`]), and the vendor's
//! provisioning and refusals ([`provisioning`]). This module holds what they share: an installation
//! that prices from what it pulled, the vendor's channel manager, and the mutations they send.

mod approvals;
mod figures;
mod orders;
mod provisioning;

use crate::support::{applied, create, refused, today, Api, Installation, Reply};
use anyhow::{Context, Result};
use chrono::Days;
use portal_core::api::partner::PartnerDetails;
use portal_core::ids::{OrderId, ProspectId, QuoteId};
use portal_core::money::{Currency, Percent};
use portal_core::order::{Address, Attachment, Order, OrderStatus};
use portal_core::pricebook::{PriceBook, Product};
use portal_core::pricing::{self, QuoteLine};
use portal_core::prospect::{Prospect, ProspectForm};
use portal_core::quote::{default_validity, Approval, Quote, QuoteAction, QuoteFor, QuoteStatus};
use portal_core::sync::{Change, Entity, MutationOp, Outcome, PullResponse, Step};
use portal_core::ErrorKind;
use portal_server::seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF};
use portal_server::testing::TestServer;
use reqwest::Method;
use serde_json::{json, Value};
use std::ops::{Deref, DerefMut};
use uuid::Uuid;

/// One installation of the app, signed in as a demo user, with the price book it pulled and
/// everything it pulled so far.
pub(crate) struct Client {
    app: Installation,
    book: PriceBook,
    /// Everything pulled so far, and the cursor.
    pub(crate) changes: Vec<Change>,
    cursor: i64,
}

impl Deref for Client {
    type Target = Installation;
    fn deref(&self) -> &Installation {
        &self.app
    }
}

impl DerefMut for Client {
    fn deref_mut(&mut self) -> &mut Installation {
        &mut self.app
    }
}

impl Client {
    pub(crate) async fn sign_in(server: &TestServer, email: &str) -> Result<Client> {
        let app = Installation::sign_in(server, email).await?;
        let partner: PartnerDetails =
            serde_json::from_value(app.get("/api/v1/partner").await?.body)?;
        let mut client = Client {
            app,
            book: PriceBook::default(),
            changes: Vec::new(),
            cursor: 0,
        };
        client.sync().await?;
        // The product bodies of a pull are exactly the price book's products.
        let products: Vec<Product> = client.all(Entity::Product);
        anyhow::ensure!(products.len() >= 5, "the price book is pulled");
        client.book = PriceBook {
            products,
            margin: partner.margin,
        };
        Ok(client)
    }

    /// Pulls every page after the cursor; returns what this pull brought.
    pub(crate) async fn sync(&mut self) -> Result<Vec<Change>> {
        let mut new = Vec::new();
        loop {
            let reply = self
                .get(&format!(
                    "/api/v1/sync/changes?after={}&limit=1000",
                    self.cursor
                ))
                .await?;
            anyhow::ensure!(reply.status == 200, "pull: {reply:?}");
            let page: PullResponse = serde_json::from_value(reply.body)?;
            anyhow::ensure!(!page.reset, "unexpected reset");
            new.extend(page.changes);
            self.cursor = page.cursor;
            if !page.more {
                break;
            }
        }
        self.changes.extend(new.clone());
        Ok(new)
    }

    /// The latest body of every record of a kind pulled so far.
    pub(crate) fn all<T: serde::de::DeserializeOwned>(&self, entity: Entity) -> Vec<T> {
        let mut latest: Vec<(Uuid, Option<&Value>)> = Vec::new();
        for c in self.changes.iter().filter(|c| c.entity == entity) {
            latest.retain(|(id, _)| *id != c.id);
            latest.push((c.id, c.body.as_ref()));
        }
        latest
            .into_iter()
            .filter_map(|(_, b)| b.cloned())
            .map(|b| serde_json::from_value(b).expect("the portal-core shape"))
            .collect()
    }

    /// The latest body of one record pulled so far (None: never pulled, or a tombstone).
    pub(crate) fn record<T: serde::de::DeserializeOwned>(&self, id: Uuid) -> Option<T> {
        self.changes
            .iter()
            .rev()
            .find(|c| c.id == id)
            .and_then(|c| c.body.clone())
            .map(|b| serde_json::from_value(b).expect("the portal-core shape"))
    }

    async fn quote(&mut self, id: QuoteId) -> Result<Quote> {
        self.sync().await?;
        self.record(*id.as_uuid()).context("the quote is pulled")
    }

    async fn order(&mut self, id: OrderId) -> Result<Order> {
        self.sync().await?;
        self.record(*id.as_uuid()).context("the order is pulled")
    }

    /// One mutation of a quote.
    async fn on_quote(&mut self, id: QuoteId, op: MutationOp) -> Result<Outcome> {
        self.push_one(Entity::Quote, *id.as_uuid(), op).await
    }

    /// One mutation of an order.
    async fn on_order(&mut self, id: OrderId, op: MutationOp) -> Result<Outcome> {
        self.push_one(Entity::Order, *id.as_uuid(), op).await
    }

    fn product(&self, sku: &str) -> &Product {
        self.book
            .products
            .iter()
            .find(|p| p.sku == sku)
            .expect("a product of the demo price book")
    }

    pub(crate) fn line(
        &self,
        sku: &str,
        quantity: u32,
        term_months: u32,
        discount_bp: u32,
    ) -> QuoteLine {
        QuoteLine {
            product_id: self.product(sku).id,
            quantity,
            term_months,
            discount: Percent(discount_bp),
        }
    }

    /// A new draft of this user's for `quote_for`, priced with the pulled price book.
    pub(crate) fn new_quote(&self, quote_for: QuoteFor, lines: Vec<QuoteLine>) -> Quote {
        let priced = pricing::price_quote(&self.book, &lines, Currency::USD).expect("prices");
        Quote {
            id: QuoteId::from_uuid(Uuid::now_v7()),
            number: None,
            revision: 1,
            supersedes: None,
            superseded_by: None,
            quote_for,
            deal_id: None,
            currency: Currency::USD,
            lines,
            totals: priced.totals,
            valid_until: default_validity(today()),
            notes: String::new(),
            owner_id: self.user,
            created_on: today(),
            status: QuoteStatus::Draft,
            approval: Approval::NotNeeded,
            approval_reason: None,
            status_reason: None,
            sent_on: None,
            decided_on: None,
        }
    }

    /// A prospect of this user's, created through the sync API.
    async fn prospect(&mut self, company: &str, domain: &str) -> Result<Prospect> {
        let form = ProspectForm {
            company_name: company.into(),
            domain: domain.into(),
            mailboxes: "250".into(),
            sector: "Retail".into(),
            ..ProspectForm::default()
        };
        let mut p = form
            .parse(ProspectId::from_uuid(Uuid::now_v7()), self.user)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        p.primary_contact.first_name = "Rosa".into();
        p.primary_contact.last_name = "Diaz".into();
        p.primary_contact.email = format!("rosa.diaz@{domain}");
        applied(
            &self
                .push_one(Entity::Prospect, *p.id.as_uuid(), create(&p))
                .await?,
        );
        Ok(p)
    }

    /// A quote created, then taken through `steps`; returns it as the server has it.
    async fn quote_through(&mut self, q: &Quote, steps: &[QuoteAction]) -> Result<Quote> {
        let id = *q.id.as_uuid();
        let mut ops = vec![(Entity::Quote, id, create(q))];
        ops.extend(steps.iter().map(|s| (Entity::Quote, id, act((*s).into()))));
        for outcome in self.push(ops).await? {
            applied(&outcome);
        }
        self.quote(q.id).await
    }

    /// A quote of this user's for `quote_for`, created, sent and accepted: as the server has it.
    async fn accepted_quote(
        &mut self,
        quote_for: QuoteFor,
        lines: Vec<QuoteLine>,
    ) -> Result<Quote> {
        let q = self.new_quote(quote_for, lines);
        self.quote_through(&q, &[QuoteAction::Send, QuoteAction::Accept])
            .await
    }

    /// A new order of this user's on `quote`, with its figures and only a company name.
    fn new_order(&self, quote: &Quote) -> Order {
        Order {
            id: OrderId::from_uuid(Uuid::now_v7()),
            number: None,
            quote_id: quote.id,
            company_name: "Harbor Clinics".into(),
            sector: String::new(),
            address: Address::default(),
            po_number: String::new(),
            po_attachment: None,
            currency: quote.currency,
            total: quote.totals.total,
            rrp_total: quote.totals.rrp_total,
            cost_total: quote.totals.cost_total,
            owner_id: self.user,
            created_on: today(),
            status: OrderStatus::PendingCustomerApproval,
            status_reason: None,
            submitted_on: None,
            provisioned_on: None,
            customer_id: None,
        }
    }

    /// An order of `accepted`'s with what provisioning needs but a purchase-order file (`sector`,
    /// `po_number`, and a street address in the United States: line, city and postal code), created.
    async fn place_order(
        &mut self,
        accepted: &Quote,
        sector: &str,
        po_number: &str,
        [line1, city, postal_code]: [&str; 3],
    ) -> Result<Order> {
        let mut o = self.new_order(accepted);
        o.sector = sector.into();
        o.po_number = po_number.into();
        o.address = Address {
            line1: line1.into(),
            city: city.into(),
            postal_code: postal_code.into(),
            country: "United States".into(),
            ..Address::default()
        };
        applied(&self.on_order(o.id, create(&o)).await?);
        Ok(o)
    }

    /// Uploads a file's bytes at the SHA-256 given.
    async fn upload(&self, sha256: &str, content_type: &str, bytes: Vec<u8>) -> Result<Reply> {
        let resp = reqwest::Client::new()
            .put(format!("{}/api/v1/attachments/{sha256}", self.api.base))
            .bearer_auth(&self.token)
            .header("Content-Type", content_type)
            .body(bytes)
            .send()
            .await?;
        let status = resp.status();
        let body = serde_json::from_slice(&resp.bytes().await?).unwrap_or(Value::Null);
        Ok(Reply { status, body })
    }
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
        assert_eq!(reply.body["staff"]["role"], "channel_manager");
        let token = reply.body["token"].as_str().context("a token")?.to_owned();
        Ok(Vendor { api, token })
    }

    async fn approvals(&self) -> Result<Vec<Value>> {
        let reply = self
            .api
            .get("/api/v1/vendor/approvals", &self.token)
            .await?;
        anyhow::ensure!(reply.status == 200, "approvals: {reply:?}");
        Ok(reply.body.as_array().context("a list")?.clone())
    }

    async fn refuse_order(&self, order: OrderId, reason: &str) -> Result<Reply> {
        self.api
            .call(
                Method::POST,
                &format!("/api/v1/vendor/orders/{order}/refuse"),
                Some(&self.token),
                Some(json!({"reason": reason})),
            )
            .await
    }

    async fn decide(&self, quote: QuoteId, approve: bool, reason: &str) -> Result<Reply> {
        self.api
            .call(
                Method::POST,
                &format!("/api/v1/vendor/approvals/{quote}"),
                Some(&self.token),
                Some(json!({"approve": approve, "reason": reason})),
            )
            .await
    }
}

fn update(fields: Value) -> MutationOp {
    MutationOp::Update {
        base_version: 0,
        fields: fields.as_object().expect("an object").clone(),
    }
}

fn act(action: portal_core::sync::Step) -> MutationOp {
    MutationOp::Act {
        base_version: 0,
        action,
    }
}

fn submit() -> MutationOp {
    act(Step::Submit)
}

fn step(action: QuoteAction) -> MutationOp {
    act(action.into())
}

fn delete() -> MutationOp {
    MutationOp::Delete { base_version: 0 }
}

fn sha256_hex(bytes: &[u8]) -> String {
    portal_server::attachments::sha256_hex(bytes)
}

/// A seeded server, Northwind's salesperson signed in, and a fresh prospect of theirs.
async fn seeded_with_prospect() -> Result<(TestServer, Client, Prospect)> {
    let server = TestServer::spawn_seeded().await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = sales
        .prospect("Harbor Clinics", "harbor-clinics.example")
        .await?;
    Ok((server, sales, p))
}
