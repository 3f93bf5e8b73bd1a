//! Orders: the real client against the real server on 127.0.0.1:0 with a fresh, seeded database.
//! An accepted quote becomes an order prefilled from its prospect, waits for the customer's
//! details and purchase order, is submitted while the server is down (waiting for the server),
//! reaches the vendor with its file when the server is back, and comes back provisioned with the
//! new customer ([`provisioned`]); a refused order is corrected and submitted again
//! ([`refused`]).

mod provisioned;
mod refused;

use crate::support::{signed_in, synced, ADMIN};
use anyhow::{Context, Result};
use chrono::{Days, Utc};
use portal_client::{ClientError, Portal};
use portal_core::{
    api::partner::Address as ProspectAddress,
    ids::{OrderId, ProspectId},
    order::{OrderForm, OrderStatus},
    pending::ChangeState,
    prospect::{Contact, ProspectForm},
    quote::{LineForm, QuoteAction, QuoteFor, QuoteForm, QuoteStatus},
    quoting::OrderQuery,
    shell::Connection,
    ErrorKind,
};
use portal_server::{
    seed::{DEMO_PASSWORD, DEMO_VENDOR_STAFF},
    testing::TestServer,
};
use tempfile::TempDir;

struct App {
    portal: Portal,
    _dir: TempDir,
}

async fn app(server: &TestServer, email: &str) -> Result<App> {
    let dir = tempfile::tempdir()?;
    let (portal, _) = signed_in(dir.path(), &server.base_url(), email).await?;
    Ok(App { portal, _dir: dir })
}

async fn prospect(portal: &Portal) -> Result<ProspectId> {
    let form = ProspectForm {
        company_name: "Umber Logistics".into(),
        domain: "umberlogistics.example".into(),
        sector: "Logistics".into(),
        address: ProspectAddress {
            line1: "12 Quay Street".into(),
            city: "Leith".into(),
            postal_code: "EH6 6LX".into(),
            country: "United Kingdom".into(),
            ..ProspectAddress::default()
        },
        mailboxes: "420".into(),
        primary_contact: Contact {
            first_name: "Uma".into(),
            last_name: "Berg".into(),
            email: "uma@umberlogistics.example".into(),
            ..Contact::default()
        },
        ..ProspectForm::default()
    };
    let id = portal.save_prospect(None, form).await?.prospect.id;
    synced(portal).await?;
    Ok(id)
}

/// An accepted quote for the prospect, synced.
async fn accepted_quote(portal: &Portal, prospect: ProspectId) -> Result<QuoteForm> {
    let book = portal.price_book().await?;
    let product = |sku: &str| {
        book.products
            .iter()
            .find(|p| p.sku == sku)
            .map(|p| p.id)
            .with_context(|| sku.to_owned())
    };
    Ok(QuoteForm {
        quote_for: Some(QuoteFor::Prospect(prospect)),
        deal_id: None,
        lines: vec![
            LineForm {
                product_id: Some(product("BM-GW")?),
                quantity: "420".into(),
                term_months: 24,
                discount: "8".into(),
            },
            LineForm {
                product_id: Some(product("BM-ARC")?),
                quantity: "420".into(),
                term_months: 24,
                discount: String::new(),
            },
        ],
        valid_until: (Utc::now().date_naive() + Days::new(30)).to_string(),
        notes: String::new(),
    })
}

/// The orders list, searched for the test's company.
fn umber_orders() -> OrderQuery {
    OrderQuery {
        search: "umber".into(),
        ..OrderQuery::default()
    }
}
