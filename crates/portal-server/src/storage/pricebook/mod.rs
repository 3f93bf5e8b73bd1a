//! The vendor's price book as portal-core types: products with their volume tiers and the
//! vendor-wide term discounts (the body of a `product` change), and a firm's [`PriceBook`] (those
//! products plus the firm's margin), which the server prices quotes and orders with.

mod sqlite;

use super::{Conn, On};
use crate::error::Result;
use portal_core::ids::PartnerId;
use portal_core::pricebook::{PriceBook, Product};
use uuid::Uuid;

/// The products with these ids, or every product when `ids` is `None`; by SKU. Ids that are not
/// products are simply absent.
pub async fn products(db: &mut Conn, ids: Option<&[Uuid]>) -> Result<Vec<Product>> {
    match db.on() {
        On::Sqlite(c) => sqlite::products(c, ids).await,
    }
}

/// What the firm's quotes are priced from: every product (inactive ones too, so that an old quote
/// still prices and a new line on one is refused by name) and the firm's margin.
pub async fn load(db: &mut Conn, partner: PartnerId) -> Result<PriceBook> {
    match db.on() {
        On::Sqlite(c) => Ok(PriceBook {
            products: sqlite::products(c, None).await?,
            margin: sqlite::margin(c, partner).await?,
        }),
    }
}
