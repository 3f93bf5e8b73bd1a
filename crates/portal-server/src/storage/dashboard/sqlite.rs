//! The Dashboard's SQL for SQLite: figures read out of the records' JSON bodies (`->>`), statuses
//! filtered by a JSON array of names.

use crate::error::{Error, Result};
use crate::storage::sqlite::{count, date_text, Connection};
use chrono::NaiveDate;
use portal_core::dashboard::{
    case_status, json_names, read_all, CustomerRows, DealRow, OrderRow, QuoteRow, RenewalRow, Rows,
    SubscriptionRow, IN_PROGRESS, PIPELINE_STATUSES,
};
use portal_core::ids::{PartnerId, UserId};

/// The rows without the news.
pub async fn rows(
    c: &mut Connection,
    partner: PartnerId,
    owner: Option<UserId>,
    customers_area: bool,
    today: NaiveDate,
) -> Result<Rows> {
    let partner = partner.to_string();
    // None: every owner's records.
    let owner = owner.map(|o| o.to_string());

    let quotes: Vec<(String, bool, String, i64, i64, String)> = sqlx::query_as(
        "SELECT status, (body ->> '$.superseded_by') IS NOT NULL, valid_until,
                CAST(body ->> '$.totals.rrp_total.minor' AS INTEGER),
                CAST(body ->> '$.totals.cost_total.minor' AS INTEGER),
                body ->> '$.currency'
         FROM quotes
         WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)
           AND status IN (SELECT value FROM json_each(?3))",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .bind(json_names(&PIPELINE_STATUSES))
    .fetch_all(&mut *c)
    .await?;
    let quotes = read_all(quotes, QuoteRow::read).map_err(Error::corrupt)?;

    let deals: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, CAST(body ->> '$.estimated_value.minor' AS INTEGER),
                body ->> '$.estimated_value.currency'
         FROM deals WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .fetch_all(&mut *c)
    .await?;
    let deals = read_all(deals, DealRow::read).map_err(Error::corrupt)?;

    let orders: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT status, CAST(body ->> '$.total.minor' AS INTEGER), body ->> '$.total.currency'
         FROM orders
         WHERE partner_id = ?1 AND (?2 IS NULL OR owner_id = ?2)
           AND status IN (SELECT value FROM json_each(?3))",
    )
    .bind(&partner)
    .bind(owner.as_deref())
    .bind(json_names(&IN_PROGRESS))
    .fetch_all(&mut *c)
    .await?;
    let orders = read_all(orders, OrderRow::read).map_err(Error::corrupt)?;

    let customers = if customers_area {
        Some(customer_rows(c, &partner, today).await?)
    } else {
        None
    };

    Ok(Rows {
        quotes,
        deals,
        orders,
        customers,
        news: Vec::new(),
    })
}

/// The firm's Customers-area rows.
async fn customer_rows(
    c: &mut Connection,
    partner: &str,
    today: NaiveDate,
) -> Result<CustomerRows> {
    let today = date_text(today);
    let (customers,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM customers WHERE partner_id = ?1")
            .bind(partner)
            .fetch_one(&mut *c)
            .await?;

    let subscriptions: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT s.customer_id, s.seats, s.starts_on, s.ends_on
         FROM subscriptions s JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND s.starts_on <= ?2 AND s.ends_on >= ?2",
    )
    .bind(partner)
    .bind(&today)
    .fetch_all(&mut *c)
    .await?;
    let subscriptions = read_all(subscriptions, SubscriptionRow::read).map_err(Error::corrupt)?;

    let renewals: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT r.due_on, r.value_minor, r.currency, 1
         FROM renewals r JOIN subscriptions s ON s.id = r.subscription_id
              JOIN customers c ON c.id = s.customer_id
         WHERE c.partner_id = ?1 AND r.due_on >= ?2",
    )
    .bind(partner)
    .bind(&today)
    .fetch_all(&mut *c)
    .await?;
    let renewals = read_all(renewals, RenewalRow::read).map_err(Error::corrupt)?;

    let statuses: Vec<(String,)> =
        sqlx::query_as("SELECT status FROM support_cases WHERE partner_id = ?1")
            .bind(partner)
            .fetch_all(&mut *c)
            .await?;

    Ok(CustomerRows {
        customers: count("customers", customers)?,
        subscriptions,
        seats: None,
        renewals,
        support_case_statuses: read_all(statuses, |(s,)| case_status(s)).map_err(Error::corrupt)?,
    })
}
