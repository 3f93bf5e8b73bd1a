//! Quotes: the real client (its own cache directory) against the real server on 127.0.0.1:0 with a
//! fresh, seeded database. A quote made offline is priced here exactly as the server prices it, a
//! bad one never reaches the outbox, revisions supersede, a discount above its cap waits for the
//! vendor's approval before it can be sent, a quote prints as a PDF, and an administrator quotes
//! an upsell to a customer chosen from the cache.

mod support;

use anyhow::{ensure, Context, Result};
use chrono::{Days, Utc};
use portal_client::{ClientError, Portal};
use portal_core::{
    ids::{CustomerId, ProductId, ProspectId, QuoteId},
    money::Percent,
    pending::ChangeState,
    pricebook::PriceBook,
    pricing::{self, QuoteLine},
    prospect::{Contact, ProspectForm},
    quote::{Approval, LineForm, QuoteAction, QuoteFor, QuoteForm, QuoteStatus},
    quoting::{PdfAudience, QuoteQuery},
    ErrorKind,
};
use portal_server::{seed::DEMO_PASSWORD, testing::TestServer};
use support::{signed_in, synced, ADMIN, SALES};
use tempfile::TempDir;
use uuid::Uuid;

/// A signed-in app instance with its own cache directory.
struct App {
    portal: Portal,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    Ok(App { portal, _dir: dir })
}

/// A new prospect of the signed-in user, synced.
async fn prospect(portal: &Portal, company: &str, domain: &str) -> Result<ProspectId> {
    let form = ProspectForm {
        company_name: company.into(),
        domain: domain.into(),
        sector: "Retail".into(),
        mailboxes: "300".into(),
        primary_contact: Contact {
            first_name: "Zelda".into(),
            last_name: "Quince".into(),
            email: format!("zelda@{domain}"),
            ..Contact::default()
        },
        ..ProspectForm::default()
    };
    let id = portal.save_prospect(None, form).await?.prospect.id;
    synced(portal).await?;
    Ok(id)
}

fn product(book: &PriceBook, sku: &str) -> Result<ProductId> {
    book.products
        .iter()
        .find(|p| p.sku == sku)
        .map(|p| p.id)
        .with_context(|| format!("{sku} is in the price book"))
}

fn line(product: ProductId, quantity: &str, term_months: u32, discount: &str) -> LineForm {
    LineForm {
        product_id: Some(product),
        quantity: quantity.into(),
        term_months,
        discount: discount.into(),
    }
}

fn form(prospect: ProspectId, lines: Vec<LineForm>) -> QuoteForm {
    QuoteForm {
        quote_for: Some(QuoteFor::Prospect(prospect)),
        deal_id: None,
        lines,
        valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
        notes: "Prices include onboarding.".into(),
    }
}

fn search(text: &str) -> QuoteQuery {
    QuoteQuery {
        search: text.into(),
        ..QuoteQuery::default()
    }
}

#[tokio::test]
async fn a_quote_made_offline_is_numbered_by_the_server_with_the_same_figures() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    ensure!(
        !book.products.is_empty(),
        "the price book came with the sync"
    );
    ensure!(
        book.margin > Percent(0),
        "the firm's margin came at sign-in"
    );
    let quince = prospect(&sales.portal, "Quince Foods", "quincefoods.example").await?;
    let (gw, arc) = (product(&book, "BM-GW")?, product(&book, "BM-ARC")?);

    server.stop().await?;
    // The margin is cached: the price book is there offline too.
    assert_eq!(sales.portal.price_book().await?, book);
    let lines = vec![line(gw, "250", 24, "10"), line(arc, "1,200", 36, "")];
    let made = sales
        .portal
        .save_quote(None, form(quince, lines.clone()))
        .await?;
    let id = made.quote.id;
    let expected = pricing::price_quote(
        &book,
        &[
            QuoteLine {
                product_id: gw,
                quantity: 250,
                term_months: 24,
                discount: Percent(1000),
            },
            QuoteLine {
                product_id: arc,
                quantity: 1_200,
                term_months: 36,
                discount: Percent(0),
            },
        ],
        made.quote.currency,
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert_eq!(made.quote.totals, expected.totals);
    assert_eq!(
        made.priced.as_ref().map(|p| p.totals),
        Some(expected.totals)
    );
    assert_eq!(made.priced.as_ref().map(|p| p.lines.len()), Some(2));
    assert_eq!(made.status, QuoteStatus::Draft);
    assert_eq!(made.quote.approval, Approval::NotNeeded);
    assert_eq!(made.reference, "New quote");
    assert_eq!(made.for_name, "Quince Foods");
    assert!(made.pending && made.version == 0);
    let listed = sales.portal.quotes(search("quince")).await?;
    assert_eq!(listed.total, 1);
    assert!(listed.rows[0].pending);
    assert_eq!(listed.rows[0].total, expected.totals.total);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].record_label, "Quote for Quince Foods");
    assert_eq!(changes[0].summary, "Created");
    assert!(
        changes[0]
            .entered
            .iter()
            .any(|e| e.field == "quote_for" && e.value == "Quince Foods"),
        "the prospect is named: {:?}",
        changes[0].entered
    );

    server.start().await?;
    synced(&sales.portal).await?;
    let numbered = sales.portal.quote(id).await?;
    let number = numbered
        .quote
        .number
        .clone()
        .context("numbered by the server")?;
    assert!(number.starts_with("Q-"), "{number}");
    assert_eq!(numbered.reference, number);
    assert_eq!(numbered.quote.totals, expected.totals, "the server agrees");
    assert!(numbered.version > 0 && !numbered.pending);
    assert_eq!(numbered.quote.lines, made.quote.lines);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].state, ChangeState::Synced);
    assert_eq!(changes[0].record_label, number, "labelled by its number");
    let by_number = sales.portal.quotes(search(&number.to_lowercase())).await?;
    assert_eq!(by_number.total, 1);
    assert_eq!(by_number.rows[0].id, id);
    let by_domain = sales.portal.quotes(search("QUINCEFOODS.EX")).await?;
    assert_eq!(by_domain.total, 1);

    // An edit sends only what changed, against the version it was made on.
    let mut edited = QuoteForm::from_quote(&numbered.quote);
    edited.notes = "Onboarding included; prices fixed for the term.".into();
    let saved = sales.portal.save_quote(Some(id), edited).await?;
    assert!(saved.pending);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].summary, "Edited notes");
    synced(&sales.portal).await?;
    let after = sales.portal.quote(id).await?;
    assert_eq!(
        after.quote.notes,
        "Onboarding included; prices fixed for the term."
    );
    assert!(!after.pending && after.version > numbered.version);
    Ok(())
}

#[tokio::test]
async fn a_bad_quote_is_refused_here_with_every_field_named_and_nothing_queued() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let before = sales.portal.quotes(QuoteQuery::default()).await?.total;
    let queued = sales.portal.pending_changes().await?.len();

    let bad = QuoteForm {
        quote_for: None,
        deal_id: None,
        lines: vec![
            LineForm {
                product_id: None,
                quantity: "10".into(),
                term_months: 12,
                discount: String::new(),
            },
            line(gw, "lots", 12, ""),
            line(gw, "10", 12, "150"),
        ],
        valid_until: "soon".into(),
        notes: String::new(),
    };
    let err = sales.portal.save_quote(None, bad).await.unwrap_err();
    let ClientError::Form(errors) = &err else {
        anyhow::bail!("not a form error: {err:?}");
    };
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "quote_for",
            "lines[0].product_id",
            "lines[1].quantity",
            "lines[2].discount",
            "valid_until"
        ]
    );
    assert!(errors.iter().all(|e| e.kind == ErrorKind::InvalidInput));
    // The shell gets the first; the UI runs the same parse for the rest.
    assert_eq!(err.to_api_error().field.as_deref(), Some("quote_for"));

    // Rules beyond the form's own: a prospect the cache does not have, a term not offered.
    let unknown = form(
        ProspectId::from_uuid(Uuid::now_v7()),
        vec![line(gw, "10", 18, "")],
    );
    let err = sales.portal.save_quote(None, unknown).await.unwrap_err();
    let fields: Vec<String> = err
        .field_errors()
        .into_iter()
        .filter_map(|e| e.field)
        .collect();
    assert!(
        fields.contains(&"lines[0].term_months".to_owned())
            && fields.contains(&"quote_for".to_owned()),
        "{fields:?}"
    );

    assert_eq!(
        sales.portal.quotes(QuoteQuery::default()).await?.total,
        before
    );
    assert_eq!(sales.portal.pending_changes().await?.len(), queued);
    Ok(())
}

#[tokio::test]
async fn a_revision_keeps_the_number_and_supersedes_the_quote_it_revises() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let rowan = prospect(&sales.portal, "Rowan Dairy", "rowandairy.example").await?;
    let first = sales
        .portal
        .save_quote(None, form(rowan, vec![line(gw, "120", 12, "5")]))
        .await?;
    let old = first.quote.id;
    let sent = sales.portal.quote_action(old, QuoteAction::Send).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(sent.waiting_for_server);
    synced(&sales.portal).await?;
    let sent = sales.portal.quote(old).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(!sent.waiting_for_server);
    let number = sent.quote.number.clone().context("numbered")?;
    // A sent quote is no longer a draft to edit or delete.
    let err = sales
        .portal
        .save_quote(Some(old), QuoteForm::from_quote(&sent.quote))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);

    let rev2 = sales.portal.revise_quote(old).await?;
    let new = rev2.quote.id;
    assert_eq!(rev2.quote.revision, 2);
    assert_eq!(rev2.quote.number.as_deref(), Some(number.as_str()));
    assert_eq!(rev2.reference, format!("{number} rev 2"));
    assert_eq!(rev2.status, QuoteStatus::Draft);
    assert_eq!(rev2.quote.supersedes, Some(old));
    let revisions: Vec<(QuoteId, u32)> =
        rev2.revisions.iter().map(|r| (r.id, r.revision)).collect();
    assert_eq!(revisions, [(new, 2), (old, 1)], "newest first");
    // At once, before the server has heard of it.
    let superseded = sales.portal.quote(old).await?;
    assert_eq!(superseded.status, QuoteStatus::Superseded);
    let err = sales
        .portal
        .quote_action(old, QuoteAction::Accept)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let shown = sales.portal.quotes(search("rowan")).await?;
    assert_eq!(shown.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [new]);
    let all = sales
        .portal
        .quotes(QuoteQuery {
            include_superseded: true,
            ..search("rowan")
        })
        .await?;
    assert_eq!(all.total, 2);
    let changes = sales.portal.pending_changes().await?;
    assert_eq!(changes[0].summary, "Created revision 2");
    assert_eq!(changes[0].record_label, format!("{number} rev 2"));

    synced(&sales.portal).await?;
    let old_now = sales.portal.quote(old).await?;
    assert_eq!(
        old_now.quote.status,
        QuoteStatus::Superseded,
        "the server's word"
    );
    assert_eq!(old_now.quote.superseded_by, Some(new));
    let new_now = sales.portal.quote(new).await?;
    assert_eq!(new_now.quote.number.as_deref(), Some(number.as_str()));
    assert_eq!(new_now.quote.revision, 2);
    assert!(!new_now.pending);
    Ok(())
}

#[tokio::test]
async fn a_discount_above_its_cap_is_sent_only_once_the_vendor_approved_it() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = book
        .products
        .iter()
        .find(|p| p.sku == "BM-GW")
        .context("BM-GW")?;
    let auto = Percent(server.config().quotes.auto_approve_up_to_bp);
    // Above the product's cap, within what the vendor approves automatically.
    let discount = Percent(gw.discount_cap.basis_points() + 100);
    ensure!(
        discount <= auto,
        "the seed's cap is under the automatic limit"
    );
    let sloe = prospect(&sales.portal, "Sloe Gin Co", "sloegin.example").await?;

    server.stop().await?;
    let made = sales
        .portal
        .save_quote(
            None,
            form(sloe, vec![line(gw.id, "80", 12, &discount.to_input())]),
        )
        .await?;
    let id = made.quote.id;
    assert_eq!(made.quote.approval, Approval::Pending);
    assert!(made.priced.as_ref().is_some_and(|p| p.needs_approval));
    let err = sales
        .portal
        .quote_action(id, QuoteAction::Send)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("approval"), "{err}");
    let waiting: Vec<_> = sales
        .portal
        .pending_changes()
        .await?
        .into_iter()
        .filter(|c| c.state == ChangeState::Pending)
        .collect();
    assert_eq!(
        waiting.len(),
        1,
        "only the quote itself is queued: {waiting:?}"
    );

    server.start().await?;
    synced(&sales.portal).await?;
    let approved = sales.portal.quote(id).await?;
    assert_eq!(approved.quote.approval, Approval::Approved);
    assert!(approved.quote.approval_reason.is_some());
    let sent = sales.portal.quote_action(id, QuoteAction::Send).await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(sent.waiting_for_server);
    synced(&sales.portal).await?;
    let sent = sales.portal.quote(id).await?;
    assert_eq!(sent.quote.status, QuoteStatus::Sent);
    assert!(sent.quote.sent_on.is_some());
    assert!(!sent.waiting_for_server);

    // Deeper than the automatic limit: the vendor's channel manager decides, and until then the
    // quote cannot be sent.
    let deep = Percent(auto.basis_points() + 500);
    let waiting = sales
        .portal
        .save_quote(
            None,
            form(sloe, vec![line(gw.id, "80", 12, &deep.to_input())]),
        )
        .await?;
    let deep_id = waiting.quote.id;
    synced(&sales.portal).await?;
    let waiting = sales.portal.quote(deep_id).await?;
    assert_eq!(waiting.quote.approval, Approval::Pending);
    let err = sales
        .portal
        .quote_action(deep_id, QuoteAction::Send)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    channel_manager_approves(&server, deep_id).await?;
    synced(&sales.portal).await?;
    let decided = sales.portal.quote(deep_id).await?;
    assert_eq!(decided.quote.approval, Approval::Approved);
    let sent = sales
        .portal
        .quote_action(deep_id, QuoteAction::Send)
        .await?;
    assert_eq!(sent.status, QuoteStatus::Sent);
    synced(&sales.portal).await?;
    assert_eq!(
        sales.portal.quote(deep_id).await?.quote.status,
        QuoteStatus::Sent
    );
    Ok(())
}

/// The vendor's channel manager approves the quote's discount, through the vendor endpoints.
async fn channel_manager_approves(server: &TestServer, id: QuoteId) -> Result<()> {
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{}/api/v1/vendor/auth/login", server.base_url()))
        .json(&serde_json::json!({
            "email": "channel@vendor.example",
            "password": DEMO_PASSWORD,
            "remember": false,
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("a vendor token")?;
    http.post(format!(
        "{}/api/v1/vendor/approvals/{id}",
        server.base_url()
    ))
    .bearer_auth(token)
    .json(&serde_json::json!({"approve": true}))
    .send()
    .await?
    .error_for_status()?;
    Ok(())
}

#[tokio::test]
async fn a_quote_prints_as_a_pdf_for_the_customer_and_for_the_firm() -> Result<()> {
    let server = TestServer::spawn_seeded().await?;
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    let book = sales.portal.price_book().await?;
    let gw = product(&book, "BM-GW")?;
    let tansy = prospect(&sales.portal, "Tansy Textiles", "tansy.example").await?;
    let made = sales
        .portal
        .save_quote(None, form(tansy, vec![line(gw, "150", 36, "12.5")]))
        .await?;
    let id = made.quote.id;
    let out = tempfile::tempdir()?;

    let draft = sales
        .portal
        .quote_document(id, PdfAudience::Customer)
        .await?;
    assert!(draft.draft, "an unsent quote prints as a draft");
    assert_eq!(draft.customer.name, "Tansy Textiles");
    assert_eq!(draft.partner.name, "Northwind Solutions");
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(draft.totals.total, made.quote.totals.total);
    let path = out.path().join("draft.pdf");
    sales
        .portal
        .quote_pdf(id, PdfAudience::Customer, &path)
        .await?;
    let bytes = std::fs::read(&path)?;
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");

    synced(&sales.portal).await?;
    sales.portal.quote_action(id, QuoteAction::Send).await?;
    synced(&sales.portal).await?;
    let internal = sales
        .portal
        .quote_document(id, PdfAudience::Internal)
        .await?;
    assert!(!internal.draft);
    assert!(internal.number.starts_with("Q-"));
    assert_eq!(internal.totals.cost_total, made.quote.totals.cost_total);
    let name = sales
        .portal
        .quote_file_name(id, PdfAudience::Internal)
        .await?;
    assert_eq!(name, format!("Quote {} (internal).pdf", internal.number));
    let path = out.path().join(name);
    sales
        .portal
        .quote_pdf(id, PdfAudience::Internal, &path)
        .await?;
    assert!(std::fs::read(&path)?.starts_with(b"%PDF"));
    Ok(())
}

#[tokio::test]
async fn an_administrator_picks_a_customer_and_quotes_an_upsell_offline() -> Result<()> {
    let mut server = TestServer::spawn_seeded().await?;
    let admin = app(&server, ADMIN).await?;
    synced(&admin.portal).await?;

    let page = admin.portal.customer_options("").await?;
    assert_eq!(page.len(), 20, "a page of the firm's demo customers");
    assert!(
        page.windows(2)
            .all(|w| w[0].company_name.to_lowercase() <= w[1].company_name.to_lowercase()),
        "by name: {page:?}"
    );
    assert!(
        page.iter()
            .all(|c| !c.domain.is_empty() && !c.sector.is_empty()),
        "{page:?}"
    );
    assert!(
        page.iter().all(|c| c.mailboxes.is_some_and(|m| m > 0)),
        "every demo customer has subscriptions: {page:?}"
    );
    let chosen = page[3].clone();
    let by_domain = admin
        .portal
        .customer_options(&chosen.domain.to_uppercase())
        .await?;
    assert_eq!(
        by_domain,
        vec![chosen.clone()],
        "a domain names one customer"
    );
    let word = chosen
        .company_name
        .split_whitespace()
        .next()
        .context("a company name")?;
    let by_name = admin.portal.customer_options(word).await?;
    assert!(by_name.contains(&chosen));
    assert!(by_name.len() < 20, "the search narrows: {by_name:?}");
    assert!(by_name.iter().all(
        |c| c.company_name.to_lowercase().contains(&word.to_lowercase())
            || c.domain.contains(&word.to_lowercase())
    ));
    assert!(admin
        .portal
        .customer_options("no such customer")
        .await?
        .is_empty());

    // Sales users do not receive the Customers area: nothing to pick.
    let sales = app(&server, SALES).await?;
    synced(&sales.portal).await?;
    assert!(sales.portal.customer_options("").await?.is_empty());

    let book = admin.portal.price_book().await?;
    let arc = product(&book, "BM-ARC")?;
    let customer: CustomerId = chosen.id;
    let seats = chosen.mailboxes.context("mailboxes")?.to_string();
    server.stop().await?;
    let upsell = QuoteForm {
        quote_for: Some(QuoteFor::Customer(customer)),
        deal_id: None,
        lines: vec![line(arc, &seats, 12, "")],
        valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
        notes: "Archiving for every mailbox, from next month.".into(),
    };
    let made = admin.portal.save_quote(None, upsell).await?;
    let id = made.quote.id;
    assert_eq!(made.quote.quote_for, QuoteFor::Customer(customer));
    assert_eq!(made.for_name, chosen.company_name);
    assert!(made.pending);

    server.start().await?;
    synced(&admin.portal).await?;
    let changes = admin.portal.pending_changes().await?;
    let change = changes
        .iter()
        .find(|c| c.record_id == id.0)
        .context("the quote's change")?;
    assert_eq!(change.state, ChangeState::Synced, "applied: {change:?}");
    let priced = admin.portal.quote(id).await?;
    assert!(priced.quote.number.is_some(), "numbered by the server");
    assert!(!priced.pending && priced.version > 0);
    assert_eq!(priced.quote.totals, made.quote.totals, "the server agrees");
    assert_eq!(priced.for_name, chosen.company_name);
    assert_eq!(priced.for_domain, chosen.domain);
    let listed = admin.portal.quotes(search(&chosen.domain)).await?;
    assert!(listed
        .rows
        .iter()
        .any(|r| r.id == id && r.for_name == chosen.company_name));
    Ok(())
}
