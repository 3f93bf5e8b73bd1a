//! The price book's SQL for SQLite: `products`, `price_tiers`, `term_discounts`, and the firm's
//! `margin_bp`.

use crate::error::{Error, Result};
use crate::storage::sqlite::{count, json_ids, parse_uuid, Connection};
use portal_core::ids::{PartnerId, ProductId};
use portal_core::money::{Currency, Money, Percent};
use portal_core::pricebook::{PriceTier, Product, TermDiscount};
use std::collections::HashMap;
use uuid::Uuid;

type ProductRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    bool,
);

fn percent(bp: i64) -> Result<Percent> {
    u32::try_from(bp)
        .map(Percent)
        .map_err(|_| Error::corrupt(format!("basis points {bp}")))
}

pub async fn products(c: &mut Connection, ids: Option<&[Uuid]>) -> Result<Vec<Product>> {
    const COLUMNS: &str = "t.id, t.sku, t.name, t.description, t.unit, t.list_price_minor,
                           t.currency, t.discount_cap_bp, t.active";
    // The page's ids drive the query (CROSS JOIN fixes SQLite's join order): one primary-key
    // lookup per id.
    let (rows, tiers): (Vec<ProductRow>, Vec<(String, i64, i64)>) = match ids {
        Some(ids) => {
            let ids = json_ids(ids)?;
            (
                sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM json_each(?1) AS page CROSS JOIN products t
                     ON t.id = page.value ORDER BY t.sku"
                ))
                .bind(&ids)
                .fetch_all(&mut *c)
                .await?,
                sqlx::query_as(
                    "SELECT t.product_id, t.min_qty, t.discount_bp
                     FROM json_each(?1) AS page CROSS JOIN price_tiers t ON t.product_id = page.value
                     ORDER BY t.product_id, t.min_qty",
                )
                .bind(&ids)
                .fetch_all(&mut *c)
                .await?,
            )
        }
        None => (
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM products t ORDER BY t.sku"))
                .fetch_all(&mut *c)
                .await?,
            sqlx::query_as(
                "SELECT product_id, min_qty, discount_bp FROM price_tiers
                 ORDER BY product_id, min_qty",
            )
            .fetch_all(&mut *c)
            .await?,
        ),
    };
    let terms: Vec<(i64, i64)> =
        sqlx::query_as("SELECT term_months, discount_bp FROM term_discounts ORDER BY term_months")
            .fetch_all(&mut *c)
            .await?;
    let term_discounts = terms
        .into_iter()
        .map(|(months, bp)| {
            Ok(TermDiscount {
                term_months: count("count", months)?,
                discount: percent(bp)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut tiers_of: HashMap<String, Vec<PriceTier>> = HashMap::new();
    for (product, min_qty, bp) in tiers {
        tiers_of.entry(product).or_default().push(PriceTier {
            min_qty: count("count", min_qty)?,
            discount: percent(bp)?,
        });
    }
    rows.into_iter()
        .map(
            |(id, sku, name, description, unit, minor, currency, cap, active)| {
                let currency = Currency::parse(&currency)
                    .ok_or_else(|| Error::corrupt(format!("currency {currency:?}")))?;
                Ok(Product {
                    price_tiers: tiers_of.remove(&id).unwrap_or_default(),
                    id: ProductId(parse_uuid(&id)?),
                    sku,
                    name,
                    description,
                    unit,
                    list_price: Money::new(minor, currency),
                    discount_cap: percent(cap)?,
                    active,
                    term_discounts: term_discounts.clone(),
                })
            },
        )
        .collect()
}

/// The firm's margin on RRP.
pub async fn margin(c: &mut Connection, partner: PartnerId) -> Result<Percent> {
    let bp: Option<i64> = sqlx::query_scalar("SELECT margin_bp FROM partners WHERE id = ?1")
        .bind(partner.to_string())
        .fetch_optional(&mut *c)
        .await?;
    percent(bp.ok_or_else(|| Error::corrupt(format!("no partner {partner}")))?)
}
