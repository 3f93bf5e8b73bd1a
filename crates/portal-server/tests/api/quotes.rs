//! Quotes and orders over real HTTP, through the sync API: pricing and the figures rule, discount
//! approval (automatic, and by a channel manager at the vendor endpoints), revisions, expiry,
//! orders with their figures and submission, the vendor's provisioning, and purchase-order files.

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
struct Client {
    app: Installation,
    book: PriceBook,
    /// Everything pulled so far, and the cursor.
    changes: Vec<Change>,
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
    async fn sign_in(server: &TestServer, email: &str) -> Result<Client> {
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
    async fn sync(&mut self) -> Result<Vec<Change>> {
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
    fn all<T: serde::de::DeserializeOwned>(&self, entity: Entity) -> Vec<T> {
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
    fn record<T: serde::de::DeserializeOwned>(&self, id: Uuid) -> Option<T> {
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

    fn line(&self, sku: &str, quantity: u32, term_months: u32, discount_bp: u32) -> QuoteLine {
        QuoteLine {
            product_id: self.product(sku).id,
            quantity,
            term_months,
            discount: Percent(discount_bp),
        }
    }

    /// A new draft of this user's for `quote_for`, priced with the pulled price book.
    fn new_quote(&self, quote_for: QuoteFor, lines: Vec<QuoteLine>) -> Quote {
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

#[tokio::test]
async fn a_quote_priced_right_is_applied_numbered_and_pulled() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    // 250 mailboxes (5% volume tier) for 24 months (5% term) of the gateway at $2.50, 10% off.
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 250, 24, 1000)],
    );
    // The server's fields are the server's.
    q.status = QuoteStatus::Accepted;
    q.number = Some("Q-999999".into());
    q.approval = Approval::Approved;
    let v = applied(&sales.on_quote(q.id, create(&q)).await?);
    let got = sales.quote(q.id).await?;
    let number = got.number.clone().context("numbered")?;
    assert!(
        number.starts_with("Q-") && number.len() == 8 && number != "Q-999999",
        "{number}"
    );
    assert_eq!(
        (got.revision, got.status, got.approval),
        (1, QuoteStatus::Draft, Approval::NotNeeded)
    );
    assert_eq!(got.totals, q.totals);
    assert_eq!(got.totals.total.minor, 1_218_375, "the engine's figure");
    assert_eq!(
        sales
            .changes
            .iter()
            .rev()
            .find(|c| c.id == *q.id.as_uuid())
            .map(|c| c.version),
        Some(v)
    );

    // The next quote takes the next number; a sales user's quotes are theirs only, and an
    // administrator sees them all.
    let q2 = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ARC", 10, 12, 0)],
    );
    let q2 = sales.quote_through(&q2, &[]).await?;
    assert!(q2.number.context("numbered")? > number);
    let all: Vec<Quote> = sales.all(Entity::Quote);
    assert!(all.iter().all(|q| q.owner_id == sales.user), "own only");
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let everyone: Vec<Quote> = admin.all(Entity::Quote);
    assert!(everyone.iter().any(|x| x.id == q.id));
    assert!(everyone.iter().any(|x| x.owner_id != sales.user));

    // A colleague's prospect cannot be quoted by a sales user.
    let theirs: Vec<Prospect> = admin.all(Entity::Prospect);
    let theirs = theirs.iter().find(|x| x.owner_id != sales.user).unwrap();
    let q3 = sales.new_quote(
        QuoteFor::Prospect(theirs.id),
        vec![sales.line("BM-GW", 10, 12, 0)],
    );
    let e = refused(&sales.on_quote(q3.id, create(&q3)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("quote_for"), "{e:?}");
    Ok(())
}

#[tokio::test]
async fn a_tampered_total_is_refused_naming_the_figure() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.totals.total.minor -= 100;
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("totals"))
    );
    assert!(
        e.message.starts_with("The quote's total is"),
        "names the figure: {}",
        e.message
    );
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.totals.cost_total.minor += 1;
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert!(e.message.contains("cost"), "{}", e.message);

    // Every problem at once, in one message, with the first one's field.
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 100, 12, 500)],
    );
    q.lines.push(QuoteLine {
        product_id: portal_core::ids::ProductId::from_uuid(Uuid::now_v7()),
        ..q.lines[0]
    });
    q.lines.push(QuoteLine {
        term_months: 18,
        ..q.lines[0]
    });
    let e = refused(&sales.on_quote(q.id, create(&q)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("lines[1].product_id"), "{e:?}");
    assert!(
        e.message.contains("price book") && e.message.contains("months"),
        "{}",
        e.message
    );
    // Nothing was kept of the refused quotes.
    let quotes: Vec<Quote> = {
        sales.sync().await?;
        sales.all(Entity::Quote)
    };
    assert!(quotes
        .iter()
        .all(|x| x.quote_for != QuoteFor::Prospect(p.id)));
    Ok(())
}

#[tokio::test]
async fn a_channel_manager_refuses_an_order_and_the_corrected_one_is_provisioned() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-GW", 40, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Retail",
            "PO-WRONG",
            ["1 Main St", "Portland", "97204"],
        )
        .await?;
    let vendor = Vendor::sign_in(&server).await?;

    // Not with the vendor yet: nothing to refuse.
    let reply = vendor.refuse_order(o.id, "Too early").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (409, "conflict"),
        "{reply:?}"
    );
    applied(&sales.on_order(o.id, submit()).await?);

    // A reason is required; partner users may not refuse.
    let reply = vendor.refuse_order(o.id, "  ").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.kind()),
        (422, "invalid_input")
    );
    let partner_token = sales.api.token("admin@northwind.example").await?;
    let reply = sales
        .api
        .call(
            Method::POST,
            &format!("/api/v1/vendor/orders/{}/refuse", o.id),
            Some(&partner_token),
            Some(json!({"reason": "x"})),
        )
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));

    let reason = "The PO number does not match the customer's purchase order.";
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.status_reason.as_deref()),
        (OrderStatus::Refused, Some(reason))
    );
    assert_eq!(
        sales.quote(accepted.id).await?.status,
        QuoteStatus::Accepted
    );
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status.as_u16(), 409, "refused already: {reply:?}");

    // The partner corrects it and submits it again; the vendor provisions it.
    applied(
        &sales
            .on_order(o.id, update(json!({"po_number": "PO-RIGHT"})))
            .await?,
    );
    applied(&sales.on_order(o.id, submit()).await?);
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.status_reason, got.po_number.as_str()),
        (OrderStatus::Submitted, None, "PO-RIGHT")
    );
    assert_eq!(sales.quote(accepted.id).await?.status, QuoteStatus::Ordered);
    server.provision_orders().await?;
    server.provision_orders().await?;
    let got = sales.order(o.id).await?;
    assert_eq!(got.status, OrderStatus::Provisioned);
    assert!(got.customer_id.is_some());
    // Provisioned is final: the vendor can no longer refuse it.
    let reply = vendor.refuse_order(o.id, reason).await?;
    assert_eq!(reply.status.as_u16(), 409, "{reply:?}");
    Ok(())
}

#[tokio::test]
async fn a_discount_beyond_the_automatic_limit_waits_for_a_channel_manager() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    // The gateway's cap is 35%; 45% is beyond the automatic 40% too.
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![
            sales.line("BM-GW", 300, 12, 4500),
            sales.line("BM-ARC", 300, 12, 0),
        ],
    );
    let got = sales.quote_through(&q, &[]).await?;
    assert_eq!(
        (got.approval, got.approval_reason),
        (Approval::Pending, None)
    );
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Send)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("approval"), "{}", e.message);

    // Partner users are refused at the vendor endpoints, whatever their role.
    for email in ["sales@northwind.example", "admin@northwind.example"] {
        let token = sales.api.token(email).await?;
        let reply = sales.api.get("/api/v1/vendor/approvals", &token).await?;
        assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));
        let reply = sales
            .api
            .call(
                Method::POST,
                &format!("/api/v1/vendor/approvals/{}", q.id),
                Some(&token),
                Some(json!({"approve": true})),
            )
            .await?;
        assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));
    }

    // The channel manager sees it in the queue, with its firm and the line over the cap.
    let vendor = Vendor::sign_in(&server).await?;
    let queue = vendor.approvals().await?;
    let item = queue
        .iter()
        .find(|i| i["quote_id"] == q.id.to_string())
        .context("the quote is in the queue")?;
    assert_eq!(item["partner_name"], "Northwind Solutions");
    assert_eq!(item["number"], json!(got.number));
    assert_eq!(item["for_name"], "Harbor Clinics");
    assert_eq!(item["requested_by"], "Marcus Reid");
    assert_eq!(item["totals"]["total"]["minor"], got.totals.total.minor);
    let lines = item["lines"].as_array().context("lines")?;
    assert_eq!(
        (
            &lines[0]["discount_bp"],
            &lines[0]["discount_cap_bp"],
            &lines[0]["over_cap"]
        ),
        (&json!(4500), &json!(3500), &json!(true))
    );
    assert_eq!(lines[1]["over_cap"], false);
    // The seeded queue holds both firms' waiting quotes too.
    assert!(queue.iter().any(|i| i["partner_name"] == "Bluefin IT"));
    // A vendor token opens no partner endpoint.
    let reply = vendor
        .api
        .get("/api/v1/sync/changes?after=0", &vendor.token)
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (403, "forbidden"));

    // Approved: the partner's app pulls the decision, and the quote can be sent.
    let reply = vendor.decide(q.id, true, "").await?;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body["approval"], "approved");
    let got = sales.quote(q.id).await?;
    assert_eq!(got.approval, Approval::Approved);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("Approved by Casey Morgan, Channel Manager.")
    );
    applied(&sales.on_quote(q.id, step(QuoteAction::Send)).await?);
    assert!(!vendor
        .approvals()
        .await?
        .iter()
        .any(|i| i["quote_id"] == q.id.to_string()));
    let again = vendor.decide(q.id, false, "Too deep").await?;
    assert_eq!(
        (again.status.as_u16(), again.kind()),
        (409, "conflict"),
        "decided already"
    );

    // Rejected, with the reason: the quote cannot be sent until the discount is changed.
    let r = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ATP", 300, 12, 6000)],
    );
    sales.quote_through(&r, &[]).await?;
    let reply = vendor.decide(r.id, false, "  ").await?;
    assert_eq!(
        (reply.status.as_u16(), reply.body["field"].as_str()),
        (422, Some("reason")),
        "a rejection says why"
    );
    let reply = vendor
        .decide(
            r.id,
            false,
            "60% is below our cost; 40% is the most we can do.",
        )
        .await?;
    assert_eq!(reply.status, 200);
    let got = sales.quote(r.id).await?;
    assert_eq!(got.approval, Approval::Rejected);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("60% is below our cost; 40% is the most we can do.")
    );
    let e = refused(&sales.on_quote(r.id, step(QuoteAction::Send)).await?).clone();
    assert!(e.message.contains("did not approve"), "{}", e.message);
    // Lowering the discount to 35% (within the automatic limit) approves it at once.
    let lower = vec![sales.line("BM-ATP", 300, 12, 3500)];
    let totals = pricing::price_quote(&sales.book, &lower, Currency::USD)
        .unwrap()
        .totals;
    applied(
        &sales
            .on_quote(r.id, update(json!({"lines": lower, "totals": totals})))
            .await?,
    );
    let got = sales.quote(r.id).await?;
    assert_eq!(got.approval, Approval::Approved);
    assert!(got
        .approval_reason
        .unwrap_or_default()
        .starts_with("Approved automatically"));
    let unknown = vendor
        .decide(QuoteId::from_uuid(Uuid::now_v7()), true, "")
        .await?;
    assert_eq!(unknown.status, 404);
    Ok(())
}

#[tokio::test]
async fn a_discount_within_the_automatic_limit_is_approved_at_once() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    // 38% on the gateway (cap 35%) is within the automatic 40%.
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 120, 12, 3800)],
    );
    let got = sales
        .quote_through(&q, &[QuoteAction::Send, QuoteAction::Accept])
        .await?;
    assert_eq!(got.approval, Approval::Approved);
    assert_eq!(
        got.approval_reason.as_deref(),
        Some("Approved automatically: discounts up to 40% are pre-approved.")
    );
    assert_eq!(got.status, QuoteStatus::Accepted);
    assert_eq!(
        (got.sent_on, got.decided_on),
        (Some(today()), Some(today()))
    );

    // With the rule switched off, the same discount waits for a channel manager.
    let server = TestServer::spawn_seeded_with(|c| c.quotes.auto_approve_up_to_bp = 0).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = sales.prospect("Quay Hotels", "quay-hotels.example").await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 120, 12, 3800)],
    );
    assert_eq!(
        sales.quote_through(&q, &[]).await?.approval,
        Approval::Pending
    );
    Ok(())
}

#[tokio::test]
async fn a_revision_supersedes_its_quote_and_deleting_it_restores_the_quote() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-GW", 200, 12, 500)],
    );
    let sent = sales.quote_through(&q, &[QuoteAction::Send]).await?;
    // A draft cannot be revised; a sent quote can.
    let mut rev2 = sent.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    rev2.lines = vec![sales.line("BM-GW", 200, 12, 1500)];
    rev2.totals = pricing::price_quote(&sales.book, &rev2.lines, Currency::USD)
        .unwrap()
        .totals;
    rev2.number = None;
    rev2.revision = 7;
    let got2 = sales.quote_through(&rev2, &[]).await?;
    assert_eq!(got2.number, sent.number, "the revised quote's number");
    assert_eq!(
        (got2.revision, got2.supersedes),
        (2, Some(q.id)),
        "its revision plus one"
    );
    let old = sales.quote(q.id).await?;
    assert_eq!(
        (old.status, old.superseded_by),
        (QuoteStatus::Superseded, Some(rev2.id))
    );

    // The superseded quote can no longer be accepted, nor revised again.
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?).clone();
    assert_eq!(
        e.message,
        "This quote is superseded, so it cannot be accepted."
    );
    let again = sent.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    let e = refused(&sales.on_quote(again.id, create(&again)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("already been revised"), "{}", e.message);
    // A draft cannot be revised.
    let rev3 = got2.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    let e = refused(&sales.on_quote(rev3.id, create(&rev3)).await?).clone();
    assert!(e.message.contains("draft"), "{}", e.message);

    // Deleting the draft revision gives the quote it superseded its status back.
    applied(&sales.on_quote(rev2.id, delete()).await?);
    let restored = sales.quote(q.id).await?;
    assert_eq!(
        (restored.status, restored.superseded_by),
        (QuoteStatus::Sent, None)
    );
    assert!(
        sales.record::<Quote>(*rev2.id.as_uuid()).is_none(),
        "the revision's tombstone"
    );
    applied(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?);
    // Only drafts are deleted or edited.
    let e = refused(&sales.on_quote(q.id, delete()).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    let e = refused(&sales.on_quote(q.id, update(json!({"notes": "x"}))).await?).clone();
    assert!(e.message.contains("revision"), "{}", e.message);
    Ok(())
}

#[tokio::test]
async fn orders_need_an_accepted_quote_and_its_figures() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-ATP", 150, 12, 0)],
    );
    let sent = sales.quote_through(&q, &[QuoteAction::Send]).await?;
    let o = sales.new_order(&sent);
    let e = refused(&sales.on_order(o.id, create(&o)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(
        e.message.contains("is sent, so it cannot be ordered"),
        "{}",
        e.message
    );

    applied(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?);
    let mut wrong = sales.new_order(&sent);
    wrong.total.minor += 1;
    let e = refused(&sales.on_order(wrong.id, create(&wrong)).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("total"))
    );
    assert!(e.message.contains("an order carries its quote's figures"));
    let mut wrong = sales.new_order(&sent);
    wrong.cost_total.minor -= 5;
    let e = refused(&sales.on_order(wrong.id, create(&wrong)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("cost_total"));

    let mut o = sales.new_order(&sent);
    o.status = OrderStatus::Provisioned;
    o.number = Some("SO-999999".into());
    applied(&sales.on_order(o.id, create(&o)).await?);
    let got = sales.order(o.id).await?;
    let number = got.number.clone().context("numbered")?;
    assert!(
        number.starts_with("SO-") && number != "SO-999999",
        "{number}"
    );
    assert_eq!(got.status, OrderStatus::PendingCustomerApproval);
    // One live order per quote.
    let second = sales.new_order(&sent);
    let e = refused(&sales.on_order(second.id, create(&second)).await?).clone();
    assert!(e.message.contains(&number), "{}", e.message);
    // Edited and deleted while it waits for the customer.
    applied(
        &sales
            .on_order(o.id, update(json!({"po_number": "PO-1"})))
            .await?,
    );
    let e = refused(
        &sales
            .on_order(
                o.id,
                update(json!({"total": {"minor": 1, "currency": "USD"}})),
            )
            .await?,
    )
    .clone();
    assert_eq!(
        e.field.as_deref(),
        Some("total"),
        "the figures are not a field"
    );
    applied(&sales.on_order(o.id, delete()).await?);
    applied(&sales.on_order(second.id, create(&second)).await?);
    Ok(())
}

#[tokio::test]
async fn a_submitted_order_is_provisioned_into_a_customer_with_its_records() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let mut admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![
                sales.line("BM-GW", 250, 24, 1000),
                sales.line("BM-ARC", 250, 12, 0),
            ],
        )
        .await?;
    let o = sales.new_order(&accepted);
    applied(&sales.on_order(o.id, create(&o)).await?);

    // Submitting without what provisioning needs names every missing field.
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::InvalidInput, Some("sector"))
    );
    for what in [
        "sector",
        "street address",
        "city",
        "postal code",
        "country",
        "purchase-order number",
    ] {
        assert!(e.message.contains(what), "{what} named in: {}", e.message);
    }

    // The purchase order file must have reached the server.
    let pdf = b"%PDF-1.4 purchase order 4471".to_vec();
    let sha = sha256_hex(&pdf);
    let attachment = Attachment {
        file_name: "PO-4471.pdf".into(),
        content_type: "application/pdf".into(),
        size: pdf.len() as u64,
        sha256: sha.clone(),
    };
    applied(
        &sales
            .on_order(
                o.id,
                update(json!({
                    "sector": "Healthcare",
                    "address": {"line1": "12 Quay Street", "line2": "Floor 3", "city": "Portland",
                                "region": "OR", "postal_code": "97204", "country": "United States"},
                    "po_number": "PO-4471",
                    "po_attachment": attachment,
                })),
            )
            .await?,
    );
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(e.field.as_deref(), Some("po_attachment"), "{e:?}");
    let up = sales.upload(&sha, "application/pdf", pdf.clone()).await?;
    assert_eq!(up.status, 200, "{up:?}");
    applied(&sales.on_order(o.id, submit()).await?);
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.submitted_on),
        (OrderStatus::Submitted, Some(today()))
    );
    assert_eq!(sales.quote(accepted.id).await?.status, QuoteStatus::Ordered);
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict, "submitted once");

    // The vendor provisions it, a step per tick.
    let (_, head) = (admin.sync().await?, admin.cursor);
    let tick = server.provision_orders().await?;
    assert_eq!((tick.processing, tick.provisioned), (1, 0));
    assert_eq!(sales.order(o.id).await?.status, OrderStatus::Processing);
    let tick = server.provision_orders().await?;
    assert_eq!((tick.processing, tick.provisioned), (0, 1));
    let got = sales.order(o.id).await?;
    assert_eq!(
        (got.status, got.provisioned_on),
        (OrderStatus::Provisioned, Some(today()))
    );
    let customer_id = got.customer_id.context("the order names its customer")?;
    assert_eq!(server.provision_orders().await?, Default::default());

    // The administrator's next pull brings the customer, its subscriptions, renewals and invoice.
    let new = admin.sync().await?;
    assert!(admin.cursor > head);
    let customer = new
        .iter()
        .find(|c| c.entity == Entity::Customer && c.id == *customer_id.as_uuid())
        .and_then(|c| c.body.clone())
        .context("the new customer is pulled")?;
    assert_eq!(customer["company_name"], "Harbor Clinics");
    assert_eq!(customer["domain"], "harbor-clinics.example");
    assert_eq!(customer["sector"], "Healthcare");
    assert_eq!(customer["address"]["line1"], "12 Quay Street, Floor 3");
    assert_eq!(
        customer["contact_email"],
        "rosa.diaz@harbor-clinics.example"
    );
    let of = |entity: Entity| -> Vec<Value> {
        new.iter()
            .filter(|c| c.entity == entity)
            .filter_map(|c| c.body.clone())
            .collect()
    };
    let subscriptions: Vec<Value> = of(Entity::Subscription)
        .into_iter()
        .filter(|s| s["customer_id"] == customer_id.to_string())
        .collect();
    assert_eq!(subscriptions.len(), 2, "one per quote line");
    let gateway = subscriptions
        .iter()
        .find(|s| s["product_id"] == sales.product("BM-GW").id.to_string())
        .context("the gateway")?;
    assert_eq!(
        (&gateway["seats"], &gateway["term_months"]),
        (&json!(250), &json!(24))
    );
    assert_eq!(gateway["starts_on"], today().to_string());
    let ends = today().checked_add_months(chrono::Months::new(24)).unwrap();
    assert_eq!(gateway["ends_on"], ends.to_string());
    let renewals: Vec<Value> = of(Entity::Renewal)
        .into_iter()
        .filter(|r| r["customer_id"] == customer_id.to_string())
        .collect();
    assert_eq!(renewals.len(), 2);
    assert!(renewals.iter().any(|r| r["due_on"] == ends.to_string()));
    let invoice = of(Entity::Invoice)
        .into_iter()
        .find(|i| i["customer_id"] == customer_id.to_string())
        .context("the invoice")?;
    assert_eq!(invoice["total"]["minor"], accepted.totals.total.minor);
    assert_eq!(invoice["status"], "open");
    assert_eq!(
        invoice["due_on"],
        (today() + Days::new(30)).to_string(),
        "due in 30 days"
    );
    assert!(
        invoice["number"]
            .as_str()
            .unwrap_or("")
            .starts_with("INV-NW-"),
        "{invoice}"
    );
    // The Customers area stays the administrator's: the salesperson receives none of it.
    assert!(sales
        .changes
        .iter()
        .all(|c| !matches!(c.entity, Entity::Customer | Entity::Invoice)));
    Ok(())
}

#[tokio::test]
async fn the_vendor_refuses_an_order_for_another_partners_customer() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let api = Api::new(&server);
    let nw_admin = api.token("admin@northwind.example").await?;
    let page = api.get("/api/v1/customers?limit=1", &nw_admin).await?;
    let domain = page.body["customers"][0]["domain"]
        .as_str()
        .context("a Northwind customer")?
        .to_owned();
    let mut bluefin = Client::sign_in(&server, "sales@bluefin.example").await?;
    let p = bluefin.prospect("Taken Ltd", &domain).await?;
    let accepted = bluefin
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![bluefin.line("BM-GW", 50, 12, 0)],
        )
        .await?;
    let o = bluefin
        .place_order(
            &accepted,
            "Retail",
            "BF-1",
            ["1 Main St", "Portland", "97204"],
        )
        .await?;
    applied(&bluefin.on_order(o.id, submit()).await?);
    let tick = server.provision_orders().await?;
    assert_eq!(tick.refused, 1);
    let got = bluefin.order(o.id).await?;
    assert_eq!(got.status, OrderStatus::Refused);
    assert_eq!(
        got.status_reason.as_deref(),
        Some("This company is already a customer of another partner.")
    );
    assert_eq!(
        bluefin.quote(accepted.id).await?.status,
        QuoteStatus::Accepted,
        "back with the partner"
    );
    // A refused order can be corrected and submitted again.
    applied(
        &bluefin
            .on_order(o.id, update(json!({"po_number": "BF-2"})))
            .await?,
    );
    applied(&bluefin.on_order(o.id, submit()).await?);
    Ok(())
}

#[tokio::test]
async fn a_price_book_change_stops_the_submission_of_an_accepted_quote() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-CON", 80, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Retail",
            "PO-9",
            ["9 Elm St", "Seattle", "98101"],
        )
        .await?;
    let pool = crate::support::database(&server).await?;
    sqlx::query(
        "UPDATE products SET list_price_minor = list_price_minor + 10 WHERE sku = 'BM-CON'",
    )
    .execute(&pool)
    .await?;
    pool.close().await;
    let e = refused(&sales.on_order(o.id, submit()).await?).clone();
    assert_eq!(
        e.message,
        "The price book changed since this quote was accepted; revise the quote."
    );
    Ok(())
}

#[tokio::test]
async fn the_same_push_twice_is_applied_once() -> Result<()> {
    let (_server, mut sales, p) = seeded_with_prospect().await?;
    let q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-DLP", 75, 36, 0)],
    );
    let o = sales.new_order(&q);
    let qid = *q.id.as_uuid();
    let req = sales.batch(vec![
        (Entity::Quote, qid, create(&q)),
        (Entity::Quote, qid, step(QuoteAction::Send)),
        (Entity::Quote, qid, step(QuoteAction::Accept)),
        (Entity::Order, *o.id.as_uuid(), create(&o)),
        (Entity::Order, *o.id.as_uuid(), submit()),
    ]);
    let first = sales.send(&req).await?;
    assert_eq!(first.status, 200);
    sales.sync().await?;
    let head = sales.cursor;
    let again = sales.send(&req).await?;
    assert_eq!(
        again.body, first.body,
        "the same outcomes, refusal included"
    );
    let new = sales.sync().await?;
    assert!(
        new.is_empty() && sales.cursor == head,
        "nothing applied twice"
    );
    let got = sales.quote(q.id).await?;
    assert_eq!(got.status, QuoteStatus::Accepted);
    let order: Order = sales.record(*o.id.as_uuid()).context("the order")?;
    assert_eq!(order.status, OrderStatus::PendingCustomerApproval);
    Ok(())
}

#[tokio::test]
async fn quotes_past_their_validity_expire() -> Result<()> {
    let (server, mut sales, p) = seeded_with_prospect().await?;
    let mut q = sales.new_quote(
        QuoteFor::Prospect(p.id),
        vec![sales.line("BM-SAT", 40, 12, 0)],
    );
    q.valid_until = today() + Days::new(1);
    sales.quote_through(&q, &[QuoteAction::Send]).await?;
    let mut past = q.clone();
    past.id = QuoteId::from_uuid(Uuid::now_v7());
    past.valid_until = today() - Days::new(1);
    let e = refused(&sales.on_quote(past.id, create(&past)).await?).clone();
    assert_eq!(e.field.as_deref(), Some("valid_until"));

    assert!(server.expire_quotes(today() + Days::new(2)).await? >= 1);
    let got = sales.quote(q.id).await?;
    assert_eq!(got.status, QuoteStatus::Expired);
    let reason = got.status_reason.clone().context("a reason")?;
    assert_eq!(
        reason,
        format!(
            "Its validity ended on {}.",
            q.valid_until.format("%-d %B %Y")
        )
    );
    let e = refused(&sales.on_quote(q.id, step(QuoteAction::Accept)).await?).clone();
    assert_eq!(e.kind, ErrorKind::Conflict);
    // An expired quote may be revised.
    let mut rev = got.revise(QuoteId::from_uuid(Uuid::now_v7()), sales.user, today());
    rev.totals = pricing::price_quote(&sales.book, &rev.lines, Currency::USD)
        .unwrap()
        .totals;
    let rev = sales.quote_through(&rev, &[]).await?;
    assert_eq!((rev.revision, rev.number), (2, got.number));
    Ok(())
}

#[tokio::test]
async fn attachments_are_stored_once_by_their_checksum_for_their_firm() -> Result<()> {
    let (server, sales, _) = seeded_with_prospect().await?;
    let bytes = b"purchase order 1234".to_vec();
    let sha = sha256_hex(&bytes);
    let first = sales.upload(&sha, "application/pdf", bytes.clone()).await?;
    assert_eq!(first.status, 200, "{first:?}");
    assert_eq!(
        first.body,
        json!({"sha256": sha, "size": bytes.len(), "content_type": "application/pdf"})
    );
    let second = sales.upload(&sha, "application/pdf", bytes.clone()).await?;
    assert_eq!((second.status, &second.body), (first.status, &first.body));
    // Upper-case hex names the same file.
    let upper = sales
        .upload(&sha.to_uppercase(), "application/pdf", bytes.clone())
        .await?;
    assert_eq!(upper.body, first.body);

    let damaged = sales
        .upload(&sha, "application/pdf", b"purchase order 1235".to_vec())
        .await?;
    assert_eq!(
        (damaged.status.as_u16(), damaged.body["field"].as_str()),
        (422, Some("sha256"))
    );
    let malformed = sales
        .upload("abc", "application/pdf", bytes.clone())
        .await?;
    assert_eq!(malformed.status, 422);
    let big = vec![7u8; portal_core::order::MAX_ATTACHMENT_BYTES as usize + 1];
    let too_big = sales
        .upload(&sha256_hex(&big), "application/pdf", big)
        .await?;
    assert_eq!(too_big.status, 422, "{too_big:?}");
    assert!(too_big.body["message"]
        .as_str()
        .unwrap_or("")
        .contains("10 MB"));
    // Up to the limit is accepted (above axum's default body limit).
    let limit = vec![1u8; portal_core::order::MAX_ATTACHMENT_BYTES as usize];
    let at_limit = sales
        .upload(&sha256_hex(&limit), "application/octet-stream", limit)
        .await?;
    assert_eq!(at_limit.status, 200, "{at_limit:?}");

    // Read back by the firm, with its type; another firm does not find it.
    let resp = reqwest::Client::new()
        .get(format!("{}/api/v1/attachments/{sha}", sales.api.base))
        .bearer_auth(&sales.token)
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert_eq!(resp.bytes().await?.to_vec(), bytes);
    let admin = sales.api.token("admin@northwind.example").await?;
    let colleague = sales
        .api
        .get(&format!("/api/v1/attachments/{sha}"), &admin)
        .await?;
    assert_eq!(colleague.status, 200, "the firm's, not the user's");
    let other = sales.api.token("admin@bluefin.example").await?;
    let reply = sales
        .api
        .get(&format!("/api/v1/attachments/{sha}"), &other)
        .await?;
    assert_eq!((reply.status.as_u16(), reply.kind()), (404, "not_found"));
    drop(server);
    Ok(())
}

#[tokio::test]
async fn the_demo_quotes_price_right_and_tell_the_story() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let admin = Client::sign_in(&server, "admin@northwind.example").await?;
    let quotes: Vec<Quote> = admin.all(Entity::Quote);
    let statuses: std::collections::BTreeSet<&str> =
        quotes.iter().map(|q| q.status.label()).collect();
    for s in [
        "Draft",
        "Sent",
        "Accepted",
        "Ordered",
        "Expired",
        "Superseded",
    ] {
        assert!(statuses.contains(s), "a {s} quote in {statuses:?}");
    }
    for q in &quotes {
        let priced = pricing::price_quote(&admin.book, &q.lines, q.currency)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        pricing::check_totals(&q.totals, &priced.totals)
            .map_err(|e| anyhow::anyhow!("{}: {}", q.reference(), e.message))?;
    }
    assert!(quotes.iter().any(|q| q.approval == Approval::Pending));
    assert!(quotes.iter().any(|q| q.revision == 2));
    let orders: Vec<Order> = admin.all(Entity::Order);
    let order_statuses: Vec<OrderStatus> = orders.iter().map(|o| o.status).collect();
    assert!(order_statuses.contains(&OrderStatus::PendingCustomerApproval));
    assert!(order_statuses.contains(&OrderStatus::Provisioned));
    // The salesperson has a handful of their own.
    let sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let mine: Vec<Quote> = sales.all(Entity::Quote);
    assert!(mine.len() >= 5 && mine.iter().all(|q| q.owner_id == sales.user));
    Ok(())
}

#[tokio::test]
async fn the_server_provisions_submitted_orders_by_itself() -> Result<()> {
    let server = TestServer::spawn_seeded_with(|c| c.orders.provision_interval_secs = 1).await?;
    let mut sales = Client::sign_in(&server, "sales@northwind.example").await?;
    let p = sales
        .prospect("Pier Logistics", "pier-logistics.example")
        .await?;
    let accepted = sales
        .accepted_quote(
            QuoteFor::Prospect(p.id),
            vec![sales.line("BM-GW", 60, 12, 0)],
        )
        .await?;
    let o = sales
        .place_order(
            &accepted,
            "Logistics",
            "PL-1",
            ["3 Pier Road", "Seattle", "98101"],
        )
        .await?;
    applied(&sales.on_order(o.id, submit()).await?);
    // The background task moves it a step a second; the app learns of each by pulling.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if sales.order(o.id).await?.status == OrderStatus::Provisioned {
            break;
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "not provisioned in 30 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}
