//! Bulk loading for SQLite: one multi-row `INSERT` per batch (its text is the same for every full
//! batch, so its prepared statement is reused), and `DELETE` of every table.

use super::Value;
use crate::error::Result;
use crate::storage::sqlite::{date_text, instant_text, Connection};

/// Tables in an order that deletes children before parents.
const TABLES: &[&str] = &[
    "applied_mutation",
    "sync_clients",
    "past_owners",
    "change_log",
    "sync_counter",
    "counters",
    "lead_decisions",
    "landing_views",
    "landing_posts",
    "leads",
    "campaigns",
    "profile_logos",
    "marketing_profiles",
    "campaign_kits",
    "resource_uses",
    "resource_files",
    "resource_versions",
    "resources",
    "resource_blobs",
    "orders",
    "quotes",
    "attachments",
    "vendor_sessions",
    "vendor_staff",
    "deals",
    "prospects",
    "sessions",
    "login_attempts",
    "support_cases",
    "invoices",
    "renewals",
    "subscriptions",
    "customers",
    "users",
    "partner_account_team",
    "account_managers",
    "partners",
    "price_tiers",
    "term_discounts",
    "products",
    "news",
    "courses",
];

pub async fn empty_all(c: &mut Connection) -> Result<()> {
    for table in TABLES {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let one = format!("({})", vec!["?"; columns.len()].join(", "));
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        vec![one; rows].join(", ")
    )
}

pub async fn insert(
    c: &mut Connection,
    table: &str,
    columns: &[&str],
    rows: usize,
    values: Vec<Value>,
) -> Result<()> {
    let sql = insert_sql(table, columns, rows);
    let mut query = sqlx::query(&sql);
    for v in values {
        query = match v {
            Value::Text(s) => query.bind(s),
            Value::Int(i) => query.bind(i),
            Value::Date(d) => query.bind(date_text(d)),
            Value::Instant(t) => query.bind(instant_text(t)),
            Value::Null => query.bind(None::<String>),
        };
    }
    query.execute(&mut *c).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_has_one_placeholder_group_per_row() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }
}
