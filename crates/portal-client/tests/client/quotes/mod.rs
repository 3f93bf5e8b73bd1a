//! Quotes: the real client (its own cache directory) against the real server on 127.0.0.1:0 with a
//! fresh, seeded database. A quote made offline is priced here exactly as the server prices it, a
//! bad one never reaches the outbox, revisions supersede, a discount above its cap waits for the
//! vendor's approval before it can be sent, a quote prints as a PDF, and an administrator quotes
//! an upsell to a customer chosen from the cache ([`drafts`], [`approval`], [`printing`],
//! [`upsell`]).

mod approval;
mod drafts;
mod printing;
mod upsell;

use crate::support::{signed_in, synced, ADMIN, SALES};
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
