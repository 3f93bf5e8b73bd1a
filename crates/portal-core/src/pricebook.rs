//! The vendor's price book as a quote is priced from it: products with their list price (RRP),
//! volume tiers, allowed terms with their discounts, and the partner discount a quote may give
//! without the vendor's approval; plus the partner firm's margin.
//!
//! A product's JSON is exactly the body of a `product` change in a sync pull, so the client prices
//! from its cache with the same record the server prices from its tables.

use crate::ids::ProductId;
use crate::money::{Money, Percent};
use serde::{Deserialize, Serialize};

/// Terms a subscription may be quoted for, in months.
pub const TERMS: [u32; 3] = [12, 24, 36];

/// A volume discount: from `min_qty` mailboxes upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceTier {
    pub min_qty: u32,
    #[serde(rename = "discount_bp")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub discount: Percent,
}

/// A discount for committing to a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermDiscount {
    pub term_months: u32,
    #[serde(rename = "discount_bp")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub discount: Percent,
}

/// One product of the price book, priced per mailbox per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: ProductId,
    pub sku: String,
    pub name: String,
    pub description: String,
    /// Such as `mailbox/month`.
    pub unit: String,
    /// The recommended retail price (RRP) of one mailbox for one month.
    pub list_price: Money,
    /// The largest partner discount a quote line may give without the vendor's approval.
    #[serde(rename = "discount_cap_bp")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub discount_cap: Percent,
    /// Inactive products stay in the book for old quotes but cannot be quoted anew.
    pub active: bool,
    pub price_tiers: Vec<PriceTier>,
    /// Vendor-wide; repeated on every product so that any one product prices a line.
    pub term_discounts: Vec<TermDiscount>,
}

impl Product {
    /// The volume discount for `quantity` mailboxes: the deepest tier it reaches.
    pub fn tier_discount(&self, quantity: u32) -> Percent {
        self.price_tiers
            .iter()
            .filter(|t| t.min_qty <= quantity)
            .max_by_key(|t| t.min_qty)
            .map_or(Percent(0), |t| t.discount)
    }

    /// The discount for a term, or `None` when the term is not offered.
    pub fn term_discount(&self, term_months: u32) -> Option<Percent> {
        self.term_discounts
            .iter()
            .find(|t| t.term_months == term_months)
            .map(|t| t.discount)
    }

    /// The terms this product may be quoted for, shortest first.
    pub fn terms(&self) -> Vec<u32> {
        let mut t: Vec<u32> = self.term_discounts.iter().map(|t| t.term_months).collect();
        t.sort_unstable();
        t
    }
}

/// Everything a quote is priced from: the products and the partner firm's margin on RRP.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PriceBook {
    pub products: Vec<Product>,
    /// The partner's margin: its cost is the (volume- and term-discounted) RRP less this.
    pub margin: Percent,
}

impl PriceBook {
    pub fn product(&self, id: ProductId) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }
}
