//! The vendor's own staff and their work: the channel managers' queue of quote discounts waiting
//! for approval across every partner firm, and their decisions, which reach each partner's app as a
//! change to its quote; and [`script`], the marketing library from a shell (`portal-server
//! resources …`), and [`pims_script`], PIMS's kits and leads from a shell (`portal-server pims …`).

pub mod pims_script;
pub mod script;

use crate::error::Result;
use crate::storage::{accounts, customers, pricebook, records, Storage};
use crate::sync::{orders, quotes};
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::ids::{OrderId, PartnerId, ProductId, QuoteId};
use portal_core::money::{Currency, Money, Percent};
use portal_core::order::Order;
use portal_core::pricebook::PriceBook;
use portal_core::pricing::{self, QuoteTotals};
use portal_core::quote::{Quote, QuoteFor};
use portal_core::secret::SessionToken;
use portal_core::ApiError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

portal_core::wire_enum! {
    /// What a member of the vendor's staff does.
    #[derive(ToSchema)]
    pub enum VendorRole {
        /// Looks after partner firms; decides on discounts deeper than a product's cap.
        ChannelManager = "channel_manager",
    }
}

impl VendorRole {
    pub fn label(self) -> &'static str {
        match self {
            VendorRole::ChannelManager => "Channel Manager",
        }
    }
}

/// A member of the vendor's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VendorStaff {
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub role: VendorRole,
}

/// The answer to a vendor staff member's sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VendorLoginResponse {
    /// Opaque bearer token for the vendor endpoints; send it as `Authorization: Bearer <token>`.
    pub token: SessionToken,
    pub expires_at: DateTime<Utc>,
    pub staff: VendorStaff,
}

/// One line of a quote waiting for approval, with its discount beside the product's cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalLine {
    pub product_id: ProductId,
    pub sku: String,
    /// The product's name ("Unknown product" if it left the price book).
    pub name: String,
    pub quantity: u32,
    pub term_months: u32,
    /// The partner's discount.
    #[serde(rename = "discount_bp")]
    #[schema(value_type = u32)]
    pub discount: Percent,
    /// The deepest discount the product allows without approval.
    #[serde(rename = "discount_cap_bp")]
    #[schema(value_type = u32)]
    pub discount_cap: Percent,
    /// The discount is deeper than the cap: this line is why the quote waits.
    pub over_cap: bool,
    /// What the customer pays for the line; none if the price book no longer prices it.
    pub total: Option<Money>,
}

/// A quote whose discount waits for a channel manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalRequest {
    pub quote_id: QuoteId,
    /// `Q-000042 rev 2`.
    pub reference: String,
    pub number: String,
    pub revision: u32,
    pub partner_id: PartnerId,
    /// The partner firm asking.
    pub partner_name: String,
    /// The firm's user who owns the quote.
    pub requested_by: String,
    /// The prospect's or customer's company name.
    pub for_name: String,
    pub created_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub currency: Currency,
    pub lines: Vec<ApprovalLine>,
    pub totals: QuoteTotals,
}

/// A channel manager's decision: `POST /api/v1/vendor/approvals/{quote_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalDecision {
    /// Approve the discount (`true`) or reject it (`false`).
    pub approve: bool,
    /// What the partner reads: required when rejecting (why, so the partner can change the
    /// discount); when approving, "Approved by <name>." unless given.
    #[serde(default)]
    pub reason: String,
}

/// The most characters a decision's reason may have.
pub const MAX_REASON: usize = 1000;

fn line_views(book: &PriceBook, quote: &Quote) -> Vec<ApprovalLine> {
    quote
        .lines
        .iter()
        .map(|line| {
            let product = book.product(line.product_id);
            let cap = product.map_or(Percent(0), |p| p.discount_cap);
            ApprovalLine {
                product_id: line.product_id,
                sku: product.map_or_else(String::new, |p| p.sku.clone()),
                name: product.map_or_else(|| "Unknown product".into(), |p| p.name.clone()),
                quantity: line.quantity,
                term_months: line.term_months,
                discount: line.discount,
                discount_cap: cap,
                over_cap: line.discount > cap,
                total: pricing::price_line(book, line, quote.currency)
                    .ok()
                    .map(|p| p.total),
            }
        })
        .collect()
}

/// Every quote waiting for a channel manager, across firms, oldest number first.
pub async fn approval_queue(storage: &Storage) -> Result<Vec<ApprovalRequest>> {
    let mut db = storage.conn().await?;
    let pending = records::awaiting_approval(&mut db).await?;
    let mut books: HashMap<PartnerId, PriceBook> = HashMap::new();
    let mut out = Vec::with_capacity(pending.len());
    for (partner, partner_name, quote) in pending {
        if let std::collections::hash_map::Entry::Vacant(slot) = books.entry(partner) {
            slot.insert(pricebook::load(&mut db, partner).await?);
        }
        let book = &books[&partner];
        let requested_by = accounts::user_name(&mut db, partner, quote.owner_id).await?;
        let for_name = match quote.quote_for {
            QuoteFor::Prospect(id) => records::prospect_company(&mut db, partner, id).await?,
            QuoteFor::Customer(id) => customers::company_name(&mut db, partner, id).await?,
        };
        out.push(ApprovalRequest {
            quote_id: quote.id,
            reference: quote.reference(),
            number: quote.number.clone().unwrap_or_default(),
            revision: quote.revision,
            partner_id: partner,
            partner_name,
            requested_by: requested_by.unwrap_or_default(),
            for_name: for_name.unwrap_or_default(),
            created_on: quote.created_on,
            valid_until: quote.valid_until,
            currency: quote.currency,
            lines: line_views(book, &quote),
            totals: quote.totals,
        });
    }
    Ok(out)
}

/// A channel manager's refusal of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderRefusal {
    /// What the partner reads and corrects, such as "The PO number does not match the customer's
    /// purchase order."
    pub reason: String,
}

/// Refuses a submitted or processing order on behalf of `staff`, with the reason the partner reads.
pub async fn refuse_order(
    storage: &Storage,
    staff: &VendorStaff,
    order: OrderId,
    refusal: OrderRefusal,
) -> Result<Order> {
    let reason = refusal.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid(
            "reason",
            "Say why the order is refused, so that the partner can correct it.",
        )
        .into());
    }
    if reason.chars().count() > MAX_REASON {
        return Err(ApiError::invalid(
            "reason",
            format!("The reason can be at most {MAX_REASON} characters."),
        )
        .into());
    }
    orders::refuse_by_vendor(storage, &staff.id.to_string(), order, reason.to_owned()).await
}

/// Approves or rejects a waiting quote's discount on behalf of `staff`.
pub async fn decide(
    storage: &Storage,
    staff: &VendorStaff,
    quote: QuoteId,
    decision: ApprovalDecision,
) -> Result<Quote> {
    let reason = decision.reason.trim();
    if reason.chars().count() > MAX_REASON {
        return Err(ApiError::invalid(
            "reason",
            format!("The reason can be at most {MAX_REASON} characters."),
        )
        .into());
    }
    let reason = match (decision.approve, reason.is_empty()) {
        (false, true) => {
            return Err(ApiError::invalid(
                "reason",
                "Say why the discount is not approved, so that the partner can change it.",
            )
            .into())
        }
        (true, true) => format!(
            "Approved by {} {}, {}.",
            staff.first_name,
            staff.last_name,
            staff.role.label()
        ),
        (_, false) => reason.to_owned(),
    };
    quotes::decide_approval(
        storage,
        &staff.id.to_string(),
        quote,
        decision.approve,
        reason,
    )
    .await
}
