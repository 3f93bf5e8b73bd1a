//! What a change carried, as the Pending Changes page shows it: records by name rather than by id,
//! a quote's lines and totals in words, an order's address on one line and its purchase-order file
//! by name and size. The values stay JSON; the ones made readable become text.

use crate::{
    error::ClientError,
    lists::parties::{customer_name, deal_name, party, prospect_name},
};
use portal_core::{
    ids::ProductId,
    money::Percent,
    order::{Address, Attachment},
    pending::EnteredValue,
    pricebook::Product,
    pricing::{QuoteLine, QuoteTotals},
    quote::QuoteFor,
    sync::{Entity, FieldConflict},
    words::{file_size, plural},
};
use serde_json::Value;
use sqlx::SqliteConnection;

/// Replaces the ids among `entered` with the names the cache knows them by: a prospect, the
/// prospect or customer a quote is for, a quote's deal registration. An id the cache does not know
/// stays as it is.
pub(crate) async fn name_records(
    conn: &mut SqliteConnection,
    scope: &str,
    entered: &mut [EnteredValue],
) -> Result<(), ClientError> {
    for value in entered.iter_mut() {
        let name = match (value.field.as_str(), &value.value) {
            ("prospect_id", Value::String(id)) => {
                prospect_name(conn, scope, id).await?.map(|(name, _)| name)
            }
            ("quote_for", v) => match serde_json::from_value::<QuoteFor>(v.clone()) {
                Ok(quote_for) => party(conn, scope, quote_for)
                    .await?
                    .map(|(name, _)| name)
                    .filter(|n| !n.trim().is_empty()),
                Err(_) => None,
            },
            ("deal_id", Value::String(id)) => deal_name(conn, scope, id).await?,
            ("customer_id", Value::String(id)) => customer_name(conn, scope, id).await?,
            _ => None,
        };
        if let Some(name) = name {
            value.value = Value::String(name);
        }
    }
    Ok(())
}

/// Whether some value of `entered` names products, so the price book is worth reading.
pub(crate) fn needs_products(entity: Entity, entered: &[EnteredValue]) -> bool {
    entity == Entity::Quote && entered.iter().any(|v| v.field == "lines")
}

/// Puts the values of a quote or an order that are structures into words; `products` names a
/// quote line's product.
pub(crate) fn describe_values(entity: Entity, entered: &mut [EnteredValue], products: &[Product]) {
    for value in entered.iter_mut() {
        describe(entity, &value.field, &mut value.value, products);
    }
}

/// The same for both sides of conflicting fields.
pub(crate) fn describe_conflicts(
    entity: Entity,
    conflicts: &mut [FieldConflict],
    products: &[Product],
) {
    for c in conflicts.iter_mut() {
        describe(entity, &c.field, &mut c.yours, products);
        describe(entity, &c.field, &mut c.theirs, products);
    }
}

fn describe(entity: Entity, field: &str, value: &mut Value, products: &[Product]) {
    let readable = match (entity, field) {
        (Entity::Quote, "lines") => serde_json::from_value::<Vec<QuoteLine>>(value.clone())
            .ok()
            .map(|lines| {
                Value::Array(
                    lines
                        .iter()
                        .map(|l| Value::String(quote_line(l, products)))
                        .collect(),
                )
            }),
        (Entity::Quote, "totals") => serde_json::from_value::<QuoteTotals>(value.clone())
            .ok()
            .map(|t| Value::String(totals(&t))),
        (Entity::Order, "address") => serde_json::from_value::<Address>(value.clone())
            .ok()
            .map(|a| Value::String(a.lines().join(", "))),
        (Entity::Order, "po_attachment") => serde_json::from_value::<Attachment>(value.clone())
            .ok()
            .map(|a| Value::String(attachment(&a))),
        _ => None,
    };
    if let Some(readable) = readable {
        *value = readable;
    }
}

/// `Bastion Email Security Gateway · 450 mailboxes · 36 months · 12.5% off`; a product the price
/// book does not hold is given by its SKU if known, else its id.
pub fn quote_line(line: &QuoteLine, products: &[Product]) -> String {
    let product = products.iter().find(|p| p.id == line.product_id);
    let name = product_name(product, line.product_id);
    let mut parts = vec![
        name,
        plural(u64::from(line.quantity), "mailbox", "mailboxes"),
        plural(u64::from(line.term_months), "month", "months"),
    ];
    if line.discount != Percent(0) {
        parts.push(format!("{} off", line.discount));
    }
    parts.join(" · ")
}

fn product_name(product: Option<&Product>, id: ProductId) -> String {
    match product {
        Some(p) if !p.name.trim().is_empty() => p.name.trim().to_owned(),
        Some(p) if !p.sku.trim().is_empty() => p.sku.trim().to_owned(),
        _ => id.to_string(),
    }
}

/// `Total $33,168.58 (cost $26,534.86, margin $6,633.72 · 20%)`.
pub fn totals(t: &QuoteTotals) -> String {
    format!(
        "Total {} (cost {}, margin {} · {})",
        t.total,
        t.cost_total,
        t.margin,
        portal_core::money::format_signed_bp(t.margin_bp)
    )
}

/// `po.pdf (12 KB)`.
pub fn attachment(a: &Attachment) -> String {
    format!("{} ({})", a.file_name.trim(), file_size(a.size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::money::{Currency, Money};
    use serde_json::json;
    use uuid::Uuid;

    fn product(n: u128, name: &str, sku: &str) -> Product {
        serde_json::from_value(json!({
            "id": ProductId::from_uuid(Uuid::from_u128(n)),
            "sku": sku,
            "name": name,
            "description": "",
            "unit": "mailbox/month",
            "list_price": {"minor": 300, "currency": "USD"},
            "discount_cap_bp": 1500,
            "active": true,
            "price_tiers": [],
            "term_discounts": [],
        }))
        .unwrap()
    }

    fn line(product_id: ProductId, quantity: u32, term_months: u32, discount: u32) -> QuoteLine {
        QuoteLine {
            product_id,
            quantity,
            term_months,
            discount: Percent(discount),
        }
    }

    fn entered(field: &str, value: Value) -> EnteredValue {
        EnteredValue {
            field: field.into(),
            value,
        }
    }

    #[test]
    fn a_quotes_lines_and_totals_read_as_words() {
        let gateway = product(1, "Bastion Email Security Gateway", "BM-GW");
        let unnamed = product(2, "", "BM-ARC");
        let gone = ProductId::from_uuid(Uuid::from_u128(3));
        let lines = [
            line(gateway.id, 450, 36, 1250),
            line(unnamed.id, 1200, 12, 0),
            line(gone, 1, 24, 800),
        ];
        let usd = |minor| Money::new(minor, Currency::USD);
        let totals = QuoteTotals {
            rrp_total: usd(4_100_000),
            total: usd(3_316_858),
            cost_total: usd(2_653_486),
            margin: usd(663_372),
            margin_bp: 2000,
        };
        let mut values = vec![
            entered("lines", serde_json::to_value(lines).unwrap()),
            entered("totals", serde_json::to_value(totals).unwrap()),
            entered("notes", json!("Renewal in spring.")),
        ];
        describe_values(Entity::Quote, &mut values, &[gateway, unnamed]);
        assert_eq!(
            values[0].value,
            json!([
                "Bastion Email Security Gateway · 450 mailboxes · 36 months · 12.5% off",
                "BM-ARC · 1,200 mailboxes · 12 months",
                format!("{gone} · 1 mailbox · 24 months · 8% off"),
            ])
        );
        assert_eq!(
            values[1].value,
            json!("Total $33,168.58 (cost $26,534.86, margin $6,633.72 · 20%)")
        );
        assert_eq!(values[2].value, json!("Renewal in spring."));
    }

    #[test]
    fn an_orders_address_is_one_line_and_its_po_file_a_name_and_size() {
        let address = Address {
            line1: "1 Canada Square".into(),
            line2: String::new(),
            city: "London".into(),
            region: String::new(),
            postal_code: "E14 5AB".into(),
            country: "United Kingdom".into(),
        };
        let po = Attachment {
            file_name: "po.pdf".into(),
            content_type: "application/pdf".into(),
            size: 12 * 1024 + 100,
            sha256: "0".repeat(64),
        };
        let mut values = vec![
            entered("address", serde_json::to_value(&address).unwrap()),
            entered("po_attachment", serde_json::to_value(&po).unwrap()),
        ];
        let mut conflicts = vec![FieldConflict {
            field: "po_attachment".into(),
            yours: serde_json::to_value(&po).unwrap(),
            theirs: Value::Null,
        }];
        describe_values(Entity::Order, &mut values, &[]);
        describe_conflicts(Entity::Order, &mut conflicts, &[]);
        assert_eq!(
            values[0].value,
            json!("1 Canada Square, London, E14 5AB, United Kingdom")
        );
        assert_eq!(values[1].value, json!("po.pdf (12 KB)"));
        assert_eq!(conflicts[0].yours, json!("po.pdf (12 KB)"));
        assert_eq!(conflicts[0].theirs, Value::Null);

        // A prospect's address is the UI's to lay out, line by line.
        let mut prospect = vec![entered("address", serde_json::to_value(&address).unwrap())];
        describe_values(Entity::Prospect, &mut prospect, &[]);
        assert!(prospect[0].value.is_object());
    }
}
