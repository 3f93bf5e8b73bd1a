//! The cached price book's products, read from the server copies a sync pulled (inactive ones
//! too: old quotes still price with them), and their names for the lists that show a product.

use crate::{error::ClientError, replica::copy, store::read};
use portal_core::{pricebook::Product, sync::Entity};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// The products of the cached price book, by name.
pub async fn cached_products(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Product>, ClientError> {
    let mut products: Vec<Product> = copy::bodies(conn, scope, Entity::Product)
        .await?
        .into_iter()
        .filter_map(|(id, body)| read::listed(Entity::Product, id, &body))
        .collect();
    products.sort_by(|a, b| a.name.cmp(&b.name).then(a.sku.cmp(&b.sku)));
    Ok(products)
}

/// The names of the products in the cached price book, by id.
pub async fn product_names(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<HashMap<String, String>, ClientError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT id, server_body ->> '$.name' FROM record
         WHERE scope = ?1 AND entity = ?2 AND server_body IS NOT NULL",
    )
    .bind(scope)
    .bind(Entity::Product.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (id, name.unwrap_or_default()))
        .collect())
}

/// What a product the price book no longer holds is called.
pub const UNKNOWN_PRODUCT: &str = "Unknown product";

/// A product's name, or a word for one the price book no longer holds.
pub fn product_name(names: &HashMap<String, String>, id: &str) -> String {
    names
        .get(id)
        .cloned()
        .unwrap_or_else(|| UNKNOWN_PRODUCT.into())
}
